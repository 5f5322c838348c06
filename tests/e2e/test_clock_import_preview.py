"""Issue 19 in a real browser: HR uploads a ZKTeco time clock's own export (one punch per row),
sees the preview (nothing written yet), confirms, and the month's clock records show the days."""

import datetime as dt

import pytest
from django.utils import timezone

from attendance.models import ClockRecord
from staff.models import ColumnPreset, Department, ImportKind, Role
from tests.factories import StaffFactory

# serialized_rollback: the presets (a data migration) survive earlier flushes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def zkteco_file(path, first: dt.date):
    second = first + dt.timedelta(days=1)
    lines = [
        "部门,姓名,考勤号码,日期时间,机器号",
        f"客服部,王小明,T9001,{first} 08:55:10,1",
        f"客服部,王小明,T9001,{first} 18:07:42,1",
        f"客服部,王小明,T9001,{second} 09:02:00,1",
        f"客服部,王小明,T9001,{second} 17:31:00,1",
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("gb18030"))
    return path


def test_clock_import_preview_then_confirm(live_server, page, sign_in, tmp_path):
    hr = StaffFactory(roles=[Role.HR], name="人事刘", department=Department.HR)
    StaffFactory(employee_no="T9001", name="王小明")
    preset = ColumnPreset.objects.get(kind=ImportKind.CLOCK, one_punch_per_row=True)
    month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    upload = zkteco_file(tmp_path / "attlog.csv", month + dt.timedelta(days=1))

    sign_in(hr)
    page.goto(f"{live_server.url}/attendance/clock/import/")
    assert page.locator("[data-testid=import-template]").is_visible()
    page.select_option("#id_preset", str(preset.pk))
    page.set_input_files("#id_file", str(upload))
    page.click("input[type=submit][name=submit]")
    preview = page.locator("[data-testid=import-preview]")
    preview.wait_for()
    assert page.locator("[data-testid=preview-created]").inner_text() == "2"
    assert not ClockRecord.objects.exists()  # nothing written before the confirm

    page.click("[data-testid=import-confirm]")
    page.wait_for_url(f"{live_server.url}/attendance/clock/**")
    assert ClockRecord.objects.count() == 2
    page.goto(f"{live_server.url}/attendance/clock/")
    table = page.locator("[data-testid=clock-table]")
    text = table.inner_text()
    assert "王小明" in text
    assert f"{month + dt.timedelta(days=1):%Y-%m-%d}" in text
    assert "08:55" in text and "17:31" in text
