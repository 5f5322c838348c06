"""A month's pay statements as an Excel workbook (COM-5), in the reader's language: one sheet of
statements with a totals row, one sheet of every line so each figure can be traced. Names,
references and notes are written as text, never as formulae (SEC-7)."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from staff.spreadsheets import append_row

from .models import PayMonth, PayStatement

MONEY_FORMAT = "#,##0.00"
AMOUNTS = (
    "base",
    "commissions",
    "bonuses",
    "adjustments",
    "fault_deductions",
    "attendance_deduction",
    "total",
)


def _statement_headers() -> list[str]:
    return [
        _("Employee number"),
        _("Name"),
        _("Department"),
        _("Base salary"),
        _("Commissions"),
        _("Bonuses"),
        _("Adjustments"),
        _("Fault deductions"),
        _("Attendance deductions"),
        _("Total"),
        _("Daily rate"),
        _("Absent days"),
        _("Personal leave days"),
        _("Sick leave days"),
        _("Violations"),
    ]


def _statement_row(statement: PayStatement) -> list:
    person = statement.staff
    return [
        person.employee_no,
        person.get_full_name(),
        str(person.get_department_display()),
        *(float(getattr(statement, name)) for name in AMOUNTS),
        float(statement.daily_rate),
        float(statement.absent_days),
        float(statement.personal_leave_days),
        float(statement.sick_leave_days),
        statement.violations,
    ]


def _totals_row(statements: list[PayStatement]) -> list:
    sums = [sum((getattr(s, name) for s in statements), Decimal(0)) for name in AMOUNTS]
    return ["", _("Total"), "", *(float(value) for value in sums)]


def _line_headers() -> list[str]:
    return [
        _("Employee number"),
        _("Name"),
        _("Kind"),
        _("Origin"),
        _("Date"),
        _("Reference"),
        _("Quantity"),
        _("Rate"),
        _("Amount"),
        _("Note"),
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
            float(line.quantity) if line.quantity is not None else None,
            float(line.rate) if line.rate is not None else None,
            float(line.amount),
            line.note,
        ]


def _bold_header(sheet) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "C2"


def month_workbook(pay_month: PayMonth, statements: list[PayStatement]) -> bytes:
    """Statements (with lines prefetched) of one month as .xlsx bytes."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Statements")
    append_row(sheet, _statement_headers())
    for statement in statements:
        append_row(sheet, _statement_row(statement))
    append_row(sheet, _totals_row(statements))
    sheet[sheet.max_row][1].font = Font(bold=True)
    for column in sheet.iter_cols(min_col=4, max_col=11, min_row=2):
        for cell in column:
            cell.number_format = MONEY_FORMAT
    _bold_header(sheet)
    lines = book.create_sheet(_("Lines"))
    append_row(lines, _line_headers())
    for statement in statements:
        for row in _line_rows(statement):
            append_row(lines, row)
    _bold_header(lines)
    book.properties.title = f"{pay_month.month:%Y-%m}"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
