"""Issue 19: the admin's xlsx exports are written like the app's files: numbers as numbers with
number formats (¥#,##0.00 for money), dates and times as date cells in Beijing time (naive in the
cell), a frozen header, an autofilter and widths from the content, in Chinese and in English."""

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.conf import settings
from django.contrib import admin
from django.utils import translation
from openpyxl import load_workbook

from leads.models import Lead, LeadState
from leads.resources import LeadResource
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db


def xlsx_export(client, model, resource_class, language: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    formats = admin.site.get_model_admin(model).get_export_formats()
    index = next(i for i, f in enumerate(formats) if f().get_extension() == "xlsx")
    fields = {f"{resource_class.__name__.lower()}_{name}": "on" for name in resource_class().fields}
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/export/"
    response = client.post(url, {"format": str(index), "resource": "0", **fields})
    assert response.status_code == 200, response.status_code
    return response


def header(name: str, language: str) -> str:
    with translation.override(language):
        return str(LeadResource.export_header(LeadResource.fields[name]))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_excel_admin_lead_xlsx_has_typed_cells_formats_and_a_working_header(client, language):
    owner = StaffFactory(name="王小明", employee_no="S0501")
    # 2026-03-02 01:30 UTC is 09:30 in Beijing
    with time_machine.travel(datetime.fromisoformat("2026-03-02T01:30:00+00:00"), tick=False):
        LeadFactory(
            customer_name="李女士",
            area_m2=Decimal("98.50"),
            budget=Decimal("150000"),
            planned_decoration_date=date(2026, 6, 1),
            state=LeadState.NEW,
            owner=owner,
        )
    client.force_login(StaffFactory(is_staff=True, is_superuser=True))
    response = xlsx_export(client, Lead, LeadResource, language)
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    headers = [c.value for c in sheet[1]]
    row = {h: cell for h, cell in zip(headers, sheet[2], strict=True)}
    budget, area = row[header("budget", language)], row[header("area_m2", language)]
    assert (budget.data_type, budget.value, budget.number_format) == ("n", 150000, "¥#,##0.00")
    assert (area.data_type, area.value) == ("n", 98.5)
    planned = row[header("planned_decoration_date", language)]
    assert planned.is_date and planned.value.date() == date(2026, 6, 1)
    assert planned.number_format == "yyyy-mm-dd"
    created = row[header("created_at", language)]
    assert created.is_date and created.value == datetime(2026, 3, 2, 9, 30)  # Beijing, naive
    assert created.number_format == "yyyy-mm-dd hh:mm"
    with translation.override(language):
        assert row[header("state", language)].value == str(LeadState.NEW.label)
    assert row[header("owner", language)].value == "王小明 (S0501)"
    assert row[header("customer_name", language)].value == "李女士"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(headers)).column_letter}2"
    assert sheet.column_dimensions["B"].width >= 6
    if language == "zh-hans":
        assert header("customer_name", language) == "客户姓名"
    else:
        assert header("customer_name", language) in {"Customer name", "Customer Name"}


@pytest.mark.parametrize(
    ("language", "quoted_name"),
    [
        ("zh-hans", "%E5%AE%A2%E6%88%B7%E6%9D%A5%E5%8D%95-20260302.xlsx"),
        ("en", "Leads-20260302.xlsx"),
    ],
)
def test_excel_admin_export_file_is_named_in_the_readers_language_with_the_date(
    client, language, quoted_name
):
    """Like the app's files: '客户来单-20260302.xlsx', kept by browsers through filename*."""
    client.force_login(StaffFactory(is_staff=True, is_superuser=True))
    with time_machine.travel(datetime.fromisoformat("2026-03-02T01:30:00+00:00"), tick=False):
        response = xlsx_export(client, Lead, LeadResource, language)
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert disposition.endswith(f"filename*=UTF-8''{quoted_name}")
