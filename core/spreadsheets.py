"""Exported text stays text (SEC-7): no cell of an export is ever a live formula.

Excel, WPS and LibreOffice evaluate text that starts with = + - or @ (in CSV also after a leading
tab or carriage return), so a lead named `=HYPERLINK("http://x","点我")` would turn into a link in
the reader's sheet. Two writers, two remedies:

- xlsx written with openpyxl (`append_row`, `dataset_xlsx`): such text is stored exactly as typed,
  in a string cell (never a formula cell) flagged "quote prefix", so it reads the same and stays
  text even when someone edits the cell.
- CSV, and whatever tablib writes for the admin (`safe_dataset`): such text gets a leading single
  quote `'` (OWASP's advice). A CSV has no cell types, so the quote is the only marker there is;
  it shows, and the rest of the text reads as it was.

Numbers (int, float, Decimal) and dates are never touched, negative ones included; nor is text
that is just a negative number ("-12.50", as import-export renders a negative amount), which every
spreadsheet reads as that number, never as a formula. django-import-export's own
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT is not used: it only strips a leading "=" (so "+1+cmd|…"
and "@SUM(…)" pass) and turns every value, numbers too, into text.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO, StringIO
from typing import Any
from urllib.parse import quote

import tablib
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEGATIVE_NUMBER = re.compile(r"-\d+(\.\d+)?([eE][+-]?\d+)?")
TEXT_MARK = "'"


def is_formula_like(value: Any) -> bool:
    """Would a spreadsheet read this value as the start of a formula?"""
    return (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not NEGATIVE_NUMBER.fullmatch(value)
    )


def formula_safe(value: Any) -> Any:
    """The value for a text format (CSV): formula-like text gets a leading quote; the rest as is."""
    return TEXT_MARK + value if is_formula_like(value) else value


def safe_dataset(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of the dataset with every formula-like value made inert (headers are ours)."""
    safe = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        safe.append([formula_safe(value) for value in row])
    return safe


def _text_cell(sheet: Worksheet, value: str) -> Cell:
    cell = Cell(sheet, value=value)
    cell.data_type = TYPE_STRING  # openpyxl makes any str starting with "=" a formula
    cell.quotePrefix = True  # Excel keeps it text when the cell is edited
    return cell


def safe_cells(sheet: Worksheet, values: Iterable) -> list:
    """The row's values for `sheet.append`, formula-like text as text cells."""
    return [_text_cell(sheet, value) if is_formula_like(value) else value for value in values]


def append_row(sheet: Worksheet, values: Iterable) -> None:
    """`sheet.append(values)`, but formula-like text is written as text, never as a formula."""
    sheet.append(safe_cells(sheet, values))


