"""DISP-4 periods, grant windows and picking the champion, without the database."""

from datetime import date

import pytest

from dispatch.rules import (
    ChampionKind,
    grant_window,
    period_bounds,
    pick_champions,
    previous_period,
    quarter_bounds,
)

Q, A = ChampionKind.QUARTERLY, ChampionKind.ANNUAL


@pytest.mark.parametrize(
    ("day", "bounds"),
    [
        (date(2026, 1, 1), (date(2026, 1, 1), date(2026, 3, 31))),
        (date(2026, 5, 15), (date(2026, 4, 1), date(2026, 6, 30))),
        (date(2026, 9, 30), (date(2026, 7, 1), date(2026, 9, 30))),
        (date(2026, 12, 31), (date(2026, 10, 1), date(2026, 12, 31))),
    ],
)
def test_disp4_quarters(day, bounds):
    assert quarter_bounds(day) == bounds


@pytest.mark.parametrize(
    ("kind", "period_start", "window"),
    [
        (Q, date(2026, 1, 1), (date(2026, 4, 1), date(2026, 6, 30))),
        (Q, date(2026, 10, 1), (date(2027, 1, 1), date(2027, 3, 31))),
        (A, date(2026, 1, 1), (date(2027, 1, 1), date(2027, 12, 31))),
    ],
)
def test_disp4_quarterly_title_next_quarter_annual_title_next_year(kind, period_start, window):
    assert grant_window(kind, period_start) == window


@pytest.mark.parametrize(
    ("kind", "today", "previous"),
    [
        (Q, date(2026, 4, 1), (date(2026, 1, 1), date(2026, 3, 31))),
        (Q, date(2026, 2, 10), (date(2025, 10, 1), date(2025, 12, 31))),
        (A, date(2026, 1, 1), (date(2025, 1, 1), date(2025, 12, 31))),
    ],
)
def test_disp4_previous_complete_period(kind, today, previous):
    assert previous_period(kind, today) == previous


def test_disp4_period_of_a_year():
    assert period_bounds(A, date(2026, 6, 1)) == (date(2026, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("counts", "champions"),
    [
        ({}, set()),
        ({1: 0, 2: 0}, set()),
        ({1: 3, 2: 5, 3: 1}, {2}),
        ({1: 4, 2: 4, 3: 1}, {1, 2}),
    ],
)
def test_disp4_most_signed_wins_ties_share_nobody_without_a_signing(counts, champions):
    assert pick_champions(counts) == champions
