"""Issue 19: the admin's call-record export names the agent ("王小明 (T0001)", the number telling
two namesakes apart) instead of the bare employee number; times are Beijing date cells, seconds
numbers, flags 是/否; and the exported file imports back (the call is already there: skipped)."""

import csv
from datetime import datetime
from io import BytesIO, StringIO

import pytest
import tablib
from django.conf import settings
from django.contrib import admin
from django.utils import translation
from openpyxl import load_workbook

from frontdesk.models import CallRecord
from frontdesk.resources import CallRecordResource
from tests.factories import StaffFactory
from tests.frontdesk.factories import CallRecordFactory

pytestmark = pytest.mark.django_db

STARTED = datetime.fromisoformat("2026-03-02T01:15:00+00:00")  # 09:15 in Beijing


def export(client, extension: str, language: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    formats = admin.site.get_model_admin(CallRecord).get_export_formats()
    index = next(i for i, f in enumerate(formats) if f().get_extension() == extension)
    fields = {f"callrecordresource_{name}": "on" for name in CallRecordResource().fields}
    response = client.post(
        "/admin/frontdesk/callrecord/export/", {"format": str(index), "resource": "0", **fields}
    )
    assert response.status_code == 200, response.status_code
    return response


def header(name: str, language: str) -> str:
    with translation.override(language):
        return str(CallRecordResource.export_header(CallRecordResource.fields[name]))


@pytest.fixture
def call(db):
    agent = StaffFactory(name="王小明", employee_no="T0901", roles=["CS_AGENT"])
    return CallRecordFactory(
        agent=agent, started_at=STARTED, ring_seconds=6, talk_seconds=185, complaint=False
    )


@pytest.mark.parametrize(
    ("language", "agent", "no"), [("zh-hans", "客服人员", "否"), ("en", "Agent", "No")]
)
def test_excel_call_export_xlsx_names_the_agent_with_typed_cells(
    admin_client, call, language, agent, no
):
    sheet = load_workbook(BytesIO(export(admin_client, "xlsx", language).content)).worksheets[0]
    headers = [c.value for c in sheet[1]]
    row = {h: cell for h, cell in zip(headers, sheet[2], strict=True)}
    assert header("agent", language) == agent
    assert row[agent].value == "王小明 (T0901)"
    start = row[header("started_at", language)]
    assert start.is_date and start.value == datetime(2026, 3, 2, 9, 15)
    talk = row[header("talk_seconds", language)]
    assert (talk.data_type, talk.value, talk.number_format) == ("n", 185, "0")
    assert row[header("complaint", language)].value == no
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_excel_call_export_csv_reimports_and_skips_the_stored_call(admin_client, call, language):
    text = export(admin_client, "csv", language).content.decode("utf-8-sig")
    rows = list(csv.DictReader(StringIO(text)))
    assert rows[0][header("agent", language)] == "王小明 (T0901)"
    assert rows[0][header("started_at", language)] == "2026-03-02 09:15:00"
    dataset = tablib.Dataset().load(text, format="csv")
    result = CallRecordResource().import_data(dataset, dry_run=True, use_transactions=True)
    assert not result.has_errors() and not result.has_validation_errors(), result.invalid_rows
    assert result.totals["skip"] == 1
