"""The time clock's CSV (ATT-1): import and export of clock records.

Columns: employee_no, date (YYYY-MM-DD), clock_in (HH:MM), clock_out (HH:MM, or a full
"YYYY-MM-DD HH:MM" when the person left after midnight). A file is all-or-nothing: any bad row
(unknown employee, impossible or future times, the same person and day twice) is reported with
its row number and reason, and nothing is imported. A good file replaces the times of the
(person, day) pairs it contains, and the finished days are recomputed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, time

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.spreadsheets import TemplateColumn, template_workbook
from staff.column_mapping import group_punches, map_columns
from staff.imports import ImportOutcome, RowProblems, import_upload
from staff.models import ColumnPreset, Staff
from staff.resources import OfficeColumns

from .models import ClockRecord, ClockSource
from .services.common import at_local, local_now, local_today
from .services.records import check_clock_times

HEADERS = ["employee_no", "date", "clock_in", "clock_out"]
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d")
TIME_FORMATS = ("%H:%M", "%H:%M:%S")


class EmployeeWidget(widgets.ForeignKeyWidget):
    def __init__(self) -> None:
        super().__init__(Staff, field="employee_no")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, Staff):  # looked up once per file (before_import_row)
            return value
        number = str(value or "").strip()
        person = Staff.objects.filter(employee_no=number).first() if number else None
        if person is None:
            raise ValueError(_("Unknown employee number: %(no)s") % {"no": number or "-"})
        return person


class ClockWidget(widgets.Widget):
    """The row holds an aware datetime already (parsed in before_import_row); export local."""

    def clean(self, value, row=None, **kwargs):
        return value if isinstance(value, datetime) else None

    def render(self, value, obj=None, **kwargs) -> str:
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


def _parse(text: str, formats: tuple[str, ...]) -> datetime:
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt)  # noqa: DTZ007 - made aware by the caller
        except ValueError:
            continue
    raise ValueError(text)


def parse_day(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return _parse(str(value or "").strip(), DATE_FORMATS).date()


def parse_clock(day: date, value) -> datetime | None:
    """'08:58' on `day`; '2026-03-11 00:30' as written; '' as no punch."""
    if isinstance(value, time):
        return at_local(day, value)
    text = str(value or "").strip()
    if not text:
        return None
    if " " in text:
        moment = _parse(text, tuple(f"{d} {t}" for d in DATE_FORMATS for t in TIME_FORMATS))
        return timezone.make_aware(moment)
    return at_local(day, _parse(text, TIME_FORMATS).time())


class ClockRecordResource(OfficeColumns, resources.ModelResource):
    HEADERS = HEADERS
    header_labels = {  # the import template's headers (issue 19)
        "employee_no": gettext_lazy("Employee number"),
        "date": gettext_lazy("Date"),
        "clock_in": gettext_lazy("Clock-in"),
        "clock_out": gettext_lazy("Clock-out"),
    }
    template_examples = {
        "employee_no": "T0001",
        "date": "2026-03-02",
        "clock_in": "08:58",
        "clock_out": "18:05",
    }
    template_notes = {
        "employee_no": gettext_lazy("The person's employee number, as on the staff page."),
        "date": gettext_lazy("The working day, YYYY-MM-DD."),
        "clock_in": gettext_lazy("HH:MM; empty when there was no clock-in."),
        "clock_out": gettext_lazy(
            "HH:MM; a clock-out after midnight with its date (2026-03-11 00:30); "
            "empty when there was none."
        ),
    }

    staff = fields.Field(attribute="staff", column_name="employee_no", widget=EmployeeWidget())
    day = fields.Field(
        attribute="day", column_name="date", widget=widgets.DateWidget(format="%Y-%m-%d")
    )
    clock_in = fields.Field(attribute="clock_in", column_name="clock_in", widget=ClockWidget())
    clock_out = fields.Field(attribute="clock_out", column_name="clock_out", widget=ClockWidget())

    class Meta:
        model = ClockRecord
        import_id_fields = ["staff", "day"]
        fields = ["staff", "day", "clock_in", "clock_out"]
        export_order = fields
        skip_unchanged = True
        report_skipped = False
        # Saved in batches, with their audit history (SEC-3): a month of clock records for the
        # whole firm is ~10,000 rows, one INSERT and one history INSERT each row by row.
        use_bulk = True
        batch_size = 1000

    def before_import(self, dataset, **kwargs) -> None:
        """Read the people and the stored records of the file once, not once per row."""
        self.rename_headers(dataset)  # Chinese or English headers too (issue 19)
        user = kwargs.get("user")
        self._user = user if isinstance(user, Staff) else None
        keys = [
            (str(row.get("employee_no") or "").strip(), str(row.get("date") or "").strip())
            for row in dataset.dict
        ]
        self._repeated = {key for key, count in Counter(keys).items() if count > 1}
        self._touched: set[tuple[int, date]] = set()
        self._now = local_now()
        numbers = {number for number, _day in keys if number}
        self._staff = Staff.objects.in_bulk(numbers, field_name="employee_no")
        self._existing = _stored_records(
            [person.pk for person in self._staff.values()], [day for _no, day in keys]
        )

    def before_import_row(self, row, **kwargs) -> None:
        """Turn the text into the person and datetimes; every problem of the row at once."""
        errors: dict[str, str] = {}
        number = str(row.get("employee_no") or "").strip()
        person = self._staff.get(number)
        if person is None:
            errors["employee_no"] = _("Unknown employee number: %(no)s") % {"no": number or "-"}
        if (number, str(row.get("date") or "").strip()) in self._repeated:
            errors["date"] = _("This person and day appear more than once.")
        try:
            day = parse_day(row.get("date"))
        except ValueError:
            errors["date"] = _("Not a date (YYYY-MM-DD).")
            raise ValidationError(errors) from None
        times = self._times(day, row, errors)
        if times is not None:
            problem = check_clock_times(day, times["clock_in"], times["clock_out"], self._now)
            if problem:
                errors["clock_out"] = problem
        if errors:
            raise ValidationError(errors)
        row["date"] = day.isoformat()
        row["employee_no"] = person
        row.update(times)

    def get_instance(self, instance_loader, row):
        """The stored record of (person, day), from the records read in before_import."""
        person = row.get("employee_no")
        if not isinstance(person, Staff):
            return super().get_instance(instance_loader, row)
        return self._existing.get((person.pk, date.fromisoformat(row["date"])))

    @staticmethod
    def _times(day: date, row, errors: dict) -> dict | None:
        times = {}
        for column in ("clock_in", "clock_out"):
            try:
                times[column] = parse_clock(day, row.get(column))
            except ValueError:
                errors[column] = _("Not a time (HH:MM).")
        return times if len(times) == 2 else None

    def before_save_instance(self, instance, row, **kwargs) -> None:
        instance.source = ClockSource.IMPORT
        instance.updated_at = timezone.now()  # bulk_update does not apply auto_now
        user = kwargs.get("user")
        if isinstance(user, Staff):
            instance.entered_by = user

    def get_bulk_update_fields(self) -> list[str]:
        return ["clock_in", "clock_out", "source", "entered_by", "updated_at"]

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """As import-export's, with a history row for each new record (SEC-3)."""
        if self.create_instances and (using_transactions or not dry_run):
            try:
                bulk_create_with_history(
                    self.create_instances,
                    ClockRecord,
                    batch_size=batch_size,
                    default_user=self._user,
                )
            except Exception as e:  # noqa: BLE001 - reported like import-export does
                self.handle_import_error(result, e, raise_errors)
            finally:
                self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        """As import-export's, with a history row for each changed record (SEC-3)."""
        if self.update_instances and (using_transactions or not dry_run):
            try:
                bulk_update_with_history(
                    self.update_instances,
                    ClockRecord,
                    self.get_bulk_update_fields(),
                    batch_size=batch_size,
                    default_user=self._user,
                )
            except Exception as e:  # noqa: BLE001 - reported like import-export does
                self.handle_import_error(result, e, raise_errors)
            finally:
                self.update_instances.clear()

    def after_save_instance(self, instance, row, **kwargs) -> None:
        self._touched.add((instance.staff_id, instance.day))

    def after_import(self, dataset, result, **kwargs) -> None:
        """Recompute the finished days the file changed, once the import has committed."""
        if kwargs.get("dry_run") or result.has_errors() or result.has_validation_errors():
            return
        touched = sorted(self._touched)
        transaction.on_commit(lambda: _recompute(touched))


