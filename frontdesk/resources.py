"""Call records from the phone system (FD-7): CSV or XLSX import, all or nothing.

Columns (English or the phone system's Chinese headers): employee_no 工号, start_time 开始时间
(YYYY-MM-DD HH:MM[:SS], Beijing time), ring_seconds 振铃秒数, talk_seconds 通话秒数,
satisfaction 满意度 (1-5 or empty), first_contact_resolved 首次解决 (1/0, 是/否, Y/N),
complaint 投诉 (same).

- A call already stored, or repeated in the file, is skipped: (agent, start time) identifies it.
- Any bad row is reported with its row number and every reason, and nothing is imported.
- The days a good file touched get their metrics recomputed once the import has committed.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from staff.imports import ImportOutcome, import_upload
from staff.models import Staff

from .models import CallRecord

HEADERS = [
    "employee_no",
    "start_time",
    "ring_seconds",
    "talk_seconds",
    "satisfaction",
    "first_contact_resolved",
    "complaint",
]
CHINESE_HEADERS = dict(
    zip(
        ["工号", "开始时间", "振铃秒数", "通话秒数", "满意度", "首次解决", "投诉"],
        HEADERS,
        strict=True,
    )
)
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M")
TRUE = {"1", "y", "yes", "true", "t", "是"}
FALSE = {"", "0", "n", "no", "false", "f", "否"}


def parse_start(value) -> datetime:
    """A local time as text (or an Excel datetime) -> aware datetime; ValueError when not."""
    if isinstance(value, datetime):
        moment = value
    else:
        text = str(value or "").strip()
        for fmt in TIME_FORMATS:
            try:
                moment = datetime.strptime(text, fmt)  # noqa: DTZ007 - made aware below
                break
            except ValueError:
                continue
        else:
            raise ValueError(text)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def parse_count(value) -> int:
    """Whole seconds, not negative ('12', 12, 12.0)."""
    number = float(str(value).strip()) if value not in (None, "") else float("nan")
    if number != number or number < 0 or number != int(number):
        raise ValueError(value)
    return int(number)


def parse_satisfaction(value) -> int | None:
    if value in (None, "") or str(value).strip() == "":
        return None
    score = parse_count(value)
    if not 1 <= score <= 5:
        raise ValueError(value)
    return score


def parse_flag(value) -> bool:
    text = str(value if value is not None else "").strip().lower()
    if isinstance(value, bool):
        return value
    if text.endswith(".0"):
        text = text[:-2]
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise ValueError(value)


SECONDS_MESSAGE = gettext_lazy("Not a whole number of seconds.")
FLAG_MESSAGE = gettext_lazy("Write 1 or 0 (是 or 否).")
PARSERS = (
    ("start_time", parse_start, gettext_lazy("Not a time (YYYY-MM-DD HH:MM:SS).")),
    ("ring_seconds", parse_count, SECONDS_MESSAGE),
    ("talk_seconds", parse_count, SECONDS_MESSAGE),
    ("satisfaction", parse_satisfaction, gettext_lazy("Satisfaction is 1 to 5, or empty.")),
    ("first_contact_resolved", parse_flag, FLAG_MESSAGE),
    ("complaint", parse_flag, FLAG_MESSAGE),
)


class AgentWidget(widgets.ForeignKeyWidget):
    def __init__(self) -> None:
        super().__init__(Staff, field="employee_no")

    def clean(self, value, row=None, **kwargs):
        number = str(value or "").strip()
        agent = Staff.objects.filter(employee_no=number).first() if number else None
        if agent is None:
            raise ValueError(_("Unknown employee number: %(no)s") % {"no": number or "-"})
        return agent

    def render(self, value, obj=None, **kwargs) -> str:
        return value.employee_no if value else ""


class ParsedWidget(widgets.Widget):
    """The row holds the parsed value already (before_import_row); export renders it."""

    def clean(self, value, row=None, **kwargs):
        return value

    def render(self, value, obj=None, **kwargs):
        if isinstance(value, datetime):
            return f"{timezone.localtime(value):%Y-%m-%d %H:%M:%S}"
        if isinstance(value, bool):
            return "1" if value else "0"
        return "" if value is None else value


def _field(attribute: str, column: str) -> fields.Field:
    return fields.Field(attribute=attribute, column_name=column, widget=ParsedWidget())


class CallRecordResource(resources.ModelResource):
    HEADERS = HEADERS

    agent = fields.Field(attribute="agent", column_name="employee_no", widget=AgentWidget())
    started_at = _field("started_at", "start_time")
    ring_seconds = _field("ring_seconds", "ring_seconds")
    talk_seconds = _field("talk_seconds", "talk_seconds")
    satisfaction = _field("satisfaction", "satisfaction")
    resolved_first_contact = _field("resolved_first_contact", "first_contact_resolved")
    complaint = _field("complaint", "complaint")

    class Meta:
        model = CallRecord
        import_id_fields = ["agent", "started_at"]
        fields = [
            "agent",
            "started_at",
            "ring_seconds",
            "talk_seconds",
            "satisfaction",
            "resolved_first_contact",
            "complaint",
        ]
        export_order = fields
        report_skipped = True

    def before_import(self, dataset, **kwargs) -> None:
        self._days: set[date] = set()
        self._now = timezone.now()

    def before_import_row(self, row, **kwargs) -> None:
        """Parse every column; all the problems of a row are reported together."""
        errors: dict[str, str] = {}
        number = str(row.get("employee_no") or "").strip()
        if not number or not Staff.objects.filter(employee_no=number).exists():
            errors["employee_no"] = _("Unknown employee number: %(no)s") % {"no": number or "-"}
        parsed = {}
        for column, parse, message in PARSERS:
            try:
                parsed[column] = parse(row.get(column))
            except (ValueError, TypeError):
                errors[column] = str(message)
        start = parsed.get("start_time")
        if start is not None and start > self._now:
            errors["start_time"] = _("The call starts in the future.")
        if errors:
            raise ValidationError(errors)
        row.update(parsed)

    def skip_row(self, instance, original, row, import_validation_errors=None) -> bool:
        """A call already stored (or earlier in this file) is skipped, not updated."""
        if import_validation_errors:
            return False
        return original is not None and original.pk is not None

    def before_save_instance(self, instance, row, **kwargs) -> None:
        user = kwargs.get("user")
        if isinstance(user, Staff):
            instance.imported_by = user

    def after_save_instance(self, instance, row, **kwargs) -> None:
        self._days.add(timezone.localdate(instance.started_at))

    def after_import(self, dataset, result, **kwargs) -> None:
        """Recompute the days the file added calls to, once the import has committed."""
        if kwargs.get("dry_run") or result.has_errors() or result.has_validation_errors():
            return
        days = sorted(self._days)
        transaction.on_commit(lambda: recompute_days(days))


def recompute_days(days: list[date]) -> None:
    from .services.quality import compute_daily_metrics

    for day in days:
        compute_daily_metrics(day=day)


# ------------------------------------------------------------------------------------------------
# The in-app import page (the customer manager is not an admin user)
# ------------------------------------------------------------------------------------------------


def import_call_file(upload, *, by: Staff) -> ImportOutcome:
    """All or nothing: row errors are returned and the whole transaction is rolled back."""
    return import_upload(
        CallRecordResource(), upload, by=by, required=HEADERS, header_aliases=CHINESE_HEADERS
    )
