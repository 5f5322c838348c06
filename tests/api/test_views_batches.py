"""POST /api/v1/calls/ and /api/v1/clock-records/: device batches, the import's rules,
de-duplicated, good records kept and bad ones returned with reasons."""

from datetime import timedelta

import pytest
from django.utils import timezone

from api.models import ApiRequestLog, ClockPunch
from attendance.models import ClockRecord, ClockSource, DailyStatus
from frontdesk.models import AgentDailyMetric, CallRecord
from tests.factories import StaffFactory

CALLS = "/api/v1/calls/"
CLOCK = "/api/v1/clock-records/"


@pytest.fixture
def agent(db):
    # Employed before the days the tests send (a day before joining is not computed).
    return StaffFactory(employee_no="A001", date_joined=timezone.now() - timedelta(days=60))


def last_weekday():
    """The latest finished Monday-Friday (a working day, so the day's status is computed)."""
    day = timezone.localdate() - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def yesterday_at(hour: int, minute: int = 0) -> str:
    return f"{last_weekday().isoformat()} {hour:02d}:{minute:02d}:00"


def call(n: int, **fields) -> dict:
    return {
        "call_id": f"C-{n}",
        "employee_no": "A001",
        "start_time": yesterday_at(9, n % 60),
        "ring_seconds": 6,
        "talk_seconds": 120,
        "satisfaction": 5,
        "first_contact_resolved": 1,
        "complaint": 0,
        **fields,
    }


def test_fd7_api_calls_are_stored_with_their_call_id_and_metrics_recomputed(
    api, agent, website, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(CALLS, {"records": [call(1), call(2)]})

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["received"], body["created"], body["duplicates"], body["rejected_count"]) == (
        2,
        2,
        0,
        0,
    )
    assert set(CallRecord.objects.values_list("call_id", flat=True)) == {"C-1", "C-2"}
    assert CallRecord.objects.filter(imported_by=website[0].system_user).count() == 2
    metric = AgentDailyMetric.objects.get(agent=agent)
    assert metric.calls == 2


def test_fd7_api_bad_calls_come_back_with_reasons_and_good_ones_are_kept(api_en, agent):
    records = [
        call(1),
        call(2, employee_no="NOBODY", satisfaction=9),
        call(3, start_time="yesterday"),
        call(4, call_id=""),
    ]
    body = api_en.post(CALLS, {"records": records}).json()

    assert [row["index"] for row in body["accepted"]] == [0]
    rejected = {row["index"]: {e["field"]: e for e in row["errors"]} for row in body["rejected"]}
    assert rejected[1]["employee_no"]["message"] == "Unknown employee number: NOBODY"
    assert rejected[1]["satisfaction"]["message"] == "Satisfaction is 1 to 5, or empty."
    assert rejected[2]["start_time"]["code"] == "invalid"
    assert rejected[3]["call_id"]["code"] == "required"
    assert CallRecord.objects.count() == 1


def test_fd7_api_future_call_is_rejected(api_en, agent):
    later = timezone.localtime() + timedelta(hours=2)
    body = api_en.post(
        CALLS, {"records": [call(1, start_time=f"{later:%Y-%m-%d %H:%M:%S}")]}
    ).json()

    assert body["rejected"][0]["errors"][0]["code"] == "future"


def test_fd7_api_same_call_batch_twice_stores_nothing_new(api, agent):
    batch = {"records": [call(n) for n in range(5)]}
    api.post(CALLS, batch)
    again = api.post(CALLS, batch).json()

    assert (again["created"], again["duplicates"]) == (0, 5)
    assert CallRecord.objects.count() == 5


def test_fd7_api_call_already_imported_from_a_file_is_a_duplicate(api, agent):
    """The CSV import identifies a call by agent and start time; so does the API."""
    started = timezone.make_aware(timezone.datetime.fromisoformat(yesterday_at(9, 1)))
    CallRecord.objects.create(agent=agent, started_at=started, ring_seconds=3, talk_seconds=30)

    body = api.post(CALLS, {"records": [call(1), call(1, call_id="C-1b")]}).json()

    assert body["created"] == 0 and body["duplicates"] == 2
    assert CallRecord.objects.count() == 1


def test_fd7_api_batch_over_1000_records_is_refused(api, agent):
    response = api.post(CALLS, {"records": [call(n) for n in range(1001)]})

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "records"
    assert CallRecord.objects.count() == 0


def test_fd7_api_call_batch_logs_its_record_count(api, agent):
    api.post(CALLS, {"records": [call(n) for n in range(3)]})

    assert ApiRequestLog.objects.get().record_count == 3


@pytest.mark.parametrize("size", [5, 50])
def test_fd7_api_call_batch_query_count_is_fixed(api, agent, size, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = api.post(CALLS, {"records": [call(n) for n in range(size)]})
    assert response.json()["created"] == size


# --- time clock -----------------------------------------------------------------------------------


def punch(hour: int, minute: int = 0, **fields) -> dict:
    return {"employee_no": "A001", "time": yesterday_at(hour, minute), "device": "前台-1", **fields}


def test_att1_api_punches_become_the_days_clock_in_and_out_and_the_day_is_recomputed(
    api, agent, website, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(CLOCK, {"records": [punch(8, 55), punch(12, 1), punch(18, 5)]})

    assert response.json()["created"] == 3
    record = ClockRecord.objects.get(staff=agent)
    assert f"{timezone.localtime(record.clock_in):%H:%M}" == "08:55"
    assert f"{timezone.localtime(record.clock_out):%H:%M}" == "18:05"
    assert record.source == ClockSource.IMPORT
    assert record.entered_by == website[0].system_user
    assert record.history.count() == 1  # SEC-3
    assert DailyStatus.objects.filter(staff=agent, day=record.day).exists()


def test_att1_api_punches_sent_in_two_batches_fold_into_one_day(api, agent):
    api.post(CLOCK, {"records": [punch(8, 50)]})
    api.post(CLOCK, {"records": [punch(18, 0)]})

    record = ClockRecord.objects.get(staff=agent)
    assert f"{timezone.localtime(record.clock_in):%H:%M}" == "08:50"
    assert f"{timezone.localtime(record.clock_out):%H:%M}" == "18:00"


def test_att1_api_same_punch_batch_twice_stores_nothing_new(api, agent):
    batch = {"records": [punch(8, 55), punch(18, 5), punch(18, 5)]}
    first = api.post(CLOCK, batch).json()
    again = api.post(CLOCK, batch).json()

    assert (first["created"], first["duplicates"]) == (2, 1)
    assert (again["created"], again["duplicates"]) == (0, 3)
    assert ClockPunch.objects.count() == 2 and ClockRecord.objects.count() == 1


def test_att1_api_bad_punches_come_back_with_reasons(api_en, agent):
    later = timezone.localtime() + timedelta(hours=1)
    records = [
        punch(9, employee_no="X9"),
        punch(9, time="not a time"),
        punch(9, time=f"{later:%Y-%m-%d %H:%M:%S}"),
    ]
    body = api_en.post(CLOCK, {"records": records}).json()

    codes = [row["errors"][0]["code"] for row in body["rejected"]]
    assert codes == ["unknown_employee", "invalid", "future"]
    assert ClockRecord.objects.count() == 0 and ClockPunch.objects.count() == 0
