"""Signing champions (DISP-4): the periods, the grant windows and who wins."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, timedelta

# Lead size is decided at intake; dispatch only reads it (imports point down: dispatch -> leads).


class ChampionKind(enum.StrEnum):
    QUARTERLY = "QUARTERLY"  # 季度签单状元: extra capacity in the next quarter
    ANNUAL = "ANNUAL"  # 年度签单状元: extra capacity in every quarter of the next year


def quarter_bounds(day: date) -> tuple[date, date]:
    """First and last day of the calendar quarter holding `day`."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    next_start = (
        date(day.year + 1, 1, 1) if first_month == 10 else date(day.year, first_month + 3, 1)
    )
    return start, next_start - timedelta(days=1)


def period_bounds(kind: ChampionKind, day: date) -> tuple[date, date]:
    """The quarter or the year holding `day`."""
    if kind == ChampionKind.ANNUAL:
        return date(day.year, 1, 1), date(day.year, 12, 31)
    return quarter_bounds(day)


def previous_period(kind: ChampionKind, day: date) -> tuple[date, date]:
    """The last complete quarter or year before the one holding `day`."""
    start, _end = period_bounds(kind, day)
    return period_bounds(kind, start - timedelta(days=1))


def grant_window(kind: ChampionKind, period_start: date) -> tuple[date, date]:
    """When a title earned in the period starting `period_start` raises the caps (DISP-4)."""
    _start, period_end = period_bounds(kind, period_start)
    return period_bounds(kind, period_end + timedelta(days=1))


def pick_champions(signed_counts: Mapping[int, int]) -> frozenset[int]:
    """The designers with the most signed contracts; a tie shares the title; none without a
    signing."""
    best = max(signed_counts.values(), default=0)
    if best <= 0:
        return frozenset()
    return frozenset(designer_id for designer_id, n in signed_counts.items() if n == best)
