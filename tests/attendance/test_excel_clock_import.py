"""Issue 19: the time clock import takes the files offices have (template, Chinese headers, the
ZKTeco preset) and previews before it writes; confirm re-checks the very file."""

from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from attendance.models import ClockRecord
from attendance.resources import import_clock_file
from staff.imports import staged_path
from staff.models import ColumnPreset, ImportKind
from tests.factories import StaffFactory

SAMPLES = Path(__file__).parent / "excel_samples"
URL = "attendance:clock-import"


@pytest.fixture
def people(db):
    return (
        StaffFactory(employee_no="T9001", name="王小明"),
        StaffFactory(employee_no="T9002", name="李小红"),
    )


@pytest.fixture
def clerk(front_desk):
    return front_desk


def zkteco() -> ColumnPreset:
    return ColumnPreset.objects.get(kind=ImportKind.CLOCK, one_punch_per_row=True)


def csv_upload(text: str, name: str = "clock.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8-sig"))


def local(moment):
    return f"{timezone.localtime(moment):%H:%M}" if moment else None


def test_excel_clock_template_round_trip(login, clerk, people, frozen):
    with translation.override("zh-hans"):
        response = login(clerk).get(reverse("attendance:clock-template"))
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == ["工号", "日期", "上班打卡", "下班打卡"]
    assert all(c.comment is not None for c in sheet[1])  # a note on each column
    assert [c.value for c in sheet[2]] == ["T0001", "2026-03-02", "08:58", "18:05"]
    sheet["A2"] = "T9001"  # fill it in: the example row becomes a real one
    filled = BytesIO()
    book.save(filled)
    upload = SimpleUploadedFile("template.xlsx", filled.getvalue())
    outcome = import_clock_file(upload, by=clerk)
    assert outcome.ok, outcome.errors
    record = ClockRecord.objects.get(staff=people[0])
    assert (local(record.clock_in), local(record.clock_out)) == ("08:58", "18:05")


def test_excel_clock_chinese_headers_are_accepted(clerk, people, frozen):
    upload = csv_upload("工号,日期,上班时间,下班时间\nT9001,2026-03-03,09:01,18:00\n")
    outcome = import_clock_file(upload, by=clerk)
    assert outcome.ok, outcome.errors
    assert outcome.created == 1
    assert ClockRecord.objects.filter(staff=people[0]).count() == 1


def test_excel_clock_english_template_headers_are_accepted(clerk, people, frozen):
    upload = csv_upload("Employee number,Date,Clock-in,Clock-out\nT9002,2026-03-03,09:01,18:00\n")
    assert import_clock_file(upload, by=clerk).ok


def test_excel_zkteco_preset_groups_punches_into_days(clerk, people, frozen):
    raw = (SAMPLES / "zkteco_attlog.csv").read_bytes()  # GBK, as the device's software writes
    outcome = import_clock_file(SimpleUploadedFile("attlog.csv", raw), by=clerk, preset=zkteco())
    assert outcome.ok, outcome.errors
    assert outcome.created == 3
    wang = ClockRecord.objects.get(staff=people[0])
    assert (local(wang.clock_in), local(wang.clock_out)) == ("08:55", "18:07")
    li = {r.day.isoformat(): r for r in ClockRecord.objects.filter(staff=people[1])}
    assert (local(li["2026-03-02"].clock_in), li["2026-03-02"].clock_out) == ("09:12", None)
    assert (local(li["2026-03-03"].clock_in), local(li["2026-03-03"].clock_out)) == (
        "08:50",
        "17:59",
    )


def test_excel_zkteco_bad_punch_is_reported_with_its_row(clerk, people, frozen):
    upload = csv_upload(
        "姓名,考勤号码,日期时间\n王小明,T9001,2026-03-02 08:55\n王小明,T9001,昨天\n"
    )
    outcome = import_clock_file(upload, by=clerk, preset=zkteco())
    assert [number for number, _m in outcome.errors] == [2]
    assert not ClockRecord.objects.exists()


def test_excel_clock_preview_counts_and_writes_nothing(login, clerk, people, frozen):
    ClockRecord.objects.create(
        staff=people[0],
        day="2026-03-02",
        clock_in=timezone.make_aware(timezone.datetime(2026, 3, 2, 9, 30)),
    )
    raw = (SAMPLES / "zkteco_attlog.csv").read_bytes()
    client = login(clerk)
    response = client.post(
        reverse(URL), {"file": SimpleUploadedFile("a.csv", raw), "preset": zkteco().pk}
    )
    assert response.status_code == 200
    result = response.context["result"]
    assert (result.created, result.updated, result.skipped) == (2, 1, 0)
    assert ClockRecord.objects.count() == 1  # nothing written
    assert ClockRecord.objects.get().clock_out is None
    # confirm: written, all of it
    digest = response.context["digest"]
    confirmed = client.post(reverse(URL), {"confirm": "1", "digest": digest})
    assert confirmed.status_code == 302
    assert ClockRecord.objects.count() == 3
    assert local(ClockRecord.objects.get(staff=people[0]).clock_out) == "18:07"


def test_excel_clock_preview_lists_each_error_with_its_row(login, clerk, people, frozen):
    text = "工号,日期,上班时间,下班时间\nT9001,2026-03-03,09:01,18:00\nX1,2026-03-03,09:00,18:00\n"
    response = login(clerk).post(reverse(URL), {"file": csv_upload(text)})
    result = response.context["result"]
    assert [number for number, _m in result.errors] == [2]
    assert response.context["digest"] == ""  # nothing to confirm
    assert not ClockRecord.objects.exists()


def test_excel_clock_file_changed_between_preview_and_confirm_is_refused(
    login, clerk, people, frozen
):
    client = login(clerk)
    text = "工号,日期,上班时间,下班时间\nT9001,2026-03-03,09:01,18:00\n"
    response = client.post(reverse(URL), {"file": csv_upload(text)})
    digest = response.context["digest"]
    path = staged_path(client.session, "clock")
    path.write_bytes(path.read_bytes().replace(b"T9001", b"T9002"))  # the file was replaced
    confirmed = client.post(reverse(URL), {"confirm": "1", "digest": digest}, follow=True)
    assert not ClockRecord.objects.exists()
    assert confirmed.redirect_chain[-1][0] == reverse(URL)


def test_excel_clock_confirm_needs_the_previewed_digest(login, clerk, people, frozen):
    client = login(clerk)
    text = "工号,日期,上班时间,下班时间\nT9001,2026-03-03,09:01,18:00\n"
    client.post(reverse(URL), {"file": csv_upload(text)})
    client.post(reverse(URL), {"confirm": "1", "digest": "0" * 64})
    assert not ClockRecord.objects.exists()
