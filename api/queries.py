"""Read side of the API: what a client may see of the leads it sent."""

from django.db.models import Min, Q
from django.utils import timezone

from staff.phones import mask_phone

from .models import IntakeRecord, IntegrationClient
from .rules import progress


def lead_progress(*, client: IntegrationClient, reference: str) -> dict | None:
    """The progress of the lead this client sent under `reference`, or None (404).

    Only stages and dates: no staff, no customer data beyond the masked phone. A lead the
    client's intake was attached to (the customer was already registered by someone else) is
    not the client's: it gets no progress, only that it was already registered.
    """
    record = (
        IntakeRecord.objects.filter(client=client, reference=reference, lead__isnull=False)
        .select_related("lead", "lead__measurement")
        .annotate(
            signed_on=Min(
                "lead__contracts__signed_on",
                filter=Q(lead__contracts__refunded_at__isnull=True),
            )
        )
        .first()
    )
    if record is None:
        return None
    if not record.created_lead:
        return {
            "reference": reference,
            "status": "already_registered",
            "attached": True,
            "received_on": record.created_at.date().isoformat(),
        }
    return _progress_body(record, reference)


def _progress_body(record: IntakeRecord, reference: str) -> dict:
    lead = record.lead
    measurement = getattr(lead, "measurement", None)

    def day(moment):
        return timezone.localdate(moment) if moment else None

    stage = progress(
        state=lead.state,
        registered_on=day(lead.created_at),
        dispatched_on=day(lead.dispatched_at),
        measured_on=measurement.measured_on if measurement else None,
        signed_on=record.signed_on,
        closed_on=day(lead.closed_at),
    )
    return {
        "reference": reference,
        "lead": lead.pk,
        "status": stage.status,
        "attached": False,
        "phone": mask_phone(lead.phone),
        "registered_on": _iso(stage.registered_on),
        "dispatched_on": _iso(stage.dispatched_on),
        "measured_on": _iso(stage.measured_on),
        "signed_on": _iso(stage.signed_on),
        "closed_on": _iso(stage.closed_on),
    }


def _iso(value) -> str | None:
    return value.isoformat() if value else None