def _stored_records(staff_ids: list[int], days: list[str]) -> dict[tuple[int, date], ClockRecord]:
    """The stored records of these people within the file's dates, by (person, day)."""
    parsed = []
    for text in days:
        try:
            parsed.append(parse_day(text))
        except ValueError:
            continue
    if not staff_ids or not parsed:
        return {}
    records = ClockRecord.objects.filter(
        staff_id__in=staff_ids, day__range=(min(parsed), max(parsed))
    )
    return {(record.staff_id, record.day): record for record in records}


def _recompute(touched: list[tuple[int, date]]) -> None:
    """One computation per finished day for all the people of the file that had it."""
    from .services.daily import compute_day

    people_by_day: dict[date, list[int]] = defaultdict(list)
    for staff_id, day in touched:
        people_by_day[day].append(staff_id)
    today = local_today()
    for day, staff_ids in sorted(people_by_day.items()):
        if day < today:
            compute_day(day=day, staff_ids=staff_ids)


# ------------------------------------------------------------------------------------------------
# The in-app import page (front desk and HR are not admin users)
# ------------------------------------------------------------------------------------------------


EXTRA_ALIASES = {
    "员工编号": "employee_no",
    "考勤号码": "employee_no",
    "人员编号": "employee_no",
    "employee number": "employee_no",
    "日期": "date",
    "上班": "clock_in",
    "上班时间": "clock_in",
    "签到时间": "clock_in",
    "下班": "clock_out",
    "下班时间": "clock_out",
    "签退时间": "clock_out",
}


