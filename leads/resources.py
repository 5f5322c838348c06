"""Import and export of leads, claims and slips (admin), and the logged exports of the lead list
and of HR's slip list (SEC-2).

Admin imports are all-or-nothing (django-import-export runs a dry run first and reports every
bad row); lead phones are normalized and the address key and size class recomputed per row, so
the one-open-lead constraints hold.
"""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from staff.exports import record_export
from staff.models import Staff
from staff.phones import mask_phone
from staff.resources import PhoneWidget, SuperuserOnlyColumns
from staff.spreadsheets import dataset_xlsx, safe_dataset

from .models import Lead, OwnershipClaim, TransferSlip
from .queries.access import shows_full_phone
from .rules.intake import normalize_address
from .services.intake import size_class_for

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class StaffNumberWidget(widgets.ForeignKeyWidget):
    """Staff by employee number, both ways."""

    def __init__(self) -> None:
        super().__init__(Staff, field="employee_no")


class LeadResource(SuperuserOnlyColumns, resources.ModelResource):
    """Leads in the admin. The importer is the creator of new leads; state, owner and designer
    are the administrator's to import (historical data), and an existing lead's state changes
    only through its services, never through a file (SEC-5)."""

    superuser_only_columns = ("state", "owner", "designer")
    phone = fields.Field(attribute="phone", column_name="phone", widget=PhoneWidget())
    brought_by = fields.Field(
        attribute="brought_by", column_name="brought_by", widget=StaffNumberWidget()
    )
    owner = fields.Field(attribute="owner", column_name="owner", widget=StaffNumberWidget())
    designer = fields.Field(
        attribute="designer", column_name="designer", widget=StaffNumberWidget()
    )

    class Meta:
        model = Lead
        fields = [
            "id",
            "customer_name",
            "phone",
            "community",
            "building",
            "area_m2",
            "budget",
            "size_class",
            "planned_decoration_date",
            "channel",
            "consultation_date",
            "brought_by",
            "state",
            "owner",
            "designer",
            "notes",
            "created_at",
        ]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True

    def after_init_instance(self, instance, new, row, **kwargs) -> None:
        # Before validation, which would refuse a lead without its creator.
        user = kwargs.get("user")
        if new and user is not None and not instance.created_by_id:
            instance.created_by = user

    def before_import_row(self, row, **kwargs) -> None:
        state, pk = row.get("state"), row.get("id")
        if state and pk and Lead.objects.filter(pk=pk).exclude(state=state).exists():
            raise ValidationError(
                {"state": _("A lead's state changes on its page, not through an import.")}
            )

    def before_save_instance(self, instance, row, **kwargs) -> None:
        instance.address_key = normalize_address(instance.community, instance.building)
        instance.size_class = size_class_for(instance.budget, instance.consultation_date)


class ClaimResource(resources.ModelResource):
    claimant = fields.Field(
        attribute="claimant", column_name="claimant", widget=StaffNumberWidget()
    )

    class Meta:
        model = OwnershipClaim
        fields = [
            "id",
            "lead",
            "claimant",
            "basis",
            "source",
            "recorded_at",
            "consultation_date",
            "appointment_at",
            "visit_at",
            "has_complete_details",
            "note",
        ]
        export_order = fields
        clean_model_instances = True


class SlipResource(resources.ModelResource):
    """HR's copy of a slip (SLIP-3): who, which customer, which designer, who signed when."""

    customer = fields.Field(column_name=_("customer"))
    address = fields.Field(column_name=_("address"))
    channel_date = fields.Field(column_name=_("consultation date"))
    salesperson = fields.Field(column_name=_("salesperson"))
    designer = fields.Field(column_name=_("designer"))
    marketing_signature = fields.Field(column_name=_("marketing manager"))
    store_signature = fields.Field(column_name=_("store manager"))
    filled_at = fields.Field(attribute="filled_at", column_name=_("filled at"))
    dispatched_at = fields.Field(attribute="dispatched_at", column_name=_("dispatched at"))

    class Meta:
        model = TransferSlip
        fields = export_order = [
            "id",
            "customer",
            "address",
            "channel_date",
            "salesperson",
            "designer",
            "marketing_signature",
            "store_signature",
            "filled_at",
            "dispatched_at",
        ]

    def dehydrate_customer(self, slip: TransferSlip) -> str:
        return slip.lead.customer_name

    def dehydrate_address(self, slip: TransferSlip) -> str:
        return slip.lead.address

    def dehydrate_channel_date(self, slip: TransferSlip) -> str:
        return slip.lead.consultation_date.isoformat()

    def dehydrate_salesperson(self, slip: TransferSlip) -> str:
        return slip.salesperson.get_full_name()

    def dehydrate_designer(self, slip: TransferSlip) -> str:
        return slip.designer.get_full_name() if slip.designer else ""

    def _signature(self, slip: TransferSlip, step: str) -> str:
        found = [s for s in slip.signatures.all() if s.step == step]
        return f"{found[0].signed_by_label} {found[0].signed_at:%Y-%m-%d}" if found else ""

    def dehydrate_marketing_signature(self, slip: TransferSlip) -> str:
        return self._signature(slip, "MARKETING_MANAGER")

    def dehydrate_store_signature(self, slip: TransferSlip) -> str:
        return self._signature(slip, "STORE_MANAGER")


class LeadExportResource(LeadResource):
    """The lead list's export: the phone as the exporting person may see it (SEC-1)."""

    def __init__(self, viewer: Staff) -> None:
        super().__init__()
        self.viewer = viewer

    def dehydrate_phone(self, lead: Lead) -> str:
        return lead.phone if shows_full_phone(self.viewer, lead) else mask_phone(lead.phone)


def _respond(dataset, *, by: Staff, what: str, file_format: str, filters) -> HttpResponse:
    """Serve the file and log who exported what (SEC-2); text is never a formula (SEC-7)."""
    record_export(
        by=by, what=what, file_format=file_format, row_count=len(dataset), filters=filters
    )
    if file_format == "xlsx":
        content = dataset_xlsx(dataset)
    else:  # BOM: Excel in China opens UTF-8 CSV correctly
        content = "\ufeff" + safe_dataset(dataset).export(file_format)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{what}-{stamp}.{file_format}"'
    return response


def export_leads(leads, *, by: Staff, file_format: str, filters) -> HttpResponse:
    dataset = LeadExportResource(by).export(leads)
    return _respond(dataset, by=by, what="leads", file_format=file_format, filters=filters)


def export_slips(slips, *, by: Staff, file_format: str, filters) -> HttpResponse:
    dataset = SlipResource().export(slips)
    return _respond(dataset, by=by, what="transfer-slips", file_format=file_format, filters=filters)
