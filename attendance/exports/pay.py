"""A month's pay statements as an Excel workbook (COM-5), in the reader's language: one sheet of
statements with a totals row, one sheet of every line so each figure can be traced. Names,
references and notes are written as text, never as formulae (SEC-7)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.spreadsheets import (
    DATE,
    INTEGER,
    MONEY,
    NUMBER,
    Column,
    book_bytes,
    new_book,
    write_sheet,
)

from ..models import PayMonth, PayStatement

AMOUNTS = (
    "base",
    "commissions",
    "bonuses",
    "adjustments",
    "fault_deductions",
    "attendance_deduction",
    "total",
)


def _statement_columns() -> list[Column]:
    return [
        Column(_("Employee number")),
        Column(_("Name")),
        Column(_("Department")),
        Column(_("Base salary"), MONEY),
        Column(_("Commissions"), MONEY),
        Column(_("Bonuses"), MONEY),
        Column(_("Adjustments"), MONEY),
        Column(_("Fault deductions"), MONEY),
        Column(_("Attendance deductions"), MONEY),
        Column(_("Total"), MONEY),
        Column(_("Daily rate"), MONEY),
        Column(_("Absent days"), NUMBER),
        Column(_("Personal leave days"), NUMBER),
        Column(_("Sick leave days"), NUMBER),
        Column(_("Violations"), INTEGER),
    ]


def _statement_row(statement: PayStatement) -> list:
    person = statement.staff
    return [
        person.employee_no,
        person.get_full_name(),
        str(person.get_department_display()),
        *(getattr(statement, name) for name in AMOUNTS),
        statement.daily_rate,
        statement.absent_days,
        statement.personal_leave_days,
        statement.sick_leave_days,
        statement.violations,
    ]


def _totals_row(statements: list[PayStatement]) -> list:
    sums = [sum((getattr(s, name) for s in statements), Decimal(0)) for name in AMOUNTS]
    return ["", _("Total"), "", *sums]


def _line_columns() -> list[Column]:
    return [
        Column(_("Employee number")),
        Column(_("Name")),
        Column(_("Kind")),
        Column(_("Origin")),
        Column(_("Date"), DATE),
        Column(_("Reference")),
        Column(_("Quantity"), NUMBER),
        Column(_("Rate"), MONEY),
        Column(_("Amount"), MONEY),
        Column(_("Note")),
    ]


def _line_rows(statement: PayStatement):
    for line in statement.lines.all():
        yield [
            statement.staff.employee_no,
            statement.staff.get_full_name(),
            str(line.get_kind_display()),
            str(line.get_origin_display()),
            line.occurred_on,
            line.reference,
            line.quantity,
            line.rate,
            line.amount,
            line.note,
        ]


def pay_title(pay_month: PayMonth) -> str:
    return _("Pay %(month)s") % {"month": f"{pay_month.month:%Y-%m}"}


def month_workbook(pay_month: PayMonth, statements: list[PayStatement]) -> bytes:
    """Statements (with lines prefetched) of one month as .xlsx bytes."""
    book = new_book()
    rows = [_statement_row(statement) for statement in statements]
    sheet = write_sheet(
        book, _("Statements"), _statement_columns(), [*rows, _totals_row(statements)]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.auto_filter.ref = f"A1:{get_column_letter(sheet.max_column)}{max(sheet.max_row - 1, 1)}"
    lines = [row for statement in statements for row in _line_rows(statement)]
    write_sheet(book, _("Lines"), _line_columns(), lines)
    book.properties.title = pay_title(pay_month)
    return book_bytes(book)
