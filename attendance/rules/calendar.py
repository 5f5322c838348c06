"""ATT-1 working calendar and CMP-4 complaint deadlines.

The calendar is built from explicit data (public holidays and 调休 adjusted working days), so the
rules never guess at China's holiday schedule; filling that data in is the services' job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

# A calendar with no working day at all is bad data; stop looking instead of looping forever.
_MAX_SEARCH_DAYS = 366


@dataclass(frozen=True)
class Schedule:
    """A day shift (ATT-1): start and end on the same calendar day."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start >= self.end:
            raise ValueError("A schedule must start before it ends (overnight shifts unsupported).")

    @property
    def midday(self) -> time:
        """Halfway through the shift: where a half day of leave starts or ends."""
        start = datetime.combine(date.min, self.start)
        return (start + (datetime.combine(date.min, self.end) - start) / 2).time()


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are working days: Mon-Fri, minus holidays, plus adjusted working days (调休)."""

    holidays: frozenset[date] = frozenset()
    adjusted_workdays: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        # Accept any iterable of dates from callers but keep the value hashable and immutable.
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "adjusted_workdays", frozenset(self.adjusted_workdays))

    def is_workday(self, day: date) -> bool:
        """An adjusted working day wins over everything; otherwise a weekday that is no holiday."""
        if day in self.adjusted_workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def workdays(self, start: date, end: date) -> list[date]:
        """The working days from `start` to `end`, both included."""
        days = (start + timedelta(days=n) for n in range((end - start).days + 1))
        return [day for day in days if self.is_workday(day)]

    def next_workday(self, day: date) -> date:
        """The first working day strictly after `day`."""
        candidate = day
        for _ in range(_MAX_SEARCH_DAYS):
            candidate += timedelta(days=1)
            if self.is_workday(candidate):
                return candidate
        raise ValueError(f"No working day within {_MAX_SEARCH_DAYS} days after {day}.")


def end_of_working_day(moment: datetime, schedule: Schedule) -> datetime:
    """The schedule's end on `moment`'s calendar date, in `moment`'s time zone (if any).

    Pass local (Asia/Shanghai) times: the date is read from `moment` as given.
    """
    return datetime.combine(moment.date(), schedule.end, tzinfo=moment.tzinfo)


def complaint_due(received_at: datetime, calendar: WorkCalendar, schedule: Schedule) -> datetime:
    """CMP-4: findings and a proposal are due by the end of the working day of receipt.

    - received on a working day before its end time: due at that day's end;
    - received on a holiday, weekend or any non-working day: due at the end of the next working day;
    - received on a working day at or after its end time: due at the end of the NEXT working day.
      (Read literally the rule would make such a complaint overdue the moment it is registered,
      escalating it before anyone could act; we choose the next working day instead.)
    """
    same_day_end = end_of_working_day(received_at, schedule)
    if calendar.is_workday(received_at.date()) and received_at < same_day_end:
        return same_day_end
    next_day = calendar.next_workday(received_at.date())
    return datetime.combine(next_day, schedule.end, tzinfo=received_at.tzinfo)
