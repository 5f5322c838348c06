"""Issue 19: the phone-system call import takes the files offices have (template, Chinese and
English headers, the phone-system preset) and previews before it writes; confirm re-checks the
very file."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from frontdesk.models import CallRecord
from frontdesk.resources import _labels, import_call_file
from staff.imports import staged_path
from staff.models import ColumnPreset, ImportKind, Role
from tests.factories import StaffFactory
from tests.frontdesk.factories import CallRecordFactory

pytestmark = pytest.mark.django_db
URL = "frontdesk:call_import"

# A generic phone system's export, as its software writes it (GBK, its own column names).
PHONE_SYSTEM_CSV = (
    "主叫,被叫,开始时间,振铃时长,通话时长,坐席,满意度\n"
    "13812345678,4008001234,2026-03-10 09:00:05,5,120,E009,5\n"
    "13987654321,4008001234,2026-03-10 10:30:00,12,300,E010,\n"
    "13700001111,4008001234,2026-03-10 11:00:00,8,45,E009,3\n"
).encode("gb18030")


@pytest.fixture
def agents(db):
    return (
        StaffFactory(roles=[Role.CS_AGENT], employee_no="E009"),
        StaffFactory(roles=[Role.CS_AGENT], employee_no="E010"),
    )


def phone_system() -> ColumnPreset:
    return ColumnPreset.objects.get(kind=ImportKind.CALLS, name="电话系统通话记录")


def csv_upload(text: str, name: str = "calls.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8-sig"))


def test_excel_calls_template_round_trip(login, customer_manager, agents, settings):
    client = login(customer_manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"  # this folder's tests default to en
    response = client.get(reverse("frontdesk:call_template"))
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    sheet = book.worksheets[0]
    with translation.override("zh-hans"):  # fully Chinese once excel2.po is merged
        expected = [str(label) for label in _labels().values()]
    assert [c.value for c in sheet[1]] == expected
    assert expected[0] == "工号"
    assert all(c.comment is not None for c in sheet[1])  # a note on each column
    assert sheet["A2"].value == "T0001"
    sheet["A2"] = "E009"  # fill it in: the example row becomes a real one
    filled = BytesIO()
    book.save(filled)
    outcome = import_call_file(
        SimpleUploadedFile("template.xlsx", filled.getvalue()), by=customer_manager
    )
    assert outcome.ok, outcome.errors
    call = CallRecord.objects.get(agent=agents[0])
    assert (call.ring_seconds, call.talk_seconds, call.satisfaction) == (6, 185, 5)
    assert (call.resolved_first_contact, call.complaint) == (True, False)


def test_excel_calls_english_template_headers_are_accepted(customer_manager, agents):
    text = (
        "Employee number,Start time,Ring seconds,Talk seconds,Satisfaction,"
        "Resolved on first contact,Complaint\nE010,2026-03-10 09:00:00,5,60,4,1,0\n"
    )
    with translation.override("en"):
        outcome = import_call_file(csv_upload(text), by=customer_manager)
    assert outcome.ok, outcome.errors
    assert CallRecord.objects.filter(agent=agents[1]).count() == 1


def test_excel_calls_chinese_headers_are_accepted(customer_manager, agents):
    text = (
        "工号,开始时间,振铃秒数,通话秒数,满意度,首次解决,投诉\nE009,2026-03-10 09:00,5,60,,否,是\n"
    )
    outcome = import_call_file(csv_upload(text), by=customer_manager)
    assert outcome.ok, outcome.errors
    assert CallRecord.objects.get().complaint is True


def test_excel_calls_phone_system_preset_reads_its_export(customer_manager, agents):
    upload = SimpleUploadedFile("export.csv", PHONE_SYSTEM_CSV)
    outcome = import_call_file(upload, by=customer_manager, preset=phone_system())
    assert outcome.ok, outcome.errors
    assert outcome.created == 3
    li = CallRecord.objects.get(agent=agents[1])
    assert (li.ring_seconds, li.talk_seconds, li.satisfaction) == (12, 300, None)
    assert (li.resolved_first_contact, li.complaint) == (False, False)  # columns left out


def test_excel_calls_phone_system_preset_reads_an_xlsx_with_typed_cells(customer_manager, agents):
    from datetime import datetime

    book = Workbook()
    sheet = book.active
    sheet.append(["主叫", "被叫", "开始时间", "振铃时长", "通话时长", "工号", "满意度"])
    sheet.append(["13812345678", "4008001234", datetime(2026, 3, 10, 9, 0), 5, 120, "E009", 4])
    raw = BytesIO()
    book.save(raw)
    outcome = import_call_file(
        SimpleUploadedFile("export.xlsx", raw.getvalue()),
        by=customer_manager,
        preset=phone_system(),
    )
    assert outcome.ok, outcome.errors
    assert CallRecord.objects.get().talk_seconds == 120


def test_excel_calls_without_a_preset_the_export_is_refused(customer_manager, agents):
    outcome = import_call_file(
        SimpleUploadedFile("export.csv", PHONE_SYSTEM_CSV), by=customer_manager
    )
    assert not outcome.ok
    assert not CallRecord.objects.exists()


def test_excel_calls_preview_counts_writes_nothing_then_confirm(login, customer_manager, agents):
    from datetime import datetime

    from django.utils import timezone

    CallRecordFactory(
        agent=agents[0], started_at=timezone.make_aware(datetime(2026, 3, 10, 9, 0, 5))
    )
    client = login(customer_manager)
    response = client.post(
        reverse(URL),
        {"file": SimpleUploadedFile("e.csv", PHONE_SYSTEM_CSV), "preset": phone_system().pk},
    )
    assert response.status_code == 200
    result = response.context["result"]
    assert (result.created, result.skipped) == (2, 1)
    assert CallRecord.objects.count() == 1  # nothing written
    confirmed = client.post(reverse(URL), {"confirm": "1", "digest": response.context["digest"]})
    assert confirmed.status_code == 302
    assert CallRecord.objects.count() == 3


def test_excel_calls_preview_lists_each_error_with_its_row(login, customer_manager, agents):
    text = (
        "工号,开始时间,振铃秒数,通话秒数,满意度,首次解决,投诉\n"
        "E009,2026-03-10 09:00,5,60,,0,0\nX1,2026-03-10 09:00,5,60,,0,0\n"
    )
    response = login(customer_manager).post(reverse(URL), {"file": csv_upload(text)})
    assert [number for number, _m in response.context["result"].errors] == [2]
    assert response.context["digest"] == ""
    assert not CallRecord.objects.exists()


def test_excel_calls_file_changed_between_preview_and_confirm_is_refused(
    login, customer_manager, agents
):
    client = login(customer_manager)
    text = "工号,开始时间,振铃秒数,通话秒数,满意度,首次解决,投诉\nE009,2026-03-10 09:00,5,60,,0,0\n"
    response = client.post(reverse(URL), {"file": csv_upload(text)})
    digest = response.context["digest"]
    path = staged_path(client.session, "calls")
    path.write_bytes(path.read_bytes().replace(b"E009", b"E010"))  # the file was replaced
    confirmed = client.post(reverse(URL), {"confirm": "1", "digest": digest}, follow=True)
    assert not CallRecord.objects.exists()
    assert confirmed.redirect_chain[-1][0] == reverse(URL)


def test_excel_calls_confirm_needs_the_previewed_digest(login, customer_manager, agents):
    client = login(customer_manager)
    text = "工号,开始时间,振铃秒数,通话秒数,满意度,首次解决,投诉\nE009,2026-03-10 09:00,5,60,,0,0\n"
    client.post(reverse(URL), {"file": csv_upload(text)})
    client.post(reverse(URL), {"confirm": "1", "digest": "0" * 64})
    assert not CallRecord.objects.exists()
