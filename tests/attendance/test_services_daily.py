"""ATT-2 lateness and early leave, ATT-3 violations and discipline, ATT-7 absence, RPT-3 re-runs."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import translation

from attendance import services
from attendance.models import (
    DailyStatus,
    DayPortion,
    DisciplineFlag,
    LeaveStatus,
    ViolationRecord,
)
from attendance.rules.leave import LeaveType
from staff.models import Notification
from tests.attendance.conftest import beijing
from tests.attendance.factories import (
    CalendarDayFactory,
    ClockRecordFactory,
    LeaveRequestFactory,
    OffPostRecordFactory,
)

pytestmark = pytest.mark.django_db

D = dt.date
TUESDAY = D(2026, 3, 10)


def clock(person, day=TUESDAY, start=(9, 0), end=(18, 0), end_day=None):
    end_day = end_day or day
    return ClockRecordFactory(
        staff=person,
        day=day,
        clock_in=beijing(day.year, day.month, day.day, *start) if start else None,
        clock_out=beijing(end_day.year, end_day.month, end_day.day, *end) if end else None,
    )


def status_of(person, day=TUESDAY) -> DailyStatus:
    return DailyStatus.objects.get(staff=person, day=day)


# ---------------------------------------------------------------- ATT-2 lateness, table-driven


@pytest.mark.parametrize(
    ("start", "end", "code", "late", "early", "violation"),
    [
        ((9, 0), (18, 0), "ON_TIME", 0, 0, False),
        ((9, 0, 59), (18, 0), "ON_TIME", 0, 0, False),  # seconds do not count
        ((9, 1), (18, 0), "LATE", 1, 0, False),
        ((9, 19), (18, 0), "LATE", 19, 0, False),
        ((9, 20), (18, 0), "LATE", 20, 0, True),  # exactly 20 minutes: a violation
        ((9, 21), (18, 0), "LATE", 21, 0, True),
        ((8, 50), (17, 59), "EARLY_LEAVE", 0, 1, False),
        ((9, 30), (17, 0), "LATE_AND_EARLY", 30, 60, True),
    ],
)
def test_att2_att3_lateness_early_leave_and_violation_boundaries(
    chain, frozen, start, end, code, late, early, violation
):
    clock(chain.clerk, start=start, end=end)
    services.compute_day(day=TUESDAY)
    status = status_of(chain.clerk)
    assert (status.code, status.late_minutes, status.early_minutes) == (code, late, early)
    assert ViolationRecord.objects.filter(staff=chain.clerk, kind="LATE").exists() is violation


def test_att2_clock_out_after_midnight_is_not_early_leave(chain, frozen):
    clock(chain.clerk, start=(9, 0), end=(0, 30), end_day=D(2026, 3, 11))
    services.compute_day(day=TUESDAY)
    assert (status_of(chain.clerk).code, status_of(chain.clerk).early_minutes) == ("ON_TIME", 0)


def test_att2_missing_clock_out_is_shown_not_counted_as_early(chain, frozen):
    clock(chain.clerk, start=(9, 5), end=None)
    services.compute_day(day=TUESDAY)
    status = status_of(chain.clerk)
    assert (status.code, status.missing_clock_out) == ("LATE", True)


def test_att2_lateness_is_judged_against_the_department_schedule(chain, frozen):
    from tests.attendance.factories import WorkScheduleFactory

    WorkScheduleFactory(department=chain.clerk.department, start=dt.time(9, 30), end=dt.time(18))
    clock(chain.clerk, start=(9, 25))
    services.compute_day(day=TUESDAY)
    assert status_of(chain.clerk).code == "ON_TIME"


def test_att2_half_day_morning_leave_moves_the_start_to_midday(chain, frozen):
    LeaveRequestFactory(staff=chain.clerk, start_day=TUESDAY, portion=DayPortion.MORNING)
    clock(chain.clerk, start=(13, 30))
    services.compute_day(day=TUESDAY)
    status = status_of(chain.clerk)
    assert (status.code, status.leave_days, status.leave_type) == (
        "ON_TIME",
        Decimal("0.5"),
        "PERSONAL",
    )


def test_att2_half_day_afternoon_leave_moves_the_end_to_midday(chain, frozen):
    LeaveRequestFactory(staff=chain.clerk, start_day=TUESDAY, portion=DayPortion.AFTERNOON)
    clock(chain.clerk, start=(9, 0), end=(13, 0))
    services.compute_day(day=TUESDAY)
    status = status_of(chain.clerk)
    assert (status.code, status.early_minutes) == ("EARLY_LEAVE", 30)


# ---------------------------------------------------------------- ATT-7 absence, ATT-1 calendar


def test_att7_workday_without_clock_in_or_leave_is_absence(chain, frozen):
    services.compute_day(day=TUESDAY)
    assert status_of(chain.clerk).code == "ABSENT"


def test_att7_approved_leave_excuses_the_day(chain, frozen):
    LeaveRequestFactory(staff=chain.clerk, start_day=TUESDAY, leave_type=LeaveType.SICK)
    services.compute_day(day=TUESDAY)
    status = status_of(chain.clerk)
    assert (status.code, status.leave_type, status.leave_days) == ("ON_LEAVE", "SICK", 1)


def test_att7_pending_leave_does_not_excuse_the_day(chain, frozen):
    LeaveRequestFactory(staff=chain.clerk, start_day=TUESDAY, status=LeaveStatus.PENDING)
    services.compute_day(day=TUESDAY)
    assert status_of(chain.clerk).code == "ABSENT"


def test_att1_holiday_is_an_off_day(chain, frozen):
    CalendarDayFactory(day=TUESDAY)
    services.compute_day(day=TUESDAY)
    assert status_of(chain.clerk).code == "OFF_DAY"


def test_att1_adjusted_working_sunday_without_clock_in_is_absence(chain, frozen):
    sunday = D(2026, 3, 8)
    CalendarDayFactory(day=sunday, kind="ADJUSTED_WORKDAY", name="调休")
    services.compute_day(day=sunday)
    assert status_of(chain.clerk, sunday).code == "ABSENT"


def test_att1_plain_weekend_is_an_off_day(chain, frozen):
    services.compute_day(day=D(2026, 3, 8))
    assert status_of(chain.clerk, D(2026, 3, 8)).code == "OFF_DAY"


def test_att7_nobody_is_absent_before_joining(chain, frozen):
    chain.clerk.date_joined = beijing(2026, 3, 11, 9, 0)
    chain.clerk.save(update_fields=["date_joined"])
    services.compute_day(day=TUESDAY)
    assert not DailyStatus.objects.filter(staff=chain.clerk).exists()


def test_att7_today_is_not_computed_before_it_ends(chain, frozen):
    with pytest.raises(ValueError, match="has not ended yet"):
        services.compute_day(day=D(2026, 3, 11))


# ---------------------------------------------------------------- ATT-3 off-post violations


@pytest.mark.parametrize(("minutes", "violation"), [(19, False), (20, True), (45, True)])
def test_att3_off_post_of_twenty_minutes_is_a_violation(chain, frozen, minutes, violation):
    clock(chain.clerk)
    OffPostRecordFactory(staff=chain.clerk, recorded_by=chain.lead, minutes=minutes)
    services.compute_day(day=TUESDAY)
    found = ViolationRecord.objects.filter(staff=chain.clerk, kind="OFF_POST")
    assert found.exists() is violation
    assert status_of(chain.clerk).off_post_minutes == minutes


def test_att3_short_off_post_spells_are_not_added_together(chain, frozen):
    clock(chain.clerk)
    OffPostRecordFactory(staff=chain.clerk, recorded_by=chain.lead, minutes=15)
    OffPostRecordFactory(staff=chain.clerk, recorded_by=chain.lead, minutes=15)
    services.compute_day(day=TUESDAY)
    assert not ViolationRecord.objects.filter(staff=chain.clerk).exists()


# ---------------------------------------------------------------- ATT-3 discipline


def three_lates(person):
    for day in (D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 4)):
        clock(person, day=day, start=(9, 5))


def test_att3_third_late_arrival_in_a_month_flags_discipline_and_notifies(chain, frozen, hr):
    three_lates(chain.clerk)
    services.compute_day(day=D(2026, 3, 2))
    services.compute_day(day=D(2026, 3, 3))
    assert not DisciplineFlag.objects.exists()
    with translation.override("en"):
        services.compute_day(day=D(2026, 3, 4))
    flag = DisciplineFlag.objects.get(staff=chain.clerk)
    assert (flag.month, flag.late_count) == (D(2026, 3, 1), 3)
    text = "客服吴 arrived late 3 times in 2026-03: flagged for discipline."
    assert set(Notification.objects.filter(text=text).values_list("recipient", flat=True)) == {
        hr.pk,
        chain.clerk.pk,
        chain.lead.pk,
    }


def test_att3_lates_of_the_previous_month_do_not_count(chain, frozen):
    clock(chain.clerk, day=D(2026, 2, 27), start=(9, 5))
    clock(chain.clerk, day=D(2026, 3, 2), start=(9, 5))
    clock(chain.clerk, day=D(2026, 3, 3), start=(9, 5))
    services.compute_range(start=D(2026, 2, 27), end=D(2026, 3, 3))
    assert not DisciplineFlag.objects.exists()


def test_att3_correcting_a_late_clock_in_removes_violation_and_flag(chain, frozen, hr):
    three_lates(chain.clerk)
    late = clock(chain.clerk, day=D(2026, 3, 5), start=(9, 30))
    services.compute_range(start=D(2026, 3, 2), end=D(2026, 3, 5))
    assert ViolationRecord.objects.filter(staff=chain.clerk, day=D(2026, 3, 5)).exists()
    for record in chain.clerk.clock_records.all():
        record.delete()
    services.compute_range(start=D(2026, 3, 2), end=D(2026, 3, 5))
    assert not ViolationRecord.objects.filter(staff=chain.clerk).exists()
    assert not DisciplineFlag.objects.exists()
    assert late.pk  # the violation's removal is in the audit history
    assert ViolationRecord.history.filter(history_type="-").count() == 1


# ---------------------------------------------------------------- RPT-3 idempotent re-runs


def snapshot():
    return (
        list(
            DailyStatus.objects.order_by("pk").values_list("staff", "day", "code", "late_minutes")
        ),
        list(ViolationRecord.objects.order_by("pk").values_list("pk", "staff", "kind", "minutes")),
        list(DisciplineFlag.objects.values_list("pk", "late_count")),
        Notification.objects.count(),
        ViolationRecord.history.count(),
    )


def test_rpt3_running_a_night_twice_changes_nothing(chain, frozen, hr):
    three_lates(chain.clerk)
    clock(chain.clerk, day=D(2026, 3, 5), start=(9, 25))
    OffPostRecordFactory(staff=chain.lead, recorded_by=chain.manager, day=D(2026, 3, 5), minutes=30)
    services.compute_range(start=D(2026, 3, 2), end=D(2026, 3, 5))
    first = snapshot()
    runs = services.compute_range(start=D(2026, 3, 2), end=D(2026, 3, 5))
    assert snapshot() == first
    assert [run.violations_created for run in runs] == [0, 0, 0, 0]
    assert len(first[1]) == 2  # one late (25 min), one off-post (30 min)


def test_rpt3_nightly_task_computes_yesterday(chain, frozen, eager_celery):
    from attendance.tasks import compute_yesterday

    clock(chain.clerk, start=(9, 20))
    result = compute_yesterday.delay().get()
    assert result == {
        "day": "2026-03-10",
        "statuses": 4,
        "violations_created": 1,
        "violations_removed": 0,
        "flags_created": 0,
    }
    assert compute_yesterday.delay().get()["violations_created"] == 0


def test_rpt3_nightly_schedule_row_exists():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="attendance.tasks.compute_yesterday")
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == (
        "1",
        "30",
        "Asia/Shanghai",
    )


def test_rpt3_backfill_command_computes_a_range(chain, frozen, capsys):
    call_command("attendance_backfill", "--start", "2026-03-09", "--end", "2026-03-10")
    out = capsys.readouterr().out
    assert "2026-03-09: 4 statuses" in out
    assert "Computed 2026-03-09 to 2026-03-10." in out
    assert DailyStatus.objects.count() == 8


def test_rpt3_backfill_refuses_a_day_not_yet_over(chain, frozen):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="2026-03-11 has not ended yet"):
        call_command("attendance_backfill", "--start", "2026-03-10", "--end", "2026-03-11")
