"""The monthly summary as an Excel workbook (ATT-8), in the reader's language: counts and days as
numbers, names as text, never as formulae (SEC-7)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.spreadsheets import INTEGER, NUMBER, Column, book_bytes, new_book, write_sheet

from ..queries.summary import MonthRow


def summary_title(month: date) -> str:
    return _("Attendance summary %(month)s") % {"month": f"{month:%Y-%m}"}


def _columns() -> list[Column]:
    return [
        Column(_("Employee number")),
        Column(_("Name")),
        Column(_("Department")),
        Column(_("Late arrivals"), INTEGER),
        Column(_("Late minutes"), INTEGER),
        Column(_("Early leaves"), INTEGER),
        Column(_("Early minutes"), INTEGER),
        Column(_("Off-post spells"), INTEGER),
        Column(_("Off-post minutes"), INTEGER),
        Column(_("Absent days"), NUMBER),
        Column(_("Personal leave days"), NUMBER),
        Column(_("Special personal leave days"), NUMBER),
        Column(_("Sick leave days"), NUMBER),
        Column(_("Violations"), INTEGER),
        Column(_("Flagged for discipline")),
    ]


def _headers() -> list[str]:
    return [str(column.header) for column in _columns()]


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
        row.absent_days,
        row.personal_days,
        row.special_personal_days,
        row.sick_days,
        row.violations,
        _("Yes") if row.flagged else "",
    ]


def summary_workbook(rows: list[MonthRow], month: date) -> bytes:
    book = new_book()
    write_sheet(book, summary_title(month), _columns(), [_values(row) for row in rows])
    return book_bytes(book)
