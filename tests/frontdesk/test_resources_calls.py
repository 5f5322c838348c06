"""FD-7 import of call records: duplicates by (agent, start) skipped, every bad row reported,
nothing half-imported, the touched days recomputed."""

import io
from datetime import date, datetime

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from frontdesk.models import AgentDailyMetric, CallRecord
from frontdesk.resources import import_call_file
from staff.models import Role
from tests.factories import StaffFactory
from tests.frontdesk.factories import CallRecordFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "employee_no,start_time,ring_seconds,talk_seconds,satisfaction,first_contact_resolved,complaint"
)
BEIJING = timezone.get_fixed_timezone(8 * 60)


@pytest.fixture
def agents(db):
    return (
        StaffFactory(roles=[Role.CS_AGENT], employee_no="E009"),
        StaffFactory(roles=[Role.CS_AGENT], employee_no="E010"),
    )


def upload(*lines: str, name: str = "calls.csv", encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\n".join(lines).encode(encoding))


GOOD = [
    HEADER,
    "E009,2026-03-10 09:00:00,5,120,5,1,0",
    "E009,2026-03-10 10:30:00,15,300,,是,否",
    "E010,2026/03/10 11:00,16,60,2,0,1",
]


def test_fd7_good_file_imports_every_call(agents, customer_manager):
    result = import_call_file(upload(*GOOD), by=customer_manager)
    assert (result.ok, result.imported, result.skipped) == (True, 3, 0)
    call = CallRecord.objects.get(agent=agents[1])
    assert (
        call.started_at,
        call.ring_seconds,
        call.talk_seconds,
        call.satisfaction,
        call.resolved_first_contact,
        call.complaint,
        call.imported_by,
    ) == (datetime(2026, 3, 10, 11, 0, tzinfo=BEIJING), 16, 60, 2, False, True, customer_manager)
    second = CallRecord.objects.get(started_at=datetime(2026, 3, 10, 10, 30, tzinfo=BEIJING))
    assert (second.satisfaction, second.resolved_first_contact, second.complaint) == (
        None,
        True,
        False,
    )


def test_fd7_duplicates_by_agent_and_start_are_skipped(agents, customer_manager):
    CallRecordFactory(agent=agents[0], started_at=datetime(2026, 3, 10, 9, 0, tzinfo=BEIJING))
    repeated = [*GOOD, "E010,2026-03-10 11:00:00,16,60,2,0,1"]
    result = import_call_file(upload(*repeated), by=customer_manager)
    assert (result.ok, result.imported, result.skipped) == (True, 2, 2)
    assert CallRecord.objects.count() == 3
    result = import_call_file(upload(*GOOD), by=customer_manager)  # the same file again
    assert (result.imported, result.skipped) == (0, 3)


def test_fd7_bad_rows_are_all_reported_and_nothing_is_imported(agents, customer_manager):
    lines = [
        *GOOD,
        "E999,2026-03-10 12:00:00,5,60,3,1,0",
        "E009,yesterday,5,60,3,1,0",
        "E009,2026-03-10 13:00:00,-1,60,6,maybe,0",
        "E009,2099-01-01 09:00:00,5,60,3,1,0",
    ]
    result = import_call_file(upload(*lines), by=customer_manager)
    assert result.ok is False
    assert result.errors == [
        (4, "employee_no: Unknown employee number: E999"),
        (5, "start_time: Not a time (YYYY-MM-DD HH:MM:SS)."),
        (
            6,
            "ring_seconds: Not a whole number of seconds.; satisfaction: Satisfaction is 1 to 5, "
            "or empty.; first_contact_resolved: Write 1 or 0 (是 or 否).",
        ),
        (7, "start_time: The call starts in the future."),
    ]
    assert CallRecord.objects.count() == 0


def test_fd7_missing_columns_are_named(agents, customer_manager):
    result = import_call_file(
        upload("employee_no,start_time", "E009,2026-03-10 09:00"), by=customer_manager
    )
    assert result.errors == [
        (
            0,
            "Missing columns: ring_seconds, talk_seconds, satisfaction, first_contact_resolved, "
            "complaint",
        )
    ]


def test_fd7_gbk_csv_with_the_phone_systems_chinese_headers(agents, customer_manager):
    lines = [
        "工号,开始时间,振铃秒数,通话秒数,满意度,首次解决,投诉",
        "E009,2026-03-10 09:00:00,5,120,5,是,否",
    ]
    result = import_call_file(upload(*lines, encoding="gbk"), by=customer_manager)
    assert (result.ok, result.imported) == (True, 1)


def test_fd7_xlsx_with_excel_dates_and_numbers(agents, customer_manager):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(["E009", datetime(2026, 3, 10, 9, 0), 5, 120.0, 4, 1, 0])
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_call_file(
        SimpleUploadedFile("calls.xlsx", buffer.getvalue()), by=customer_manager
    )
    assert (result.ok, result.imported) == (True, 1)
    assert CallRecord.objects.get().talk_seconds == 120


def test_fd7_import_recomputes_the_days_it_touched(
    agents, customer_manager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        import_call_file(upload(*GOOD), by=customer_manager)
    metric = AgentDailyMetric.objects.get(agent=agents[0], day=date(2026, 3, 10))
    assert (metric.calls, metric.answered_in_time, metric.rated_calls) == (2, 2, 1)


def test_fd7_unreadable_file(customer_manager):
    result = import_call_file(SimpleUploadedFile("calls.xlsx", b"not excel"), by=customer_manager)
    assert result.errors == [(0, "The file could not be read as CSV or Excel.")]
