"""ATT-1 working calendar and CMP-4 complaint deadlines (2025 National Day data)."""

from datetime import date, datetime, time, timedelta, timezone

import pytest

from attendance.rules.calendar import Schedule, WorkCalendar, complaint_due, end_of_working_day

NATIONAL_DAY = frozenset(date(2025, 10, 1) + timedelta(days=n) for n in range(8))  # Oct 1-8
ADJUSTED = frozenset({date(2025, 9, 28), date(2025, 10, 11)})  # Sunday and Saturday worked
CAL = WorkCalendar(holidays=NATIONAL_DAY, adjusted_workdays=ADJUSTED)
SHIFT = Schedule(start=time(9, 0), end=time(18, 0))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 9, 26), True),  # ordinary Friday
        (date(2025, 9, 27), False),  # ordinary Saturday
        (date(2025, 9, 28), True),  # 调休 Sunday
        (date(2025, 10, 1), False),  # holiday Wednesday
        (date(2025, 10, 8), False),  # last holiday day
        (date(2025, 10, 9), True),  # back to work Thursday
        (date(2025, 10, 11), True),  # 调休 Saturday
        (date(2025, 10, 12), False),  # ordinary Sunday
    ],
)
def test_att1_is_workday_follows_holidays_and_adjusted_days(day: date, expected: bool) -> None:
    assert CAL.is_workday(day) is expected


def test_att1_adjusted_workday_wins_even_if_listed_as_holiday() -> None:
    both = WorkCalendar(holidays={date(2025, 10, 11)}, adjusted_workdays={date(2025, 10, 11)})
    assert both.is_workday(date(2025, 10, 11)) is True


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 9, 30), date(2025, 10, 9)),  # over the whole holiday
        (date(2025, 10, 10), date(2025, 10, 11)),  # Friday -> 调休 Saturday
        (date(2025, 10, 11), date(2025, 10, 13)),  # Saturday -> Monday
        (date(2025, 9, 26), date(2025, 9, 28)),  # Friday -> 调休 Sunday
    ],
)
def test_att1_next_workday_is_strictly_after(day: date, expected: date) -> None:
    assert CAL.next_workday(day) == expected


def test_att1_next_workday_refuses_a_calendar_without_working_days() -> None:
    every_day = frozenset(date(2025, 1, 1) + timedelta(days=n) for n in range(800))
    with pytest.raises(ValueError, match="No working day"):
        WorkCalendar(holidays=every_day).next_workday(date(2025, 1, 1))


def test_att1_schedule_must_start_before_it_ends() -> None:
    with pytest.raises(ValueError, match="start before"):
        Schedule(start=time(18, 0), end=time(9, 0))


def test_att1_end_of_working_day_keeps_time_zone() -> None:
    shanghai = timezone(timedelta(hours=8))
    moment = datetime(2025, 10, 9, 10, 30, tzinfo=shanghai)
    assert end_of_working_day(moment, SHIFT) == datetime(2025, 10, 9, 18, 0, tzinfo=shanghai)


@pytest.mark.parametrize(
    ("received_at", "due"),
    [
        (datetime(2025, 10, 9, 10, 30), datetime(2025, 10, 9, 18, 0)),  # same working day
        (datetime(2025, 10, 9, 7, 45), datetime(2025, 10, 9, 18, 0)),  # before the shift
        (datetime(2025, 10, 9, 17, 59), datetime(2025, 10, 9, 18, 0)),  # just in time
    ],
)
def test_cmp4_received_on_working_day_due_same_day(received_at: datetime, due: datetime) -> None:
    assert complaint_due(received_at, CAL, SHIFT) == due


def test_cmp4_received_on_holiday_due_end_of_next_working_day() -> None:
    received = datetime(2025, 10, 3, 11, 0)
    assert complaint_due(received, CAL, SHIFT) == datetime(2025, 10, 9, 18, 0)


def test_cmp4_adjusted_saturday_is_a_working_day() -> None:
    received = datetime(2025, 10, 11, 14, 0)
    assert complaint_due(received, CAL, SHIFT) == datetime(2025, 10, 11, 18, 0)


def test_cmp4_friday_evening_due_on_adjusted_saturday() -> None:
    received = datetime(2025, 10, 10, 19, 0)
    assert complaint_due(received, CAL, SHIFT) == datetime(2025, 10, 11, 18, 0)


@pytest.mark.parametrize(
    ("received_at", "due"),
    [
        (datetime(2025, 10, 9, 18, 0), datetime(2025, 10, 10, 18, 0)),  # exactly at the end
        (datetime(2025, 10, 9, 21, 30), datetime(2025, 10, 10, 18, 0)),  # evening
        (datetime(2025, 9, 30, 20, 0), datetime(2025, 10, 9, 18, 0)),  # eve of the holiday
    ],
)
def test_cmp4_after_hours_due_end_of_next_working_day(received_at: datetime, due: datetime) -> None:
    assert complaint_due(received_at, CAL, SHIFT) == due


def test_cmp4_ordinary_weekend_due_monday() -> None:
    received = datetime(2025, 10, 12, 9, 0)  # Sunday
    assert complaint_due(received, CAL, SHIFT) == datetime(2025, 10, 13, 18, 0)


def test_cmp4_due_keeps_time_zone() -> None:
    shanghai = timezone(timedelta(hours=8))
    received = datetime(2025, 10, 5, 9, 0, tzinfo=shanghai)
    assert complaint_due(received, CAL, SHIFT) == datetime(2025, 10, 9, 18, 0, tzinfo=shanghai)


# ---------------------------------------------------------------- added with the attendance app


def test_att1_workdays_lists_working_days_with_holidays_and_adjusted_days() -> None:
    calendar = WorkCalendar(
        holidays={date(2026, 10, 1), date(2026, 10, 2)}, adjusted_workdays={date(2026, 9, 27)}
    )
    assert calendar.workdays(date(2026, 9, 26), date(2026, 10, 5)) == [
        date(2026, 9, 27),  # Sunday worked (调休)
        date(2026, 9, 28),
        date(2026, 9, 29),
        date(2026, 9, 30),
        date(2026, 10, 5),
    ]


def test_att1_workdays_of_an_empty_range_is_empty() -> None:
    assert WorkCalendar().workdays(date(2026, 3, 10), date(2026, 3, 9)) == []


@pytest.mark.parametrize(
    ("start", "end", "midday"),
    [((9, 0), (18, 0), (13, 30)), ((8, 30), (17, 30), (13, 0)), ((9, 0), (17, 59), (13, 29, 30))],
)
def test_att2_schedule_midday_is_halfway(start, end, midday) -> None:
    assert Schedule(time(*start), time(*end)).midday == time(*midday)
