"""ATT-1 clock records entered by hand and imported from the time clock; ATT-2 off-post."""

import datetime as dt
import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from attendance import services
from attendance.models import ClockRecord, ClockSource, DailyStatus, OffPostRecord
from attendance.resources import ClockRecordResource, import_clock_file
from attendance.services import AttendanceError
from tests.attendance.conftest import beijing

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = dt.date


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


# ---------------------------------------------------------------- entered by hand


def test_att1_front_desk_enters_clock_times_and_the_past_day_is_recomputed(
    chain, frozen, front_desk
):
    start, end = services.clock_times(D(2026, 3, 10), dt.time(9, 25), dt.time(18, 0))
    record = services.save_clock_record(
        staff=chain.clerk, day=D(2026, 3, 10), clock_in=start, clock_out=end, by=front_desk
    )
    assert (record.source, record.entered_by) == (ClockSource.MANUAL, front_desk)
    status = DailyStatus.objects.get(staff=chain.clerk, day=D(2026, 3, 10))
    assert (status.code, status.late_minutes) == ("LATE", 25)


def test_att1_entering_again_corrects_the_same_record_with_history(chain, frozen, hr):
    day = D(2026, 3, 10)
    for minute in (25, 0):
        start, end = services.clock_times(day, dt.time(9, minute), dt.time(18, 0))
        services.save_clock_record(staff=chain.clerk, day=day, clock_in=start, clock_out=end, by=hr)
    record = ClockRecord.objects.get(staff=chain.clerk, day=day)
    assert record.history.count() == 2
    assert DailyStatus.objects.get(staff=chain.clerk, day=day).code == "ON_TIME"


def test_att1_clock_out_the_next_day_is_accepted(chain, frozen, hr):
    start, end = services.clock_times(D(2026, 3, 10), dt.time(9), dt.time(0, 30), True)
    record = services.save_clock_record(
        staff=chain.clerk, day=D(2026, 3, 10), clock_in=start, clock_out=end, by=hr
    )
    assert local(record.clock_out) == "2026-03-11 00:30"


@pytest.mark.parametrize(
    ("day", "start", "end", "next_day", "message"),
    [
        (
            D(2026, 3, 10),
            dt.time(18),
            dt.time(9),
            False,
            "The clock-out must be after the clock-in.",
        ),
        (D(2026, 3, 10), None, None, False, "Enter a clock-in or a clock-out time."),
        (D(2026, 3, 12), dt.time(9), None, False, "Clock times cannot be in the future."),
        (D(2026, 3, 11), dt.time(9), dt.time(18), False, "Clock times cannot be in the future."),
    ],
)
def test_att1_impossible_clock_times_are_refused(
    chain, frozen, hr, day, start, end, next_day, message
):
    clock_in, clock_out = services.clock_times(day, start, end, next_day)
    with pytest.raises(AttendanceError, match=f"^{message}$"):
        services.save_clock_record(
            staff=chain.clerk, day=day, clock_in=clock_in, clock_out=clock_out, by=hr
        )


def test_sec1_only_front_desk_or_hr_enter_clock_times(chain, frozen):
    start, end = services.clock_times(D(2026, 3, 10), dt.time(9), dt.time(18))
    with pytest.raises(AttendanceError, match="^Only the front desk or HR enters clock records.$"):
        services.save_clock_record(
            staff=chain.clerk, day=D(2026, 3, 10), clock_in=start, clock_out=end, by=chain.lead
        )


# ---------------------------------------------------------------- imported from the time clock

HEADERS = ["employee_no", "date", "clock_in", "clock_out"]


def upload(rows, name="clock.csv", encoding="utf-8"):
    data = tablib.Dataset(*rows, headers=HEADERS)
    return SimpleUploadedFile(name, data.export("csv").encode(encoding))


def good_rows(chain):
    return [
        (chain.clerk.employee_no, "2026-03-10", "09:25", "18:00"),
        (chain.lead.employee_no, "2026-03-10", "08:55", "2026-03-11 00:30"),
        (chain.manager.employee_no, "2026/03/10", "09:00:30", ""),
    ]


