"""Import and export of leads, claims and slips (admin), and the logged exports of the lead list
and of HR's slip list (SEC-2).

Admin imports are all-or-nothing (django-import-export runs a dry run first and reports every
bad row); lead phones are normalized and the address key and size class recomputed per row, so
the one-open-lead constraints hold.
"""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources

from core.spreadsheets import (
    DATE,
    DATETIME,
    INTEGER,
    MONEY,
    NUMBER,
    Column,
    book_bytes,
    csv_text,
    export_filename,
    file_response,
    new_book,
    write_sheet,
)
from staff.exports import record_export
from staff.models import Staff
from staff.phones import mask_phone
from staff.resources import OfficeColumns, PersonWidget, PhoneWidget, SuperuserOnlyColumns

from .models import Lead, OwnershipClaim, TransferSlip
from .queries.access import shows_full_phone
from .rules.intake import normalize_address
from .services.intake import size_class_for


class StaffNumberWidget(PersonWidget):
    """Staff by employee number on import (or an export's "name (number)"), by name on export."""


class LeadResource(OfficeColumns, SuperuserOnlyColumns, resources.ModelResource):
    """Leads in the admin. The importer is the creator of new leads; state, owner and designer
    are the administrator's to import (historical data), and an existing lead's state changes
    only through its services, never through a file (SEC-5)."""

    superuser_only_columns = ("state", "owner", "designer")
    template_examples = {  # the import template (issue 19)
        "customer_name": "李女士",
        "phone": "13912345678",
        "community": "阳光小区",
        "building": "3号楼1单元301",
        "area_m2": 98.5,
        "budget": 150000,
        "size_class": "",
        "planned_decoration_date": "2026-06-01",
        "consultation_date": "2026-03-02",
        "brought_by": "",
        "owner": "",
        "designer": "",
        "notes": "周末上门量房",
    }
    template_notes = {
        "size_class": gettext_lazy("Worked out from the budget on import; leave it empty."),
        "brought_by": gettext_lazy(
            "The employee number of who brought the customer; may be empty."
        ),
    }
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


class ClaimResource(OfficeColumns, resources.ModelResource):
    template_examples = {"lead": 1, "note": ""}  # the import template (issue 19)
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

    customer = fields.Field(column_name=gettext_lazy("Customer"))
    address = fields.Field(column_name=gettext_lazy("Address"))
    channel_date = fields.Field(column_name=gettext_lazy("Consultation date"))
    salesperson = fields.Field(column_name=gettext_lazy("Salesperson"))
    designer = fields.Field(column_name=gettext_lazy("Designer"))
    marketing_signature = fields.Field(column_name=gettext_lazy("Marketing manager"))
    store_signature = fields.Field(column_name=gettext_lazy("Store manager"))
    filled_at = fields.Field(attribute="filled_at", column_name=gettext_lazy("Filled at"))
    dispatched_at = fields.Field(
        attribute="dispatched_at", column_name=gettext_lazy("Dispatched at")
    )

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


def _name(person) -> str:
    return person.get_full_name() if person else ""


def _label(field_name: str):
    """The lead field's label as the pages show it, in the reader's language."""
    return capfirst(Lead._meta.get_field(field_name).verbose_name)


def lead_columns() -> list[Column]:
    return [
        Column(_("Number"), INTEGER),
        Column(_label("customer_name")),
        Column(_label("phone")),
        Column(_label("community")),
        Column(_label("building")),
        Column(_label("area_m2"), NUMBER),
        Column(_label("budget"), MONEY),
        Column(_label("size_class")),
        Column(_label("planned_decoration_date"), DATE),
        Column(_label("channel")),
        Column(_label("consultation_date"), DATE),
        Column(_label("brought_by")),
        Column(_label("state")),
        Column(_label("owner")),
        Column(_label("designer")),
        Column(_label("notes")),
        Column(_label("created_at"), DATETIME),
    ]


def lead_row(lead: Lead, viewer: Staff) -> list:
    """One lead as its export row: labels for codes, people by name, the phone as the viewer may
    see it (SEC-1)."""
    phone = lead.phone if shows_full_phone(viewer, lead) else mask_phone(lead.phone)
    return [
        lead.pk,
        lead.customer_name,
        phone,
        lead.community,
        lead.building,
        lead.area_m2,
        lead.budget,
        lead.get_size_class_display() if lead.size_class else "",
        lead.planned_decoration_date,
        lead.get_channel_display(),
        lead.consultation_date,
        _name(lead.brought_by),
        lead.get_state_display(),
        _name(lead.owner),
        _name(lead.designer),
        lead.notes,
        lead.created_at,
    ]


def slip_columns() -> list[Column]:
    return [
        Column(_("Number"), INTEGER),
        Column(_("Customer")),
        Column(_("Address")),
        Column(_("Consultation date"), DATE),
        Column(_("Salesperson")),
        Column(_("Designer")),
        Column(_("Marketing manager")),
        Column(_("Store manager")),
        Column(_("Filled at"), DATETIME),
        Column(_("Dispatched at"), DATETIME),
    ]


def _signature(slip: TransferSlip, step: str) -> str:
    found = [s for s in slip.signatures.all() if s.step == step]
    if not found:
        return ""
    return f"{found[0].signed_by_label} {timezone.localtime(found[0].signed_at):%Y-%m-%d}"


def slip_row(slip: TransferSlip) -> list:
    return [
        slip.pk,
        slip.lead.customer_name,
        slip.lead.address,
        slip.lead.consultation_date,
        _name(slip.salesperson),
        _name(slip.designer),
        _signature(slip, "MARKETING_MANAGER"),
        _signature(slip, "STORE_MANAGER"),
        slip.filled_at,
        slip.dispatched_at,
    ]


def _respond(
    columns: list[Column],
    rows: list[list],
    *,
    by: Staff,
    what: str,
    name,
    file_format: str,
    filters,
) -> HttpResponse:
    """Serve the file and log who exported what (SEC-2); text is never a formula (SEC-7)."""
    record_export(by=by, what=what, file_format=file_format, row_count=len(rows), filters=filters)
    if file_format == "xlsx":
        book = new_book()
        write_sheet(book, name, columns, rows)
        content = book_bytes(book)
    else:
        content = csv_text(columns, rows)
    return file_response(content, export_filename(name, file_format))


def export_leads(leads, *, by: Staff, file_format: str, filters) -> HttpResponse:
    rows = [lead_row(lead, by) for lead in leads]
    return _respond(
        lead_columns(),
        rows,
        by=by,
        what="leads",
        name=_("Leads"),
        file_format=file_format,
        filters=filters,
    )


def export_slips(slips, *, by: Staff, file_format: str, filters) -> HttpResponse:
    rows = [slip_row(slip) for slip in slips]
    return _respond(
        slip_columns(),
        rows,
        by=by,
        what="transfer-slips",
        name=_("Transfer slips"),
        file_format=file_format,
        filters=filters,
    )
