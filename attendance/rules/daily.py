"""ATT-2 lateness and early leave, ATT-3 violations and discipline, ATT-7 absenteeism."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from attendance.rules.calendar import Schedule
from attendance.rules.leave import LeaveType

__all__ = [
    "AttendanceConfig",
    "DayFacts",
    "DayStatus",
    "DayPart",
    "DayStatusCode",
    "LeaveFact",
    "Schedule",
    "Violation",
    "ViolationKind",
    "day_status",
    "discipline_flag",
    "late_count",
    "violations",
    "worked_part",
]


class DayStatusCode(StrEnum):
    ON_TIME = "ON_TIME"
    LATE = "LATE"
    EARLY_LEAVE = "EARLY_LEAVE"
    LATE_AND_EARLY = "LATE_AND_EARLY"
    ON_LEAVE = "ON_LEAVE"
    ABSENT = "ABSENT"
    OFF_DAY = "OFF_DAY"


class DayPart(StrEnum):
    """Which part of a day a leave covers; a half day leaves the other half to be worked."""

    FULL = "FULL"
    MORNING = "MORNING"
    AFTERNOON = "AFTERNOON"


class ViolationKind(StrEnum):
    LATE = "LATE"
    OFF_POST = "OFF_POST"


@dataclass(frozen=True)
class AttendanceConfig:
    """DOMAIN defaults for ATT-3."""

    violation_minutes: int = 20
    lates_for_discipline: int = 3


@dataclass(frozen=True)
class LeaveFact:
    """A leave covering the day; only an approved one excuses it (ATT-4, ATT-7)."""

    leave_type: LeaveType
    approved: bool


@dataclass(frozen=True)
class DayFacts:
    """What is known about one person's day; `is_workday` comes from the WorkCalendar."""

    day: date
    is_workday: bool
    clock_in: datetime | None = None
    clock_out: datetime | None = None
    leave: LeaveFact | None = None
    off_post_minutes: tuple[int, ...] = ()


@dataclass(frozen=True)
class DayStatus:
    code: DayStatusCode
    late_minutes: int = 0
    early_minutes: int = 0
    leave_type: LeaveType | None = None
    # Clocked in but never out: shown for a correction, not counted as early leave.
    missing_clock_out: bool = False


@dataclass(frozen=True)
class Violation:
    kind: ViolationKind
    minutes: int


def _whole_minutes(earlier: datetime, later: datetime) -> int:
    """Whole minutes from earlier to later, never negative.

    Seconds are dropped: clock machines record minutes, so 09:00:59 is on time for 09:00.
    """
    return max(0, int((later - earlier).total_seconds()) // 60)


def _at(day: date, moment: time, like: datetime) -> datetime:
    """`moment` on `day`, in the same time zone as the clock record it is compared with."""
    return datetime.combine(day, moment, tzinfo=like.tzinfo)


def _worked_status(late: int, early: int) -> DayStatusCode:
    if late and early:
        return DayStatusCode.LATE_AND_EARLY
    if late:
        return DayStatusCode.LATE
    if early:
        return DayStatusCode.EARLY_LEAVE
    return DayStatusCode.ON_TIME


def worked_part(schedule: Schedule, leave_part: DayPart) -> Schedule:
    """The hours still to be worked on a day with half a day of leave (ATT-2 on half days).

    Morning off: from midday to the end; afternoon off: from the start to midday.
    """
    if leave_part == DayPart.MORNING:
        return Schedule(schedule.midday, schedule.end)
    if leave_part == DayPart.AFTERNOON:
        return Schedule(schedule.start, schedule.midday)
    raise ValueError("A full day of leave leaves nothing to work.")


def day_status(facts: DayFacts, schedule: Schedule) -> DayStatus:
    """Classify one day (ATT-2, ATT-7).

    Order: a non-working day is OFF_DAY; an approved leave is ON_LEAVE (a full-day leave; partial
    days are summed by the services); no clock-in is ABSENT — also when only a clock-out exists
    or the leave was never approved; otherwise late/early minutes decide.
    """
    if not facts.is_workday:
        return DayStatus(DayStatusCode.OFF_DAY)
    if facts.leave is not None and facts.leave.approved:
        return DayStatus(DayStatusCode.ON_LEAVE, leave_type=facts.leave.leave_type)
    if facts.clock_in is None:
        return DayStatus(DayStatusCode.ABSENT)
    late = _whole_minutes(_at(facts.day, schedule.start, facts.clock_in), facts.clock_in)
    if facts.clock_out is None:
        return DayStatus(_worked_status(late, 0), late_minutes=late, missing_clock_out=True)
    early = _whole_minutes(facts.clock_out, _at(facts.day, schedule.end, facts.clock_out))
    return DayStatus(_worked_status(late, early), late_minutes=late, early_minutes=early)


def violations(
    status: DayStatus,
    off_post_minutes: Iterable[int],
    config: AttendanceConfig = AttendanceConfig(),
) -> list[Violation]:
    """ATT-3: lateness or an off-post spell of at least `violation_minutes` is a violation.

    Each off-post record (擅离职守, entered by the supervisor) is judged on its own; short spells
    are not added together.
    """
    found: list[Violation] = []
    if status.late_minutes >= config.violation_minutes:
        found.append(Violation(ViolationKind.LATE, status.late_minutes))
    for minutes in off_post_minutes:
        if minutes >= config.violation_minutes:
            found.append(Violation(ViolationKind.OFF_POST, minutes))
    return found


def late_count(statuses: Iterable[DayStatus]) -> int:
    """How many days in the given statuses were late arrivals (with or without early leave)."""
    late_codes = {DayStatusCode.LATE, DayStatusCode.LATE_AND_EARLY}
    return sum(1 for status in statuses if status.code in late_codes)


def discipline_flag(
    late_count_in_month: int, config: AttendanceConfig = AttendanceConfig()
) -> bool:
    """ATT-3: every late arrival counts (not only violations); the third in a month flags."""
    return late_count_in_month >= config.lates_for_discipline
