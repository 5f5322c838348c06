"""SEC-7: the shared formula-safe writers (no database)."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
import tablib
from openpyxl import Workbook, load_workbook

from core.spreadsheets import (
    append_row,
    dataset_xlsx,
    formula_safe,
    is_formula_like,
    safe_dataset,
)

DANGEROUS = [
    '=HYPERLINK("http://x","点我")',
    "+1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "-",
]
HARMLESS = ["张先生", "阳光小区 3-1-502", "13812345678", "a=b", "", "1+1", "-12.50", "-3", "-1e-05"]
NUMBERS = [0, 42, -7, 3.5, -0.25, Decimal("-200.00"), Decimal("4350")]


@pytest.mark.parametrize("text", DANGEROUS)
def test_sec7_formula_like_text_gets_a_leading_quote(text):
    assert is_formula_like(text)
    assert formula_safe(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS)
def test_sec7_ordinary_text_and_negative_number_text_are_unchanged(text):
    assert not is_formula_like(text)
    assert formula_safe(text) == text


@pytest.mark.parametrize("number", NUMBERS)
def test_sec7_numbers_stay_numbers_negative_ones_too(number):
    assert formula_safe(number) is number


def test_sec7_dates_and_empty_cells_are_untouched():
    day = date(2026, 3, 1)
    assert formula_safe(day) is day
    assert formula_safe(None) is None


def test_sec7_safe_dataset_quotes_only_formula_like_text():
    data = tablib.Dataset(["=1+1", -5, "张三", "-5"], headers=["name", "n", "who", "amount"])
    safe = safe_dataset(data)
    assert safe.headers == ["name", "n", "who", "amount"]
    assert list(safe[0]) == ["'=1+1", -5, "张三", "-5"]
    assert data[0][0] == "=1+1"  # the original is left alone


def _reload(book: Workbook):
    buffer = BytesIO()
    book.save(buffer)
    return load_workbook(BytesIO(buffer.getvalue())).active


def test_sec7_append_row_stores_formula_like_text_as_text_cells():
    book = Workbook()
    append_row(book.active, [*DANGEROUS, "张三", -7, Decimal("-200.5"), 3.5])
    cells = next(_reload(book).iter_rows())
    for cell, text in zip(cells, DANGEROUS, strict=False):
        as_read = text.replace("\r", "\n")  # XML reads a carriage return back as a line feed
        assert (cell.data_type, cell.value, cell.quotePrefix) == ("s", as_read, True)
    plain, *numbers = cells[len(DANGEROUS) :]
    assert (plain.data_type, plain.value, plain.quotePrefix) == ("s", "张三", False)
    assert [(c.data_type, c.value) for c in numbers] == [("n", -7), ("n", -200.5), ("n", 3.5)]


def test_sec7_plain_openpyxl_would_write_a_formula():
    """Why the helper exists: openpyxl makes any text starting with "=" a formula cell."""
    book = Workbook()
    book.active.append(['=HYPERLINK("http://x","点我")'])
    assert _reload(book)["A1"].data_type == "f"


def test_sec7_dataset_xlsx_writes_headers_and_text_cells():
    data = tablib.Dataset(['=HYPERLINK("http://x","点我")', -3], headers=["name", "n"])
    sheet = load_workbook(BytesIO(dataset_xlsx(data))).active
    assert [c.value for c in sheet[1]] == ["name", "n"]
    name, number = sheet[2]
    assert (name.data_type, name.value) == ("s", '=HYPERLINK("http://x","点我")')
    assert (number.data_type, number.value) == ("n", -3)