def test_att1_import_saves_every_row_and_recomputes(
    chain, frozen, front_desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = import_clock_file(upload(good_rows(chain)), by=front_desk)
    assert (outcome.ok, outcome.imported) == (True, 3)
    lead = ClockRecord.objects.get(staff=chain.lead)
    assert (local(lead.clock_in), local(lead.clock_out)) == ("2026-03-10 08:55", "2026-03-11 00:30")
    assert (lead.source, lead.entered_by) == (ClockSource.IMPORT, front_desk)
    clerk = DailyStatus.objects.get(staff=chain.clerk, day=D(2026, 3, 10))
    assert (clerk.code, clerk.late_minutes) == ("LATE", 25)


def test_att1_import_reads_gbk_files_from_the_time_clock(chain, frozen, front_desk):
    rows = [(chain.clerk.employee_no, "2026-03-10", "09:00", "18:00")]
    data = tablib.Dataset(*rows, headers=HEADERS)
    text = data.export("csv")
    outcome = import_clock_file(
        SimpleUploadedFile("clock.csv", text.encode("gb18030")), by=front_desk
    )
    assert outcome.ok


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (("NOPE1", "2026-03-10", "09:00", "18:00"), "Unknown employee number: NOPE1"),
        (("{clerk}", "2026-03-10", "25:00", "18:00"), "clock_in: Not a time (HH:MM)."),
        (("{clerk}", "2026-03-10", "18:00", "09:00"), "The clock-out must be after the clock-in."),
        (("{clerk}", "2026-03-12", "09:00", ""), "Clock times cannot be in the future."),
        (("{clerk}", "10.03.2026", "09:00", ""), "date: Not a date (YYYY-MM-DD)."),
        (("{clerk}", "2026-03-10", "", ""), "Enter a clock-in or a clock-out time."),
        (("{clerk}", "2026-03-08", "09:00", "2026-03-10 10:00"), "more than a day after"),
        (("{lead}", "2026-03-10", "09:00", "18:00"), "appear more than once"),
    ],
)
def test_att1_one_bad_row_imports_nothing_and_names_the_row(
    chain, frozen, front_desk, bad_row, message
):
    bad = tuple(v.format(clerk=chain.gm.employee_no, lead=chain.lead.employee_no) for v in bad_row)
    outcome = import_clock_file(upload([*good_rows(chain), bad]), by=front_desk)
    assert outcome.ok is False
    assert ClockRecord.objects.count() == 0
    numbers = {number for number, _text in outcome.errors}
    assert 4 in numbers
    assert any(message in text for number, text in outcome.errors if number == 4), outcome.errors


def test_att1_import_needs_the_four_columns(chain, frozen, front_desk):
    data = tablib.Dataset(("x", "2026-03-10"), headers=["employee_no", "date"])
    upload_file = SimpleUploadedFile("c.csv", data.export("csv").encode())
    outcome = import_clock_file(upload_file, by=front_desk)
    assert outcome.errors == [(0, "Missing columns: clock_in, clock_out")]


def test_att1_import_accepts_excel(chain, frozen, front_desk):
    data = tablib.Dataset(*good_rows(chain), headers=HEADERS)
    outcome = import_clock_file(
        SimpleUploadedFile("clock.xlsx", data.export("xlsx")), by=front_desk
    )
    assert (outcome.ok, outcome.imported) == (True, 3)


def test_att1_export_writes_the_same_columns(chain, frozen, front_desk):
    import_clock_file(upload(good_rows(chain)), by=front_desk)
    exported = ClockRecordResource().export()
    aliases = ClockRecordResource.header_aliases()  # localized headers that read back (issue 19)
    assert [aliases[h.lower()] for h in exported.headers] == HEADERS
    assert exported.headers != HEADERS
    assert (chain.lead.employee_no, "2026-03-10", "2026-03-10 08:55", "2026-03-11 00:30") in [
        tuple(row) for row in exported
    ]
    assert io  # csv round trip covered by import tests


# ---------------------------------------------------------------- ATT-2 off-post


def test_att2_supervisor_records_off_post_and_it_becomes_a_violation(chain, frozen):
    record = services.record_off_post(
        staff=chain.clerk,
        by=chain.manager,  # two levels up is still a supervisor
        day=D(2026, 3, 10),
        started_at=dt.time(14),
        minutes=25,
        note="离开工位未报备",
    )
    assert record.violation.minutes == 25


def test_att2_colleague_cannot_record_off_post(chain, frozen, cs_agent):
    with pytest.raises(
        AttendanceError, match="^Only the person's supervisors or HR record an off-post spell.$"
    ):
        services.record_off_post(
            staff=chain.lead,
            by=chain.clerk,
            day=D(2026, 3, 10),
            started_at=dt.time(14),
            minutes=25,
            note="x",
        )


def test_att2_withdrawing_off_post_removes_its_violation(chain, frozen):
    record = services.record_off_post(
        staff=chain.clerk,
        by=chain.lead,
        day=D(2026, 3, 10),
        started_at=dt.time(14),
        minutes=30,
        note="x",
    )
    services.delete_off_post(record=record, by=chain.lead)
    assert not OffPostRecord.objects.exists()
    assert not chain.clerk.violations.exists()
    assert beijing  # imported helper used by other tests in this module