def _labels() -> dict[str, str]:
    return {
        "employee_no": _("Employee number"),
        "date": _("Date"),
        "clock_in": _("Clock-in"),
        "clock_out": _("Clock-out"),
    }


def clock_aliases() -> dict[str, str]:
    """Header -> column: our column names, the template's headers in Chinese and English, and
    the words time clocks commonly write."""
    aliases = dict(EXTRA_ALIASES)
    for language in ("zh-hans", "en"):
        with translation.override(language):
            aliases.update({str(label): name for name, label in _labels().items()})
    return aliases


def clock_template() -> bytes:
    """The import template (issue 19): headers in the reader's language, an example, notes."""
    labels = _labels()
    notes = {
        "employee_no": _("The person's employee number, as on the staff page."),
        "date": _("The working day, YYYY-MM-DD."),
        "clock_in": _("HH:MM; empty when there was no clock-in."),
        "clock_out": _(
            "HH:MM; a clock-out after midnight with its date (2026-03-11 00:30); "
            "empty when there was none."
        ),
    }
    examples = {
        "employee_no": "T0001",
        "date": "2026-03-02",
        "clock_in": "08:58",
        "clock_out": "18:05",
    }
    columns = [TemplateColumn(labels[n], examples[n], notes[n]) for n in HEADERS]
    return template_workbook(_("Clock records"), columns)


def clock_transform(preset: ColumnPreset | None = None):
    """The reshaping of a read file: our/Chinese headers, or a preset's mapping (and, for a
    one-punch-per-row device, the punches grouped into days)."""

    def transform(dataset: tablib.Dataset) -> tablib.Dataset:
        mapping = preset.mapping if preset else clock_aliases()
        names = map_columns(dataset.headers or [], mapping)
        if preset is None or not preset.one_punch_per_row:
            return _renamed(dataset, names)
        rows = [dict(zip(names, values)) for values in dataset]
        grouped, problems = group_punches(rows, preset.date_format)
        if problems:
            message = _("Not a punch time: %(text)s")
            raise RowProblems([(n, message % {"text": text or "-"}) for n, text in problems])
        result = tablib.Dataset(headers=HEADERS)
        for row in grouped:
            result.append([row[name] for name in HEADERS])
        return result

    return transform


def _renamed(dataset: tablib.Dataset, names: list[str]) -> tablib.Dataset:
    """The dataset with the mapped headers; ignored ("") columns dropped."""
    keep = [i for i, name in enumerate(names) if name]
    result = tablib.Dataset(headers=[names[i] for i in keep])
    for values in dataset:
        result.append([_cell_text(names[i], values[i]) for i in keep])
    return result


def _cell_text(name: str, value):
    """Excel's typed cells as the text the resource reads (a date cell, a time cell, 1001.0)."""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d}" if name == "date" else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def import_clock_file(
    upload, *, by: Staff, preset: ColumnPreset | None = None, dry_run: bool = False
) -> ImportOutcome:
    """All or nothing: row errors are returned and the transaction is rolled back. `dry_run` is
    the preview: the counts and errors, nothing written."""
    return import_upload(
        ClockRecordResource(),
        upload,
        by=by,
        required=HEADERS,
        transform=clock_transform(preset),
        dry_run=dry_run,
    )
