"""Issue 19: the lead list and HR's slips export as files people can work with: headers as the
pages label them (Chinese, or English for an English reader), labels not codes, people by name,
numbers and dates as typed cells, a frozen header with a filter, the name kept by browsers."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from leads.models import Channel, LeadState, SizeClass
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory

URL = "leads:export"


@pytest.fixture
def lead(db):
    owner = StaffFactory(name="客服吴静", roles=["CS_AGENT"])
    lead = LeadFactory(
        customer_name="张先生",
        phone="13812345678",
        area_m2=Decimal("138.00"),
        budget=Decimal(46000),
        size_class=SizeClass.MEDIUM,
        channel=Channel.SHOWROOM,
        state=LeadState.NEW,
        consultation_date=date(2026, 3, 2),
        planned_decoration_date=date(2026, 9, 1),
        owner=owner,
    )
    created = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # 09:30 Beijing
    type(lead).objects.filter(pk=lead.pk).update(created_at=created)
    return lead


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def chinese(client):
    """The firm's default; this folder's conftest makes English the default for its tests."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    return client


def xlsx_rows(response):
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    return sheet, [[c.value for c in row] for row in sheet.iter_rows()]


def test_excel_lead_xlsx_in_chinese_has_labels_names_and_typed_cells(login, customer_manager, lead):
    response = chinese(login(customer_manager)).get(reverse(URL), {"format": "xlsx"})
    sheet, rows = xlsx_rows(response)
    header, row = rows[0], dict(zip(rows[0], rows[1]))
    assert header[:3] == ["编号", "客户姓名", "电话"]
    assert "customer_name" not in header and "brought_by" not in header
    assert all(any(ord(ch) > 127 for ch in str(h)) for h in header)  # every header Chinese
    values = list(row.values())
    assert "SHOWROOM" not in values and "MEDIUM" not in values and "NEW" not in values
    assert "客服吴静" in values  # the owner by name, not by id
    area, budget = rows[1][5], rows[1][6]
    assert (area, budget) == (138.0, 46000.0)
    assert sheet.cell(2, 6).data_type == "n" and sheet.cell(2, 7).number_format == "¥#,##0.00"
    assert rows[1][10] == datetime(2026, 3, 2)  # consultation date: a date cell
    assert sheet.cell(2, 11).is_date
    assert rows[1][16] == datetime(2026, 3, 2, 9, 30)  # registered at, Beijing time
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    disposition = response["Content-Disposition"]
    assert unquote(disposition.split("filename*=UTF-8''")[1]).startswith("客户来单-")


def test_excel_lead_xlsx_in_english(login, customer_manager, lead):
    response = english(login(customer_manager)).get(reverse(URL), {"format": "xlsx"})
    _sheet, rows = xlsx_rows(response)
    row = dict(zip(rows[0], rows[1]))
    assert rows[0][:2] == ["Number", "Customer name"]
    assert row["Channel"] == "Showroom event"
    assert row["State"] == "New"
    assert row["Owner"] == "客服吴静"
    assert row["Budget / expected contract value"] == 46000.0
    assert row["Consultation date"] == datetime(2026, 3, 2)
    assert "Leads-" in response["Content-Disposition"]


def test_excel_lead_csv_keeps_its_bom_and_labels(login, customer_manager, lead):
    response = english(login(customer_manager)).get(reverse(URL), {"format": "csv"})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert rows[0]["Channel"] == "Showroom event"
    assert rows[0]["Budget / expected contract value"] == "46000"
    assert rows[0]["Consultation date"] == "2026-03-02"
    assert rows[0]["Registered at"] == "2026-03-02 09:30"


def test_excel_lead_csv_in_chinese(login, customer_manager, lead):
    response = chinese(login(customer_manager)).get(reverse(URL), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "编号"
    assert "SHOWROOM" not in rows[1]
    assert "客服吴静" in rows[1]
