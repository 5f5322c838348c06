"""Excel exports of the reports (RPT-1, RPT-2): the same figures as the pages, one sheet per
section, built with openpyxl from the query results (no second computation). Every cell goes through
`append_row`, so a name is text, never a formula (SEC-7); each export is logged (SEC-6)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.spreadsheets import (
    DATE,
    INTEGER,
    MONEY,
    NUMBER,
    RATE,
    TEXT,
    Column,
    book_bytes,
    data_rows,
    export_filename,
    file_response,
    write_sheet,
)
from staff.exports import record_export
from staff.models import Staff

from .queries.monthly import MonthlyReport
from .queries.tables import Table


def _pct(value) -> float | None:
    """A percentage (12.5) as the fraction a 0.0% cell shows as 12.5%."""
    return None if value is None else value / 100


def _sheet(book: Workbook, title, header: list, rows: list[list], kinds: tuple = ()):
    """A sheet of the report: the first column text, the rest numbers unless `kinds` says."""
    columns = [
        Column(h, kinds[i] if i < len(kinds) else (TEXT if i == 0 else NUMBER))
        for i, h in enumerate(header)
    ]
    return write_sheet(book, title, columns, rows)


def _response(
    book: Workbook, name: str, period: str, *, by: Staff, what: str, filters
) -> HttpResponse:
    """Serve the workbook and log who exported what with which filter (SEC-6)."""
    record_export(by=by, what=what, file_format="xlsx", row_count=data_rows(book), filters=filters)
    return file_response(book_bytes(book), export_filename(name, "xlsx", period=period))


def table_header(table: Table) -> list:
    return [
        _("Date"),
        *[label for _key, label in table.channels],
        _("New leads"),
        _("Walk-ins"),
        _("Calls"),
        _("Appointments"),
        _("Dispatches"),
        _("Measurements"),
        _("Signings"),
        _("Closures"),
    ]


def _table_row(label, row) -> list:
    return [
        label,
        *row.channel_counts(),
        row.leads,
        row.walk_ins,
        row.calls,
        row.appointments,
        row.dispatches,
        row.measurements,
        row.signings,
        row.closures,
    ]


def table_workbook(table: Table) -> Workbook:
    book = Workbook()
    rows = [_table_row(row.day, row) for row in table.rows]
    rows.append(_table_row(str(_("Total")), table.total))
    sheet = _sheet(book, _("Front desk"), table_header(table), rows, kinds=(DATE,))
    sheet.column_dimensions["A"].width = 12
    del book["Sheet"]
    return book


def table_response(table: Table, *, by: Staff, filters) -> HttpResponse:
    period = f"{table.first:%Y%m%d}-{table.last:%Y%m%d}"
    return _response(
        table_workbook(table),
        _("Front-desk table"),
        period,
        by=by,
        what="report-tables",
        filters=filters,
    )


def _funnel_rows(rows) -> list[list]:
    return [
        [
            r.label,
            r.leads,
            r.dispatched,
            r.measured,
            r.signed,
            _pct(r.conversion),
            r.prev_leads,
            r.prev_signed,
            _pct(r.prev_conversion),
            r.change,
        ]
        for r in rows
    ]


FUNNEL_KINDS = (TEXT, INTEGER, INTEGER, INTEGER, INTEGER, RATE, INTEGER, INTEGER, RATE, NUMBER)


def _funnel_sheets(book: Workbook, report: MonthlyReport) -> None:
    header = [
        _("Segment"),
        _("Leads"),
        _("Dispatched"),
        _("Measured"),
        _("Signed"),
        _("Conversion %"),
        _("Leads last month"),
        _("Signed last month"),
        _("Conversion last month %"),
        _("Change (points)"),
    ]
    f = report.funnel
    _sheet(book, _("Funnel"), header, _funnel_rows([f.total, *f.channels]), FUNNEL_KINDS)
    _sheet(book, _("By size"), header, _funnel_rows(f.sizes), FUNNEL_KINDS)
    _sheet(book, _("By tier"), header, _funnel_rows(f.tiers), FUNNEL_KINDS)
    _sheet(book, _("By designer"), header, _funnel_rows(f.designers), FUNNEL_KINDS)


def _contract_sheet(book: Workbook, report: MonthlyReport) -> None:
    c = report.contracts
    _sheet(
        book,
        _("Contracts"),
        [_("Type"), _("Contracts"), _("Amount (CNY)")],
        [[label, v["count"], v["amount"]] for label, v in c.by_type.items()]
        + [
            [_("Total"), c.count, c.amount],
            [_("Refunded"), c.refunded, None],
            [_("Last month"), c.prev_count, c.prev_amount],
        ],
        kinds=(TEXT, INTEGER, MONEY),
    )


def _fairness_sheet(book: Workbook, report: MonthlyReport) -> None:
    header = [
        _("Tier"),
        _("Designer"),
        _("Dispatches"),
        _("Share %"),
        _("Share allowed %"),
        _("Gap (points)"),
        _("Forced"),
        _("Chosen"),
        _("After a decline"),
        _("Declined"),
        *(_("Skipped: %(reason)s") % {"reason": label} for _v, label in report.skip_reasons()),
    ]
    rows = [
        [
            r.tier_label,
            r.name,
            r.dispatches,
            _pct(r.share),
            _pct(r.allowed_share),
            r.gap,
            r.forced,
            r.chosen,
            r.after_decline,
            r.declined,
            *r.skips.values(),
        ]
        for r in report.fairness
    ]
    _sheet(
        book, _("Dispatch fairness"), header, rows, kinds=(TEXT, TEXT, INTEGER, RATE, RATE, NUMBER)
    )


def _closure_sheet(book: Workbook, report: MonthlyReport) -> None:
    _sheet(
        book,
        _("Closure reasons"),
        [_("Reason"), _("Closures"), _("Last month")],
        [[r.label, r.count, r.prev_count] for r in report.closures],
    )


def _complaint_sheet(book: Workbook, report: MonthlyReport) -> None:
    cm = report.complaints
    header = [_("Group"), _("Received"), _("Closed"), _("Average hours to close"), _("Overdue")]
    rows = [
        [r.label, r.received, r.closed, r.avg_close_hours, r.overdue]
        for r in [cm.total, *cm.categories, *cm.departments]
    ]
    _sheet(book, _("Complaints"), header, rows)


def _attendance_sheet(book: Workbook, report: MonthlyReport) -> None:
    a = report.attendance
    rows = [
        [_("People"), a["people"]],
        [_("Late days"), a["late"]],
        [_("Early leaves"), a["early"]],
        [_("Absent days"), a["absent"]],
        [_("Leave days"), a["leave_days"]],
        [_("Violations"), a["violations"]],
    ]
    _sheet(book, _("Attendance"), [_("Figure"), _("Value")], rows)


def _pay_sheet(book: Workbook, report: MonthlyReport) -> None:
    rows = [[label, value] for label, value in report.pay_rows()]
    _sheet(book, _("Pay"), [_("Figure"), _("Value")], rows)


# The workbook's sheets in order: the page's sections, top to bottom.
MONTHLY_SHEETS = (
    _funnel_sheets,
    _contract_sheet,
    _fairness_sheet,
    _closure_sheet,
    _complaint_sheet,
    _attendance_sheet,
    _pay_sheet,
)


def monthly_workbook(report: MonthlyReport) -> Workbook:
    book = Workbook()
    for write in MONTHLY_SHEETS:
        write(book, report)
    del book["Sheet"]
    return book


def monthly_response(report: MonthlyReport, *, by: Staff, filters) -> HttpResponse:
    return _response(
        monthly_workbook(report),
        _("Monthly report"),
        f"{report.month:%Y-%m}",
        by=by,
        what="gm-monthly",
        filters=filters,
    )