def dataset_xlsx(dataset: tablib.Dataset) -> bytes:
    """A tablib dataset as .xlsx bytes, headers bold and frozen, every cell formula-safe."""
    book = Workbook()
    sheet = book.active
    if dataset.headers:
        append_row(sheet, [str(header) for header in dataset.headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    for row in dataset:
        append_row(sheet, row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------------------------------------
# Files people work with (issue 19): typed columns, number formats, Beijing time, frozen header,
# autofilter, widths, and a file name browsers keep (RFC 5987 `filename*`).
# ------------------------------------------------------------------------------------------------

TEXT, INTEGER, NUMBER, MONEY, RATE, DATE, DATETIME = (
    "text",
    "int",
    "number",
    "money",
    "rate",
    "date",
    "datetime",
)
NUMBER_FORMATS = {
    INTEGER: "0",
    NUMBER: "#,##0.0#",
    MONEY: "¥#,##0.00",
    RATE: "0.0%",
    DATE: "yyyy-mm-dd",
    DATETIME: "yyyy-mm-dd hh:mm",
}
MIN_WIDTH, MAX_WIDTH = 6, 50
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Column:
    """One column of an export: its header (in the reader's language) and what its cells hold."""

    header: Any
    kind: str = TEXT
    width: int | None = None


def cell_value(value: Any, kind: str = TEXT) -> Any:
    """A value as a spreadsheet cell: numbers as numbers, times as naive Beijing wall time."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.replace(tzinfo=None, microsecond=0)
        return value.date() if kind == DATE else value
    if isinstance(value, Promise):
        return str(value)
    return value


def _display_width(value: Any) -> int:
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.2f}") + 2
    text = str(value)
    # A Chinese character takes about two Latin ones.
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


def sheet_title(title: Any) -> str:
    """A valid sheet name: at most 31 characters, none of []:*?/\\."""
    return SHEET_TITLE_FORBIDDEN.sub("-", str(title))[:31] or "Sheet"


def write_sheet(
    book: Workbook, title: Any, columns: list[Column], rows: Iterable[Iterable]
) -> Worksheet:
    """A sheet people can work with: bold frozen header, autofilter, typed and formatted cells,
    column widths from the content. Text goes through `append_row` (SEC-7)."""
    sheet = book.create_sheet(sheet_title(title))
    append_row(sheet, [str(column.header) for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [_display_width(column.header) for column in columns]
    for values in rows:
        row = [cell_value(value, column.kind) for value, column in zip(values, columns)]
        append_row(sheet, row)
        for index, value in enumerate(row):
            if value is not None:
                widths[index] = max(widths[index], _display_width(value))
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        number_format = NUMBER_FORMATS.get(column.kind)
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if isinstance(cell.value, int | float | date):
                    cell.number_format = number_format
        width = column.width or min(max(widths[index - 1] + 2, MIN_WIDTH), MAX_WIDTH)
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    if columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(sheet.max_row, 1)}"
    return sheet


def new_book() -> Workbook:
    """An empty workbook (its default sheet goes when it is saved by `book_bytes`)."""
    return Workbook()


def book_bytes(book: Workbook) -> bytes:
    if "Sheet" in book.sheetnames and len(book.sheetnames) > 1:
        del book["Sheet"]
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def data_rows(book: Workbook) -> int:
    """Rows below the header, over every sheet (the row count of the export log)."""
    return sum(max(sheet.max_row - 1, 0) for sheet in book.worksheets if sheet.title != "Sheet")


def csv_value(value: Any, kind: str = TEXT) -> Any:
    """A cell for CSV: dates as ISO text, times to the minute in Beijing time, text formula-safe."""
    if isinstance(value, Decimal):
        return format(value, "f")  # 46000, 138.00: as stored, no float noise
    value = cell_value(value, kind)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer() and kind in (INTEGER, NUMBER):
        return int(value)
    return formula_safe(value)


def csv_text(columns: list[Column], rows: Iterable[Iterable]) -> str:
    """CSV with a BOM (Excel in China then reads UTF-8), every text cell formula-safe (SEC-7)."""
    buffer = StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([str(column.header) for column in columns])
    for values in rows:
        writer.writerow([csv_value(v, c.kind) for v, c in zip(values, columns)])
    return "\ufeff" + buffer.getvalue()


def export_filename(stem: Any, extension: str, day: date | None = None, *, period: str = "") -> str:
    """'客户来单-20261207.xlsx': the name in the reader's language with the date (Beijing), or
    with the period a monthly file covers ('考勤汇总-2026-03.xlsx')."""
    stamp = period or f"{day or timezone.localdate():%Y%m%d}"
    return f"{sheet_title(stem)}-{stamp}.{extension}"


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback and the real (Chinese) name as RFC 5987 `filename*`."""
    fallback = filename.encode("ascii", "ignore").decode().replace('"', "").lstrip(" -_")
    if not fallback or fallback.startswith("."):
        fallback = "export" + ("-" if fallback[:1].isdigit() else "") + fallback
    elif fallback[:1].isdigit():  # the Chinese name was dropped, the date is left
        fallback = "export-" + fallback
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def file_response(content: bytes | str, filename: str) -> HttpResponse:
    """The file as a download, its type from its extension, its name kept by browsers."""
    content_type = XLSX_TYPE if filename.endswith(".xlsx") else CSV_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    return response


@dataclass(frozen=True)
class TemplateColumn:
    """A column of an import template: its header, an example value and a note on how to fill
    it."""

    header: Any
    example: Any
    note: Any


def template_workbook(title: Any, columns: list[TemplateColumn]) -> bytes:
    """An import template (issue 19): the headers, one example row, and the notes both as the
    header cells' comments and on a second sheet ("Notes")."""
    from django.utils.translation import gettext as _
    from openpyxl.comments import Comment

    book = new_book()
    sheet = write_sheet(
        book, title, [Column(c.header) for c in columns], [[c.example for c in columns]]
    )
    for cell, column in zip(sheet[1], columns, strict=True):
        cell.comment = Comment(str(column.note), "")
    notes = write_sheet(
        book,
        _("How to fill in"),
        [Column(_("Column")), Column(_("Example")), Column(_("Note"), width=60)],
        [[str(c.header), c.example, str(c.note)] for c in columns],
    )
    notes.auto_filter.ref = None
    return book_bytes(book)


# ------------------------------------------------------------------------------------------------
# The admin's xlsx (issue 19): import-export hands over a tablib dataset with native values
# (numbers, naive Beijing datetimes); it is written like the app's files, not by tablib.
# ------------------------------------------------------------------------------------------------


def infer_kind(values: Iterable) -> str:
    """The kind of a column from its values: all whole numbers, numbers, datetimes or dates."""
    filled = [v for v in values if v is not None and v != ""]
    if not filled or any(isinstance(v, bool) for v in filled):
        return TEXT
    for kind, types in (
        (INTEGER, int),
        (NUMBER, int | float | Decimal),
        (DATETIME, datetime),
        (DATE, date),
    ):
        if all(isinstance(v, types) for v in filled):
            return kind
    return TEXT


def dataset_workbook(dataset: tablib.Dataset, title: Any, kinds: dict[str, str]) -> bytes:
    """A dataset as a sheet people can work with (`write_sheet`); `kinds` names the kind of a
    column by its header (money, rate …), the other columns' kinds come from their values."""
    headers = [str(h) for h in dataset.headers or []]
    columns = [
        Column(header, kinds.get(header) or infer_kind(dataset.get_col(index)))
        for index, header in enumerate(headers)
    ]
    book = new_book()
    write_sheet(book, title, columns, dataset)
    return book_bytes(book)
