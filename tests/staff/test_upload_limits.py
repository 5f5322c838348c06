"""Upload limits (issue 7) and readable import errors (issue 8): every upload has a byte and a row
limit checked before parsing, a month of clock records for the firm still imports quickly, and the
admin import reads GBK files and answers a garbage file with a sentence, not an exception name."""

import datetime as dt
from io import BytesIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from attendance.models import ClockRecord, DailyStatus
from attendance.resources import import_clock_file
from frontdesk.forms.quality import CallImportForm
from leads.forms import PhoneListImportForm, UploadForm
from staff.imports import check_upload
from staff.models import Staff
from tests.attendance.conftest import beijing
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

HEADER = "employee_no,date,clock_in,clock_out\n"
MB = 1024 * 1024


@pytest.fixture
def frozen():
    """Wednesday 2026-03-11 10:00 Beijing: the days of the files below are finished."""
    with time_machine.travel(beijing(2026, 3, 11, 10, 0), tick=False) as traveller:
        yield traveller


@pytest.fixture
def en_login(login):
    def _login(user):
        client = login(user)
        client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        return client

    return _login


def clock_csv(people, days: int, start=dt.date(2026, 3, 10)) -> bytes:
    lines = [HEADER]
    for d in range(days):
        day = (start - dt.timedelta(days=d)).isoformat()
        for i, person in enumerate(people):
            lines.append(f"{person.employee_no},{day},08:{50 + i % 10},18:{i % 10:02d}\n")
    return "".join(lines).encode()


def oversized_csv() -> bytes:
    """Just over 5 MB, in few rows (so only the byte limit is broken)."""
    return (HEADER + "T0001,2026-03-10,08:00,18:00," + "x" * (5 * MB) + "\n").encode()


# ------------------------------------------------------------------------------ in-app pages


def test_upload_limit_oversized_clock_file_is_refused_at_once_and_nothing_written(
    en_login, front_desk, monkeypatch
):
    def must_not_parse(*args, **kwargs):
        raise AssertionError("an over-size file must be refused before it is read")

    monkeypatch.setattr("attendance.views.records.import_clock_file", must_not_parse)
    upload = SimpleUploadedFile("clock.csv", oversized_csv())
    response = en_login(front_desk).post(reverse("attendance:clock-import"), {"file": upload})
    assert response.status_code == 200
    assert "The file exceeds the 5 MB limit." in response.text
    assert not ClockRecord.objects.exists()


def test_upload_limit_too_many_rows_in_a_clock_file_is_refused_with_the_limit(
    en_login, front_desk, monkeypatch
):
    monkeypatch.setattr(
        "attendance.views.records.import_clock_file",
        lambda *a, **k: pytest.fail("a file over the row limit must not be imported"),
    )
    body = HEADER + "T0001,2026-03-10,08:00,18:00\n" * 20_001
    upload = SimpleUploadedFile("clock.csv", body.encode())
    response = en_login(front_desk).post(reverse("attendance:clock-import"), {"file": upload})
    assert "The file exceeds the 20,000-row limit." in response.text
    assert not ClockRecord.objects.exists()


def test_upload_limit_exactly_the_row_limit_passes_the_check(settings):
    settings.UPLOAD_MAX_ROWS = 3
    check_upload(SimpleUploadedFile("a.csv", (HEADER + "a,b,c,d\n" * 3 + "\n\n").encode()))


@pytest.mark.parametrize(
    ("form_class", "extra"),
    [
        (CallImportForm, {}),
        (PhoneListImportForm, {"name": "望京"}),
        (UploadForm, {}),
    ],
)
def test_upload_limit_every_upload_form_refuses_an_oversized_file(form_class, extra):
    upload = SimpleUploadedFile("big.csv", oversized_csv())
    with translation.override("en"):
        form = form_class(extra, {"file": upload})
        assert not form.is_valid()
        assert form.errors["file"] == ["The file exceeds the 5 MB limit."]


@pytest.mark.parametrize("form_class", [CallImportForm, PhoneListImportForm, UploadForm])
def test_upload_limit_every_upload_form_refuses_too_many_rows(form_class, settings):
    settings.UPLOAD_MAX_ROWS = 2
    upload = SimpleUploadedFile("rows.csv", (HEADER + "1,2,3,4\n" * 3).encode())
    with translation.override("en"):
        form = form_class({"name": "望京"}, {"file": upload})
        assert not form.is_valid()
        assert form.errors["file"] == ["The file exceeds the 2-row limit."]


def test_upload_limit_counts_excel_rows_before_parsing(settings):
    settings.UPLOAD_MAX_ROWS = 4
    book = Workbook()
    sheet = book.active
    sheet.append(["employee_no", "date", "clock_in", "clock_out"])
    for _ in range(5):
        sheet.append(["T0001", "2026-03-10", "08:00", "18:00"])
    stream = BytesIO()
    book.save(stream)
    upload = SimpleUploadedFile("clock.xlsx", stream.getvalue())
    with translation.override("en"), pytest.raises(Exception, match="4-row limit"):
        check_upload(upload)


