"""The shape of the API's input and output (validation of shape only; the services decide)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from staff.phones import InvalidPhone, normalize_phone

from .rules import MAX_BATCH, month_start


class LeadInSerializer(serializers.Serializer):
    customer_name = serializers.CharField(max_length=50, label=_("customer name"))
    phone = serializers.CharField(max_length=40, label=_("phone"))
    community = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    address = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Building, unit and room."),
    )
    area_m2 = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=Decimal("0.01"), required=False, allow_null=True
    )
    budget = serializers.DecimalField(
        max_digits=12, decimal_places=0, min_value=Decimal(0), required=False, allow_null=True
    )
    planned_decoration_month = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="YYYY-MM"
    )
    reference = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("The client's own id of the lead: the same reference again is a retry."),
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    def validate_phone(self, value: str) -> str:
        try:
            return normalize_phone(value)
        except InvalidPhone as exc:
            raise serializers.ValidationError(exc.message, code=exc.reason.lower()) from exc

    def validate_planned_decoration_month(self, value: str):
        if not value:
            return None
        try:
            return month_start(value)
        except ValueError:
            raise serializers.ValidationError(
                _("Write the month as YYYY-MM, e.g. 2026-05."), code="invalid"
            ) from None


class LeadRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField(allow_null=True)


class LeadOutSerializer(serializers.Serializer):
    lead = LeadRefSerializer()
    created = serializers.BooleanField()
    attached = serializers.BooleanField(
        help_text=_("True when the customer was already registered: the lead was recorded on it.")
    )
    message = serializers.CharField()


class ProgressSerializer(serializers.Serializer):
    reference = serializers.CharField()
    lead = serializers.IntegerField(required=False)
    status = serializers.ChoiceField(
        choices=["registered", "dispatched", "measured", "signed", "closed", "already_registered"]
    )
    attached = serializers.BooleanField()
    phone = serializers.CharField(required=False, help_text=_("Masked: 138****5678."))
    registered_on = serializers.DateField(required=False, allow_null=True)
    dispatched_on = serializers.DateField(required=False, allow_null=True)
    measured_on = serializers.DateField(required=False, allow_null=True)
    signed_on = serializers.DateField(required=False, allow_null=True)
    closed_on = serializers.DateField(required=False, allow_null=True)
    received_on = serializers.DateField(required=False)


class CallSerializer(serializers.Serializer):
    """One call as the phone system knows it; the values are checked by the import's rules."""

    call_id = serializers.CharField()
    employee_no = serializers.CharField()
    start_time = serializers.CharField(help_text="YYYY-MM-DD HH:MM:SS (Beijing time)")
    ring_seconds = serializers.IntegerField()
    talk_seconds = serializers.IntegerField()
    satisfaction = serializers.IntegerField(required=False, allow_null=True, help_text="1-5")
    first_contact_resolved = serializers.BooleanField(required=False)
    complaint = serializers.BooleanField(required=False)


class PunchSerializer(serializers.Serializer):
    employee_no = serializers.CharField()
    time = serializers.CharField(help_text="ISO 8601, or YYYY-MM-DD HH:MM:SS (Beijing time)")
    device = serializers.CharField(required=False, allow_blank=True)


class BatchInSerializer(serializers.Serializer):
    """`records`: a list of at most 1,000 objects; each is checked on its own by the service, so
    one bad record does not refuse the batch."""

    records = serializers.ListField(
        child=serializers.DictField(), min_length=1, max_length=MAX_BATCH
    )


class RecordErrorSerializer(serializers.Serializer):
    field = serializers.CharField(allow_null=True)
    code = serializers.CharField()
    message = serializers.CharField()


class AcceptedSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    call_id = serializers.CharField(required=False)
    result = serializers.ChoiceField(choices=["created", "duplicate"])


class RejectedSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    call_id = serializers.CharField(required=False)
    errors = RecordErrorSerializer(many=True)


class BatchOutSerializer(serializers.Serializer):
    received = serializers.IntegerField()
    created = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    rejected_count = serializers.IntegerField()
    accepted = AcceptedSerializer(many=True)
    rejected = RejectedSerializer(many=True)


class ErrorsSerializer(serializers.Serializer):
    errors = RecordErrorSerializer(many=True)


class CallBatchSerializer(serializers.Serializer):
    """The documented body of POST /api/v1/calls/."""

    records = CallSerializer(many=True, max_length=MAX_BATCH)


class PunchBatchSerializer(serializers.Serializer):
    """The documented body of POST /api/v1/clock-records/."""

    records = PunchSerializer(many=True, max_length=MAX_BATCH)
