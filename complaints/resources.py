"""Import and export of the complaint register (CSV/XLSX) in the admin.

Export is for the general manager: choice columns carry their readable labels. Import is for
historical complaints from the paper register: a file is all-or-nothing; every bad row is reported
with its row number and reason (unknown category, bad phone, a number already in the register or
out of sequence, a closed complaint without a reply …), and nothing is imported.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from staff.models import Department
from staff.resources import OfficeColumns, PhoneWidget

from . import queries, rules
from .models import (
    Channel,
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
    ComplaintStatus,
    Severity,
)
from .services import bump_counter

REQUIRED = ["received_at", "channel", "customer_name", "category", "severity", "summary"]


class ChoiceWidget(widgets.Widget):
    """Exports the readable label; imports the code (REPLIED) or a label in any UI language
    (已答复 or Replied), so a paper register typed up in Chinese imports for anyone."""

    def __init__(self, choices) -> None:
        super().__init__()
        self.choices = list(choices)

    def clean(self, value, row=None, **kwargs) -> str:
        text = str(value or "").strip()
        if not text:
            return ""
        for code, label in self.choices:
            if text.upper() == code or text in _spellings(label):
                return code
        raise ValueError(_("Unknown value: %(value)s") % {"value": text})

    def render(self, value, obj=None, **kwargs) -> str:
        return str(dict(self.choices).get(value, value or ""))


def _spellings(label) -> set[str]:
    spellings = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            spellings.add(str(label))
    return spellings


class CategoryWidget(widgets.ForeignKeyWidget):
    def __init__(self) -> None:
        super().__init__(ComplaintCategory, field="name")

    def clean(self, value, row=None, **kwargs):
        name = str(value or "").strip()
        if not name:
            return None
        category = ComplaintCategory.objects.filter(name=name).first()
        if category is None:
            raise ValueError(_("Unknown category: %(name)s") % {"name": name})
        return category


def _choice(name: str, choices) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=ChoiceWidget(choices))


class ComplaintResource(OfficeColumns, resources.ModelResource):
    template_examples = {  # the import template (issue 19): a registered complaint
        "number": "TS2026-0001",
        "received_at": "2026-03-02 09:30",
        "customer_name": "王先生",
        "phone": "13912345678",
        "address": "阳光小区3号楼1单元301",
        "category": "设计问题",
        "summary": "效果图与现场不符",
        "satisfaction": "",
    }
    template_notes = {
        "number": gettext_lazy(
            "Required. The register's number, like TS2026-0001; numbers of a year run without gaps."
        ),
        "category": gettext_lazy("Required. A category's name, as on the category list."),
        "satisfaction": gettext_lazy("The customer's score, 1 to 5; empty when none was given."),
    }
    channel = _choice("channel", Channel.choices)
    severity = _choice("severity", Severity.choices)
    status = _choice("status", ComplaintStatus.choices)
    responsible_department = _choice("responsible_department", Department.choices)
    reply_channel = _choice("reply_channel", Channel.choices)
    phone = fields.Field(attribute="phone", column_name="phone", widget=PhoneWidget())
    category = fields.Field(attribute="category", column_name="category", widget=CategoryWidget())

    class Meta:
        model = Complaint
        import_id_fields = ["number"]
        fields = [
            "number",
            "received_at",
            "channel",
            "customer_name",
            "phone",
            "address",
            "document_ref",
            "category",
            "severity",
            "summary",
            "status",
            "findings",
            "proposal",
            "handling_method",
            "responsible_department",
            "handling_record",
            "reply_channel",
            "reply_text",
            "replied_at",
            "follow_up_at",
            "follow_up_outcome",
            "satisfaction",
            "gm_report",
        ]
        export_order = fields
        clean_model_instances = False  # the checks below give readable, per-column reasons
        skip_unchanged = False

    def get_queryset(self):
        return Complaint.objects.select_related("category").order_by("year", "seq")

    # ---------------------------------------------------------------- whole-file checks

    def before_import(self, dataset, **kwargs) -> None:
        super().before_import(dataset, **kwargs)  # Chinese or English headers (issue 19)
        numbers = [str(n or "").strip() for n in dataset["number"]] if dataset.headers else []
        self._duplicates = {n for n, count in Counter(numbers).items() if count > 1}
        self._existing = set(
            Complaint.objects.filter(number__in=numbers).values_list("number", flat=True)
        )
        self._first_gap = _first_gaps(numbers)

    def before_import_row(self, row, **kwargs) -> None:
        errors = _number_errors(
            str(row.get("number") or "").strip(),
            duplicates=self._duplicates,
            existing=self._existing,
            first_gap=self._first_gap,
        )
        if errors:
            raise ValidationError({"number": errors})

    # ---------------------------------------------------------------- one complaint

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        for name in REQUIRED:
            if name not in errors and getattr(instance, _attname(name)) in (None, ""):
                errors[name] = _("This column is required.")
        if instance.received_at and instance.received_at > timezone.now():
            errors.setdefault("received_at", _("The time received cannot be in the future."))
        if instance.satisfaction is not None and not rules.check_satisfaction(
            instance.satisfaction
        ):
            errors.setdefault("satisfaction", _("Choose a score from 1 to 5."))
        errors.update(_status_errors(instance, errors))
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs) -> None:
        """Derived fields, as registration and the steps would have set them."""
        user = kwargs.get("user")
        number = rules.parse_complaint_number(instance.number)
        instance.year, instance.seq = number.year, number.seq
        instance.status = instance.status or ComplaintStatus.REGISTERED
        instance.registered_by = user
        instance.lead = queries.matching_lead(instance.phone)
        instance.investigation_due_at = queries.investigation_due(instance.received_at, user)
        if instance.follow_up_at:
            severity = rules.Severity(instance.severity)
            instance.follow_up_method = rules.follow_up_method(severity)
        times = [instance.received_at, instance.replied_at, instance.follow_up_at]
        instance.status_changed_at = max(moment for moment in times if moment)
        if instance.status == ComplaintStatus.CLOSED:
            instance.closed_at = instance.status_changed_at
        instance._history_user = user
        instance._change_reason = ComplaintEvent.IMPORTED.value

    def after_save_instance(self, instance, row, **kwargs) -> None:
        bump_counter(instance.year, instance.seq)


def _attname(name: str) -> str:
    return Complaint._meta.get_field(name).attname


def _status_errors(instance: Complaint, errors: dict) -> dict[str, str]:
    """CMP-7: a historical complaint carries every step its status implies (closed ⇒ replied)."""
    if "status" in errors:
        return {}
    status = rules.ComplaintStatus(instance.status or ComplaintStatus.REGISTERED)
    filled = {name for name in rules.REQUIRED_BY_STATUS[status] if getattr(instance, name)}
    label = ComplaintStatus(status).label
    return {
        name: _("Required for a complaint that is “%(status)s”.") % {"status": label}
        for name in rules.missing_for_status(status, filled)
        if name not in errors
    }


def _parse(number: str) -> rules.ComplaintNumber | None:
    try:
        return rules.parse_complaint_number(number)
    except ValueError:
        return None


def _first_gaps(numbers: list[str]) -> dict[int, int]:
    """Per year, the first number missing from the register plus this file (CMP-2: gapless)."""
    in_file: dict[int, set[int]] = defaultdict(set)
    for parsed in filter(None, map(_parse, numbers)):
        in_file[parsed.year].add(parsed.seq)
    gaps = {}
    for year, seqs in in_file.items():
        have = seqs | set(Complaint.objects.filter(year=year).values_list("seq", flat=True))
        missing = set(range(1, max(have) + 1)) - have
        if missing:
            gaps[year] = min(missing)
    return gaps


def _number_errors(number: str, *, duplicates, existing, first_gap) -> list[str]:
    parsed = _parse(number)
    if parsed is None:
        return [_("Not a complaint number like TS2024-0001: %(number)s") % {"number": number}]
    errors = []
    if number in duplicates:
        errors.append(_("Number %(number)s appears more than once.") % {"number": number})
    if number in existing:
        errors.append(_("Number %(number)s is already in the register.") % {"number": number})
    if parsed.year > timezone.localdate().year:
        errors.append(_("Number %(number)s is from a future year.") % {"number": number})
    gap = first_gap.get(parsed.year)
    if gap is not None and parsed.seq > gap:
        missing = rules.complaint_number(parsed.year, gap)
        errors.append(
            _("Numbers run without gaps: %(missing)s is missing before %(number)s.")
            % {"missing": missing, "number": number}
        )
    return errors