def test_upload_limit_a_month_of_clock_records_for_200_people_imports_in_batches(
    frozen, django_capture_on_commit_callbacks
):
    """10,000 rows (200 people x 50 finished days) import, with history, and the days are
    recomputed after the commit. The import reads the staff and the stored records once per file
    and writes in batches, so it runs far fewer queries than rows (the time is measured by
    `make bench`, not here)."""
    people = StaffFactory.create_batch(200)
    Staff.objects.update(date_joined=beijing(2020, 1, 1, 9, 0))
    upload = SimpleUploadedFile("clock.csv", clock_csv(people, days=50))
    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        CaptureQueriesContext(connection) as queries,
    ):
        outcome = import_clock_file(upload, by=people[0])
    for callback in callbacks:
        callback()
    # Batched, not per row: far fewer than one query per 20 rows (260 today: batches of 1,000
    # rows and their history, plus the stored records read per day of the file).
    assert len(queries) < 10_000 / 20, f"{len(queries)} queries for 10,000 rows"
    assert outcome.ok, outcome.errors[:3]
    assert outcome.imported == 10_000
    assert ClockRecord.objects.filter(source="IMPORT").count() == 10_000
    assert ClockRecord.history.count() == 10_000  # SEC-3: the audit history is kept
    assert ClockRecord.history.filter(history_user=people[0]).count() == 10_000
    assert DailyStatus.objects.filter(day=dt.date(2026, 3, 10)).count() == 200


def test_upload_limit_reimport_updates_the_stored_times_with_history(frozen):
    person = StaffFactory()
    import_clock_file(SimpleUploadedFile("a.csv", clock_csv([person], days=2)), by=person)
    changed = HEADER + f"{person.employee_no},2026-03-10,09:10,18:30\n"
    outcome = import_clock_file(SimpleUploadedFile("b.csv", changed.encode()), by=person)
    assert outcome.ok and outcome.imported == 1
    record = ClockRecord.objects.get(staff=person, day=dt.date(2026, 3, 10))
    assert record.clock_in == beijing(2026, 3, 10, 9, 10)
    assert record.history.count() == 2
    assert ClockRecord.objects.count() == 2


# ------------------------------------------------------------------------------ admin import


def csv_format_index() -> str:
    from django.contrib import admin

    formats = admin.site._registry[ClockRecord].get_import_formats()
    return str(next(i for i, f in enumerate(formats) if f.__name__ == "CSV"))


@pytest.fixture
def admin_en(admin_client):
    admin_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return admin_client


IMPORT_URL = "/admin/attendance/clockrecord/import/"


def test_upload_limit_admin_import_reads_a_gbk_file(admin_en, admin_user, frozen):
    person = StaffFactory(employee_no="前台甲1")
    content = (HEADER + f"{person.employee_no},2026-03-10,08:55,18:05\n").encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    upload = SimpleUploadedFile("clock.csv", content)
    response = admin_en.post(IMPORT_URL, {"format": csv_format_index(), "import_file": upload})
    assert response.status_code == 200
    confirm = response.context["confirm_form"]
    assert confirm is not None, response.context["form"].errors
    data = {name: confirm.initial[name] for name in confirm.initial}
    done = admin_en.post("/admin/attendance/clockrecord/process_import/", data)
    assert done.status_code == 302
    record = ClockRecord.objects.get(staff=person)
    assert record.clock_in == beijing(2026, 3, 10, 8, 55)


def test_upload_limit_admin_garbage_file_gets_a_sentence_not_an_exception_name(admin_en):
    garbage = SimpleUploadedFile("clock.csv", b"\x81\xff\xfe\x00\x80" * 50)
    response = admin_en.post(IMPORT_URL, {"format": csv_format_index(), "import_file": garbage})
    assert "The file could not be read." in response.text
    assert "UnicodeDecodeError" not in response.text
    assert "encountered" not in response.text
    assert not ClockRecord.objects.exists()


def test_upload_limit_admin_garbage_file_sentence_is_chinese(admin_client):
    """Needs the merged translations (.pending-po/uploads.po)."""
    garbage = SimpleUploadedFile("clock.csv", b"\x81\xff\xfe\x00\x80" * 50)
    admin_client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    response = admin_client.post(IMPORT_URL, {"format": csv_format_index(), "import_file": garbage})
    assert "无法读取该文件" in response.text
    assert "UnicodeDecodeError" not in response.text


def test_upload_limit_admin_import_refuses_an_oversized_file(admin_en):
    upload = SimpleUploadedFile("clock.csv", oversized_csv())
    response = admin_en.post(IMPORT_URL, {"format": csv_format_index(), "import_file": upload})
    assert "The file exceeds the 5 MB limit." in response.text
    assert response.context["confirm_form"] is None if "confirm_form" in response.context else True
    assert not ClockRecord.objects.exists()


def test_upload_limit_admin_import_refuses_too_many_rows(admin_en, settings):
    settings.UPLOAD_MAX_ROWS = 2
    upload = SimpleUploadedFile("clock.csv", (HEADER + "T1,2026-03-10,08:00,18:00\n" * 3).encode())
    response = admin_en.post(IMPORT_URL, {"format": csv_format_index(), "import_file": upload})
    assert "The file exceeds the 2-row limit." in response.text
