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

import re
from collections.abc import Iterable
from io import BytesIO
from typing import Any

import tablib
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING, Cell
from openpyxl.styles import Font
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
