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

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from core.spreadsheets import TemplateColumn, template_workbook
from staff.column_mapping import map_columns
from staff.imports import ImportOutcome, import_upload
from staff.models import ColumnPreset, Staff
from staff.resources import OfficeColumns, employee_number, person_label

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
        number = employee_number(value)
        agent = Staff.objects.filter(employee_no=number).first() if number else None
        if agent is None:
            raise ValueError(_("Unknown employee number: %(no)s") % {"no": number or "-"})
        return agent

    def render(self, value, obj=None, **kwargs) -> str:
        """The agent by name, with the employee number that tells two 王磊 apart (issue 19);
        the import reads the number back out of it."""
        return person_label(value)


class ParsedWidget(widgets.Widget):
    """The row holds the parsed value already (before_import_row); export renders it."""

    def clean(self, value, row=None, **kwargs):
        return value

    def render(self, value, obj=None, **kwargs):
        """Text for CSV; for xlsx (`force_native_type`) a naive Beijing datetime, so the cell is
        a real date. Flags read 是/否 (Yes/No), which the import takes back."""
        if isinstance(value, datetime):
            moment = timezone.localtime(value)
            if kwargs.get("force_native_type"):
                return moment.replace(tzinfo=None)
            return f"{moment:%Y-%m-%d %H:%M:%S}"
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        return "" if value is None else value


def _field(attribute: str, column: str) -> fields.Field:
    return fields.Field(attribute=attribute, column_name=column, widget=ParsedWidget())


class CallRecordResource(OfficeColumns, resources.ModelResource):
    HEADERS = HEADERS
    header_labels = {  # the phone system's words (issue 19); the agent is a name and a number
        "employee_no": gettext_lazy("Agent"),
        "start_time": gettext_lazy("Start time"),
        "ring_seconds": gettext_lazy("Ring seconds"),
        "talk_seconds": gettext_lazy("Talk seconds"),
        "first_contact_resolved": gettext_lazy("Resolved on first contact"),
    }
    template_examples = {
        "employee_no": "T0001",
        "start_time": "2026-03-02 09:15:00",
        "ring_seconds": 6,
        "talk_seconds": 185,
        "satisfaction": 5,
        "first_contact_resolved": 1,
        "complaint": 0,
    }
    template_notes = {
        "employee_no": gettext_lazy("The agent's employee number, as on the staff page."),
        "start_time": gettext_lazy("When the call started, Beijing time: YYYY-MM-DD HH:MM:SS."),
        "ring_seconds": gettext_lazy("Whole seconds the phone rang before it was answered."),
        "talk_seconds": gettext_lazy("Whole seconds of talk."),
        "satisfaction": gettext_lazy("The customer's score, 1 to 5; empty when none was given."),
        "first_contact_resolved": gettext_lazy("1 or 0 (是 or 否); empty means no."),
        "complaint": gettext_lazy("1 or 0 (是 or 否); empty means no."),
    }

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

    @classmethod
    def header_aliases(cls) -> dict[str, str]:
        """The export's headers, and those of the in-app page and the phone system (工号 …)."""
        extra = {" ".join(k.split()).lower(): v for k, v in call_aliases().items()}
        return {**extra, **super().header_aliases()}

    def before_import(self, dataset, **kwargs) -> None:
        super().before_import(dataset, **kwargs)  # Chinese or English headers (issue 19)
        self._days: set[date] = set()
        self._now = timezone.now()

    def before_import_row(self, row, **kwargs) -> None:
        """Parse every column; all the problems of a row are reported together."""
        errors: dict[str, str] = {}
        number = employee_number(row.get("employee_no"))
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


def _labels() -> dict[str, str]:
    return {
        "employee_no": _("Employee number"),
        "start_time": _("Start time"),
        "ring_seconds": _("Ring seconds"),
        "talk_seconds": _("Talk seconds"),
        "satisfaction": _("Satisfaction"),
        "first_contact_resolved": _("Resolved on first contact"),
        "complaint": _("Complaint"),
    }


# Columns a file may leave out: an empty value is read as "no score" / "no".
OPTIONAL = ("satisfaction", "first_contact_resolved", "complaint")


def call_aliases() -> dict[str, str]:
    """Header -> column: our names, the phone system's Chinese headers, and the template's
    headers in Chinese and English."""
    aliases = dict(CHINESE_HEADERS)
    for language in ("zh-hans", "en"):
        with translation.override(language):
            aliases.update({str(label): name for name, label in _labels().items()})
    return aliases


def call_template() -> bytes:
    """The import template (issue 19): headers in the reader's language, an example, notes."""
    labels = _labels()
    flag = _("1 or 0 (是 or 否); empty means no.")
    notes = {
        "employee_no": _("The agent's employee number, as on the staff page."),
        "start_time": _("When the call started, Beijing time: YYYY-MM-DD HH:MM:SS."),
        "ring_seconds": _("Whole seconds the phone rang before it was answered."),
        "talk_seconds": _("Whole seconds of talk."),
        "satisfaction": _("The customer's score, 1 to 5; empty when none was given."),
        "first_contact_resolved": flag,
        "complaint": flag,
    }
    examples = {
        "employee_no": "T0001",
        "start_time": "2026-03-02 09:15:00",
        "ring_seconds": 6,
        "talk_seconds": 185,
        "satisfaction": 5,
        "first_contact_resolved": 1,
        "complaint": 0,
    }
    columns = [TemplateColumn(labels[n], examples[n], notes[n]) for n in HEADERS]
    return template_workbook(_("Call records"), columns)


def call_transform(preset: ColumnPreset | None = None):
    """The reshaping of a read file: our/Chinese/English headers, or a preset's mapping (with
    which the optional columns a phone system does not write are added empty)."""

    def transform(dataset: tablib.Dataset) -> tablib.Dataset:
        mapping = call_aliases()
        if preset is not None:
            mapping.update(preset.mapping)
        names = map_columns(dataset.headers or [], mapping)
        keep = [i for i, name in enumerate(names) if name]
        # A preset's file may leave them out; our own template has them all.
        missing = [n for n in OPTIONAL if n not in names] if preset is not None else []
        result = tablib.Dataset(headers=[names[i] for i in keep] + missing)
        date_format = preset.date_format if preset else ""
        for values in dataset:
            cells = [_cell(names[i], values[i], date_format) for i in keep]
            result.append(cells + [""] * len(missing))
        return result

    return transform


def _cell(name: str, value, date_format: str):
    """Excel's typed cells and a preset's own time format as the text the resource reads."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if name == "start_time" and date_format and isinstance(value, str):
        try:
            moment = datetime.strptime(value.strip(), date_format)  # noqa: DTZ007 - local
        except ValueError:
            return value  # the resource reports it with its row number
        return f"{moment:%Y-%m-%d %H:%M:%S}"
    return value


def import_call_file(
    upload, *, by: Staff, preset: ColumnPreset | None = None, dry_run: bool = False
) -> ImportOutcome:
    """All or nothing: row errors are returned and the whole transaction is rolled back.
    `dry_run` is the preview (issue 19): the counts and errors, nothing written."""
    return import_upload(
        CallRecordResource(),
        upload,
        by=by,
        required=HEADERS,
        transform=call_transform(preset),
        dry_run=dry_run,
    )
