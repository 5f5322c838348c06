"""FD-3: when an outcome may be recorded, which day is reminded, the week view."""

from datetime import date, datetime

import pytest

from frontdesk.rules.appointments import OutcomeCheck, outcome_allowed, reminder_day, week_of

STARTS = datetime(2026, 3, 12, 10, 0)


@pytest.mark.parametrize(
    ("now", "came", "allowed", "reason"),
    [
        (datetime(2026, 3, 12, 9, 30), True, True, OutcomeCheck.OK),  # early on the day
        (datetime(2026, 3, 11, 18, 0), True, False, OutcomeCheck.NOT_YET_DAY),
        (datetime(2026, 3, 12, 9, 59), False, False, OutcomeCheck.NOT_YET_TIME),
        (datetime(2026, 3, 12, 10, 0), False, True, OutcomeCheck.OK),  # at the booked time
        (datetime(2026, 3, 13, 9, 0), True, True, OutcomeCheck.OK),  # recorded late
    ],
)
def test_fd3_outcome_allowed(now, came, allowed, reason):
    decision = outcome_allowed(booked=True, starts_at=STARTS, now=now, came=came)
    assert (decision.allowed, decision.reason) == (allowed, reason)


def test_fd3_no_outcome_twice():
    decision = outcome_allowed(booked=False, starts_at=STARTS, now=STARTS, came=True)
    assert (decision.allowed, decision.reason) == (False, OutcomeCheck.NOT_BOOKED)


def test_fd3_reminders_go_out_the_day_before():
    assert reminder_day(date(2026, 2, 28)) == date(2026, 3, 1)


def test_fd3_week_runs_monday_to_sunday():
    assert week_of(date(2026, 3, 12)) == [date(2026, 3, d) for d in range(9, 16)]
    assert week_of(date(2026, 3, 9))[0] == date(2026, 3, 9)
    assert week_of(date(2026, 3, 15))[-1] == date(2026, 3, 15)
