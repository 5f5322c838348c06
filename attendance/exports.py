"""The monthly summary as an Excel workbook (ATT-8), in the reader's language; names are written
as text, never as formulae (SEC-7)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from staff.spreadsheets import append_row

from .queries.summary import MonthRow


def _headers() -> list[str]:
    return [
        _("Employee number"),
        _("Name"),
        _("Department"),
        _("Late arrivals"),
        _("Late minutes"),
        _("Early leaves"),
        _("Early minutes"),
        _("Off-post spells"),
        _("Off-post minutes"),
        _("Absent days"),
        _("Personal leave days"),
        _("Special personal leave days"),
        _("Sick leave days"),
        _("Violations"),
        _("Flagged for discipline"),
    ]


def _values(row: MonthRow) -> list:
    person = row.staff
    return [
        person.employee_no,
        person.get_full_name(),
        str(person.get_department_display()),
        row.late_count,
        row.late_minutes,
        row.early_count,
        row.early_minutes,
        row.off_post_count,
        row.off_post_minutes,
        float(row.absent_days),
        float(row.personal_days),
        float(row.special_personal_days),
        float(row.sick_days),
        row.violations,
        _("Yes") if row.flagged else "",
    ]


def summary_workbook(rows: list[MonthRow], month: date) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"{month:%Y-%m}"
    append_row(sheet, _headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, _values(row))
    sheet.freeze_panes = "D2"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
