"""What the dispatch rules speak of: tiers, seasons, skip and refusal reasons, caps, the
configuration, a designer's snapshot, a ranking and a choice; and the calendar (weeks, seasons).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from core.decisions import ALLOWED, Decision

# Lead size is decided at intake; dispatch only reads it (imports point down: dispatch -> leads).
from leads.rules.intake import SizeClass


class Tier(enum.StrEnum):
    """Designer tiers, lowest first (DISP-1)."""

    DESIGNER = "DESIGNER"
    DEPUTY_DIRECTOR = "DEPUTY_DIRECTOR"
    DIRECTOR = "DIRECTOR"
    CHIEF = "CHIEF"


class Season(enum.StrEnum):
    OFF = "OFF"
    PEAK = "PEAK"


class SkipReason(enum.StrEnum):
    """Why a designer cannot take a lead; checked in this order (first failure wins)."""

    INACTIVE = "INACTIVE"
    WRONG_TIER = "WRONG_TIER"
    ON_LEAVE = "ON_LEAVE"
    DAY_CAP = "DAY_CAP"
    WEEK_CAP = "WEEK_CAP"
    SEASON_CAP = "SEASON_CAP"
    # Checked after the caps: the designer could take the lead but already declined this one
    # (DISP-7), or is held out of automatic rotation (QG-1; the customer manager may still
    # choose them with a reason, QG-2).
    DECLINED = "DECLINED"
    QUALITY_HOLD = "QUALITY_HOLD"


class Refusal(enum.StrEnum):
    """Why a choice (preferred, manager's pick, next after decline, forced) was refused."""

    UNKNOWN_DESIGNER = "UNKNOWN_DESIGNER"
    NOBODY_ELIGIBLE = "NOBODY_ELIGIBLE"
    ALL_DECLINED = "ALL_DECLINED"
    FORCE_REASON_REQUIRED = "FORCE_REASON_REQUIRED"
    SOMEONE_ELIGIBLE = "SOMEONE_ELIGIBLE"
    ONLY_HELD = "ONLY_HELD"
    OVERRIDE_REASON_REQUIRED = "OVERRIDE_REASON_REQUIRED"


def _default_tier_map() -> dict[SizeClass, frozenset[Tier]]:
    return {
        SizeClass.SMALL: frozenset({Tier.DESIGNER, Tier.DEPUTY_DIRECTOR}),
        SizeClass.MEDIUM: frozenset({Tier.DIRECTOR}),
        SizeClass.LARGE: frozenset({Tier.CHIEF}),
    }


@dataclass(frozen=True)
class Caps:
    """Capacity of one designer: new leads a day, a week, and open leads this week (season)."""

    day: int
    week: int
    season: int


@dataclass(frozen=True)
class DispatchConfig:
    """DOMAIN defaults; services build this from the managers' configuration rows."""

    tier_map: Mapping[SizeClass, frozenset[Tier]] = field(default_factory=_default_tier_map)
    day_cap: int = 2
    week_cap: int = 6
    season_cap_off: int = 2
    season_cap_peak: int = 4
    champion_bonus: Caps = field(default_factory=lambda: Caps(day=1, week=2, season=1))


class SeasonRange(NamedTuple):
    """A manager-set date range (both ends inclusive) and its season."""

    start: date
    end: date
    season: Season


@dataclass(frozen=True)
class DesignerSnapshot:
    """What the rules need to know about one designer on the dispatch day.

    `employee_no` is text; it sorts numerically when all digits ("9" before "10"), and such
    numbers come before any non-numeric one, which sort as plain strings.
    `open_this_week` counts leads dispatched this week that are still DISPATCHED (season cap).
    """

    designer_id: int
    name: str
    employee_no: str
    tier: Tier | None  # None: a designer whose tier has not been set yet
    active: bool = True
    on_leave: bool = False
    today_count: int = 0
    week_count: int = 0
    open_this_week: int = 0
    last_dispatch_at: datetime | None = None
    champion: bool = False
    # QG-1: the quality hold in force on the dispatch day, if any (id, last day, reason).
    hold_id: int | None = None
    hold_until: date | None = None
    hold_reason: str = ""

    @property
    def on_hold(self) -> bool:
        return self.hold_id is not None


@dataclass(frozen=True)
class Ranking:
    """Eligible designers in rotation order, and the skipped ones with the reason."""

    eligible: tuple[DesignerSnapshot, ...]
    skipped: tuple[tuple[DesignerSnapshot, Decision], ...]

    def find(self, designer_id: int) -> DesignerSnapshot | None:
        return next((s for s in self.eligible if s.designer_id == designer_id), None)

    def skip_decision(self, designer_id: int) -> Decision | None:
        return next((d for s, d in self.skipped if s.designer_id == designer_id), None)


@dataclass(frozen=True)
class Choice:
    """The designer picked (None when force dispatch is the only way) and why.

    `decision` is ALLOWED when a designer was found, otherwise says why nobody was.
    `preference` is the verdict on a named (preferred) designer, when one was named.
    """

    designer: DesignerSnapshot | None
    decision: Decision = ALLOWED
    preference: Decision | None = None

    @property
    def needs_force(self) -> bool:
        return self.designer is None


# --- calendar --------------------------------------------------------------------------------


def week_bounds(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week holding `day` (DISP-3 weeks run Mon–Sun)."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def season_for(day: date, season_ranges: Iterable[tuple[date, date, Season]]) -> Season:
    """Season of `day`: OFF unless a range covers it (ends inclusive).

    Overlapping ranges are a manager's slip; PEAK wins so the answer does not depend on order.
    """
    covering = {Season(s) for start, end, s in season_ranges if start <= day <= end}
    return Season.PEAK if Season.PEAK in covering else Season.OFF
