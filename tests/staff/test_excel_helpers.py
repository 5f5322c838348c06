"""Issue 19: the shared pieces of Excel in and out, without the database: the preset mapping,
punch grouping, typed sheets and the file name browsers keep."""

from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO
from urllib.parse import unquote

from openpyxl import load_workbook

from core.spreadsheets import (
    DATE,
    DATETIME,
    MONEY,
    RATE,
    Column,
    book_bytes,
    content_disposition,
    csv_text,
    new_book,
    write_sheet,
)
from staff.column_mapping import group_punches, map_columns

ZKTECO = {"考勤号码": "employee_no", "日期时间": "punch", "姓名": "", "部门": "", "机器号": ""}


def test_excel_preset_mapping_renames_and_ignores_columns():
    names = map_columns(["部门", "姓名", " 考勤号码 ", "日期时间", "机器号", "Other"], ZKTECO)
    assert names == ["", "", "employee_no", "punch", "", "Other"]


def test_excel_preset_mapping_ignores_case_and_spacing_of_english_headers():
    assert map_columns(["Employee  Number"], {"employee number": "employee_no"}) == ["employee_no"]


def test_excel_zkteco_punches_become_first_in_and_last_out_per_person_and_day():
    rows = [
        {"employee_no": "1001", "punch": "2026-03-02 12:00:00"},
        {"employee_no": "1001", "punch": "2026-03-02 08:58:00"},
        {"employee_no": 1001.0, "punch": "2026-03-02 18:03:30"},
        {"employee_no": "1002", "punch": datetime(2026, 3, 2, 9, 10)},
        {"employee_no": "", "punch": ""},
    ]
    grouped, problems = group_punches(rows, "%Y-%m-%d %H:%M:%S")
    assert problems == []
    assert grouped == [
        {"employee_no": "1001", "date": "2026-03-02", "clock_in": "08:58", "clock_out": "18:03"},
        {"employee_no": "1002", "date": "2026-03-02", "clock_in": "09:10", "clock_out": ""},
    ]


def test_excel_zkteco_unreadable_punch_is_reported_by_row_number():
    rows = [{"employee_no": "1", "punch": "2026-03-02 08:00"}, {"employee_no": "1", "punch": "x"}]
    _grouped, problems = group_punches(rows)
    assert problems == [(2, "x")]


def test_excel_sheet_has_typed_formatted_cells_frozen_header_and_filter():
    book = new_book()
    moment = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # 09:30 in Beijing
    columns = [
        Column("名称"),
        Column("金额", MONEY),
        Column("比率", RATE),
        Column("日期", DATE),
        Column("时间", DATETIME),
    ]
    write_sheet(
        book, "客户来单", columns, [["=1+1", Decimal("1234.5"), 0.125, date(2026, 3, 2), moment]]
    )
    sheet = load_workbook(BytesIO(book_bytes(book)))["客户来单"]
    assert [c.value for c in sheet[1]] == ["名称", "金额", "比率", "日期", "时间"]
    name, money, rate, day, at = sheet[2]
    assert name.data_type == "s" and name.value == "=1+1"  # SEC-7: text, never a formula
    assert (money.value, money.number_format) == (1234.5, "¥#,##0.00")
    assert (rate.value, rate.number_format) == (0.125, "0.0%")
    assert day.is_date and at.value == datetime(2026, 3, 2, 9, 30)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E2"
    assert sheet.column_dimensions["A"].width >= 6


def test_excel_csv_has_a_bom_and_plain_values():
    text = csv_text([Column("金额", MONEY), Column("名称")], [[Decimal("46000"), "+cmd"]])
    assert text.startswith("\ufeff金额,名称\r\n")
    assert text.splitlines()[1] == "46000,'+cmd"


def test_excel_file_name_is_sent_with_filename_star():
    header = content_disposition("客户来单-20261207.xlsx")
    assert header.startswith('attachment; filename="export-20261207.xlsx"; ')
    assert unquote(header.split("filename*=UTF-8''")[1]) == "客户来单-20261207.xlsx"
