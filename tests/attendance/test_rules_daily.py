"""ATT-2 lateness and early leave, ATT-3 violations and discipline, ATT-7 absenteeism."""

from datetime import date, datetime, time, timedelta, timezone

import pytest

from attendance.rules.daily import (
    AttendanceConfig,
    DayFacts,
    DayPart,
    DayStatus,
    DayStatusCode,
    LeaveFact,
    Schedule,
    Violation,
    ViolationKind,
    day_status,
    discipline_flag,
    late_count,
    violations,
    worked_part,
)
from attendance.rules.leave import LeaveType

DAY = date(2025, 10, 9)
SHIFT = Schedule(start=time(9, 0), end=time(18, 0))


def at(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2025, 10, 9, hour, minute, second)


def worked(clock_in: datetime | None, clock_out: datetime | None = None, **kw: object) -> DayFacts:
    return DayFacts(day=DAY, is_workday=True, clock_in=clock_in, clock_out=clock_out, **kw)


@pytest.mark.parametrize(
    ("clock_in", "clock_out", "code", "late", "early"),
    [
        (at(8, 50), at(18, 5), DayStatusCode.ON_TIME, 0, 0),
        (at(9, 0), at(18, 0), DayStatusCode.ON_TIME, 0, 0),
        (at(9, 0, 59), at(18, 0), DayStatusCode.ON_TIME, 0, 0),  # seconds are dropped
        (at(9, 1), at(18, 0), DayStatusCode.LATE, 1, 0),
        (at(9, 25), at(18, 30), DayStatusCode.LATE, 25, 0),
        (at(8, 55), at(17, 30), DayStatusCode.EARLY_LEAVE, 0, 30),
        (at(8, 55), at(17, 59, 30), DayStatusCode.ON_TIME, 0, 0),  # 30 s early is no minute
        (at(9, 10), at(17, 45), DayStatusCode.LATE_AND_EARLY, 10, 15),
    ],
)
def test_att2_late_and_early_minutes(
    clock_in: datetime, clock_out: datetime, code: DayStatusCode, late: int, early: int
) -> None:
    assert day_status(worked(clock_in, clock_out), SHIFT) == DayStatus(code, late, early)


def test_att2_missing_clock_out_is_flagged_not_early_leave() -> None:
    status = day_status(worked(at(9, 30)), SHIFT)
    assert status == DayStatus(DayStatusCode.LATE, late_minutes=30, missing_clock_out=True)


def test_att2_aware_clock_times_compare_in_their_zone() -> None:
    shanghai = timezone(timedelta(hours=8))
    facts = worked(at(9, 20).replace(tzinfo=shanghai), at(18, 0).replace(tzinfo=shanghai))
    assert day_status(facts, SHIFT) == DayStatus(DayStatusCode.LATE, late_minutes=20)


def test_att2_non_working_day_is_off_day_even_with_clock_records() -> None:
    facts = DayFacts(day=date(2025, 10, 12), is_workday=False, clock_in=at(10, 0))
    assert day_status(facts, SHIFT).code == DayStatusCode.OFF_DAY


def test_att2_approved_leave_is_on_leave_with_its_type() -> None:
    facts = worked(None, leave=LeaveFact(LeaveType.SICK, approved=True))
    assert day_status(facts, SHIFT) == DayStatus(DayStatusCode.ON_LEAVE, leave_type=LeaveType.SICK)


def test_att7_workday_without_clock_in_or_leave_is_absent() -> None:
    assert day_status(worked(None), SHIFT).code == DayStatusCode.ABSENT


def test_att7_unapproved_leave_does_not_excuse_the_day() -> None:
    facts = worked(None, leave=LeaveFact(LeaveType.PERSONAL, approved=False))
    assert day_status(facts, SHIFT).code == DayStatusCode.ABSENT


def test_att7_clock_out_without_clock_in_is_absent() -> None:
    assert day_status(worked(None, at(18, 0)), SHIFT).code == DayStatusCode.ABSENT


def test_att7_off_day_without_clock_in_is_not_absent() -> None:
    facts = DayFacts(day=date(2025, 10, 12), is_workday=False)
    assert day_status(facts, SHIFT).code == DayStatusCode.OFF_DAY


@pytest.mark.parametrize(
    ("late", "off_post", "expected"),
    [
        (19, (), []),
        (20, (), [Violation(ViolationKind.LATE, 20)]),
        (0, (19, 5), []),  # short spells are not added together
        (0, (20,), [Violation(ViolationKind.OFF_POST, 20)]),
        (
            45,
            (10, 30),
            [Violation(ViolationKind.LATE, 45), Violation(ViolationKind.OFF_POST, 30)],
        ),
    ],
)
def test_att3_violation_at_twenty_minutes(
    late: int, off_post: tuple[int, ...], expected: list[Violation]
) -> None:
    status = DayStatus(DayStatusCode.LATE if late else DayStatusCode.ON_TIME, late_minutes=late)
    assert violations(status, off_post) == expected


def test_att3_violation_threshold_is_configurable() -> None:
    status = DayStatus(DayStatusCode.LATE, late_minutes=12)
    strict = AttendanceConfig(violation_minutes=10)
    assert violations(status, (11,), strict) == [
        Violation(ViolationKind.LATE, 12),
        Violation(ViolationKind.OFF_POST, 11),
    ]


@pytest.mark.parametrize(("lates", "flagged"), [(0, False), (2, False), (3, True), (5, True)])
def test_att3_three_lates_in_a_month_flag_discipline(lates: int, flagged: bool) -> None:
    assert discipline_flag(lates) is flagged


def test_att3_discipline_count_is_configurable() -> None:
    assert discipline_flag(2, AttendanceConfig(lates_for_discipline=2)) is True


def test_att3_late_count_includes_late_and_early_days() -> None:
    month = [
        DayStatus(DayStatusCode.LATE, late_minutes=3),
        DayStatus(DayStatusCode.LATE_AND_EARLY, late_minutes=5, early_minutes=5),
        DayStatus(DayStatusCode.EARLY_LEAVE, early_minutes=10),
        DayStatus(DayStatusCode.ON_TIME),
        DayStatus(DayStatusCode.ABSENT),
    ]
    assert late_count(month) == 2


# ---------------------------------------------------------------- half days (added with the app)


def test_att2_morning_off_is_judged_from_midday() -> None:
    part = worked_part(Schedule(time(9), time(18)), DayPart.MORNING)
    assert part == Schedule(time(13, 30), time(18))


def test_att2_afternoon_off_ends_the_day_at_midday() -> None:
    part = worked_part(Schedule(time(9), time(18)), DayPart.AFTERNOON)
    assert part == Schedule(time(9), time(13, 30))


def test_att2_full_day_of_leave_has_no_worked_part() -> None:
    with pytest.raises(ValueError, match="nothing to work"):
        worked_part(Schedule(time(9), time(18)), DayPart.FULL)
