"""Pure dispatch decisions (DOMAIN DISP-1 … DISP-7).

Plain data in, plain data out: no ORM, no clock, no settings. Services gather a
`DesignerSnapshot` per designer (counts, leave, champion title) and ask these rules who may
receive a lead and why the others were skipped, so the dashboard can show the reasons.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.decisions import ALLOWED, Decision

# Lead size is decided at intake; dispatch only reads it (imports point down: dispatch -> leads).
from leads.rules import readiness
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


# --- caps and eligibility -------------------------------------------------------------------


def caps_for(snapshot: DesignerSnapshot, season: Season, config: DispatchConfig) -> Caps:
    """Caps for one designer (DISP-3), raised by the champion bonus (DISP-4)."""
    season_cap = config.season_cap_peak if season == Season.PEAK else config.season_cap_off
    base = Caps(day=config.day_cap, week=config.week_cap, season=season_cap)
    if not snapshot.champion:
        return base
    bonus = config.champion_bonus
    return Caps(base.day + bonus.day, base.week + bonus.week, base.season + bonus.season)


def _refuse(reason: SkipReason | Refusal, message: str) -> Decision:
    return Decision(allowed=False, reason=reason, message=message)


def _cap_refusal(reason: SkipReason, text: str, count: int, cap: int) -> Decision:
    return _refuse(reason, format_lazy(text, count=count, cap=cap))


def check_designer(
    snapshot: DesignerSnapshot,
    size_class: SizeClass,
    season: Season,
    config: DispatchConfig,
    declined: bool = False,
) -> Decision:
    """May this designer take a lead of this size today? First failing reason is reported.

    `declined`: the designer already declined this lead; reported only when nothing else
    stops them, so "everyone declined" means every otherwise eligible designer declined.
    """
    if not snapshot.active:
        return _refuse(SkipReason.INACTIVE, _("Designer is not active"))
    if snapshot.tier is None:
        return _refuse(SkipReason.WRONG_TIER, _("No designer tier set"))
    if snapshot.tier not in config.tier_map.get(size_class, frozenset()):
        return _refuse(SkipReason.WRONG_TIER, _("Tier does not take leads of this size"))
    if snapshot.on_leave:
        return _refuse(SkipReason.ON_LEAVE, _("On approved leave today"))
    decision = _check_caps(snapshot, caps_for(snapshot, season, config))
    if decision.allowed and declined:
        return _refuse(SkipReason.DECLINED, _("Declined this lead"))
    if decision.allowed and snapshot.on_hold:
        return hold_decision(snapshot)
    return decision


def hold_decision(snapshot: DesignerSnapshot) -> Decision:
    """QG-1: out of automatic rotation until the hold's last day, with its reason."""
    text = _("Quality hold until {until}: {reason}")
    until = snapshot.hold_until.isoformat() if snapshot.hold_until else ""
    return _refuse(
        SkipReason.QUALITY_HOLD, format_lazy(text, until=until, reason=snapshot.hold_reason)
    )


def _check_caps(snapshot: DesignerSnapshot, caps: Caps) -> Decision:
    if snapshot.today_count >= caps.day:
        text = _("Daily cap reached ({count}/{cap})")
        return _cap_refusal(SkipReason.DAY_CAP, text, snapshot.today_count, caps.day)
    if snapshot.week_count >= caps.week:
        text = _("Weekly cap reached ({count}/{cap})")
        return _cap_refusal(SkipReason.WEEK_CAP, text, snapshot.week_count, caps.week)
    if snapshot.open_this_week >= caps.season:
        text = _("Season cap reached ({count}/{cap} leads dispatched this week not yet measured)")
        return _cap_refusal(SkipReason.SEASON_CAP, text, snapshot.open_this_week, caps.season)
    return ALLOWED


# --- rotation (DISP-5) ----------------------------------------------------------------------


def _employee_no_key(employee_no: str) -> tuple[int, int, str]:
    if employee_no.isdigit():
        return (0, int(employee_no), employee_no)
    return (1, 0, employee_no)


def _rotation_key(snapshot: DesignerSnapshot) -> tuple:
    # Never dispatched counts as the longest wait, so it sorts before any timestamp.
    waited = (0,) if snapshot.last_dispatch_at is None else (1, snapshot.last_dispatch_at)
    return (snapshot.week_count, waited, _employee_no_key(snapshot.employee_no))


def rank_candidates(
    snapshots: Iterable[DesignerSnapshot],
    size_class: SizeClass,
    season: Season,
    config: DispatchConfig,
    declined_ids: Iterable[int] = (),
) -> Ranking:
    """Fair rotation: fewest this week, then longest since last dispatch, then lowest number.

    Designers in `declined_ids` already declined this lead and are skipped (DISP-7).
    """
    declined = frozenset(declined_ids)
    eligible: list[DesignerSnapshot] = []
    skipped: list[tuple[DesignerSnapshot, Decision]] = []
    for snapshot in snapshots:
        is_declined = snapshot.designer_id in declined
        decision = check_designer(snapshot, size_class, season, config, declined=is_declined)
        if decision.allowed:
            eligible.append(snapshot)
        else:
            skipped.append((snapshot, decision))
    return Ranking(eligible=tuple(sorted(eligible, key=_rotation_key)), skipped=tuple(skipped))


# Skips worth reporting (RPT-2): a designer who could take leads of this size but was passed
# over. Every lead passes the other tiers and inactive designers, so those say nothing.
REPORTED_SKIPS = frozenset(
    {
        SkipReason.ON_LEAVE,
        SkipReason.DAY_CAP,
        SkipReason.WEEK_CAP,
        SkipReason.SEASON_CAP,
        SkipReason.DECLINED,
        SkipReason.QUALITY_HOLD,
    }
)


def reported_skips(ranking: Ranking, receiver_id: int) -> list[tuple[int, SkipReason]]:
    """(designer id, reason) of each designer a dispatch to `receiver_id` passed over, for the
    monthly report's skips by reason. The receiver is left out, even when forced past a cap."""
    return [
        (snapshot.designer_id, decision.reason)
        for snapshot, decision in ranking.skipped
        if decision.reason in REPORTED_SKIPS and snapshot.designer_id != receiver_id
    ]


# --- choices (DISP-6, DISP-7) ---------------------------------------------------------------

NOBODY_ELIGIBLE = Decision(
    allowed=False,
    reason=Refusal.NOBODY_ELIGIBLE,
    message=_("No designer is eligible; a forced dispatch with a reason is needed"),
)
ALL_DECLINED = Decision(
    allowed=False,
    reason=Refusal.ALL_DECLINED,
    message=_("Every eligible designer has declined; a forced dispatch with a reason is needed"),
)


ONLY_HELD = Decision(
    allowed=False,
    reason=Refusal.ONLY_HELD,
    message=_(
        "Only designers on quality hold could take this lead: choose one with a reason, or force "
        "a dispatch with a reason"
    ),
)


def nobody_decision(ranking: Ranking) -> Decision:
    """Why nobody can take the lead: all who could have declined it, only held designers could
    (QG-2: they may be chosen with a reason), or nobody could."""
    reasons = {d.reason for _s, d in ranking.skipped}
    if SkipReason.DECLINED in reasons:
        return ALL_DECLINED
    if SkipReason.QUALITY_HOLD in reasons:
        return ONLY_HELD
    return NOBODY_ELIGIBLE


def _first_or_nobody(
    ranking: Ranking, candidates: Sequence[DesignerSnapshot], preference: Decision | None
) -> Choice:
    if not candidates:
        return Choice(designer=None, decision=nobody_decision(ranking), preference=preference)
    return Choice(designer=candidates[0], preference=preference)


def check_chosen(ranking: Ranking, designer_id: int) -> Decision:
    """May this specific designer get the lead within the rules? (manager's pick, preference)"""
    if ranking.find(designer_id) is not None:
        return ALLOWED
    skipped = ranking.skip_decision(designer_id)
    if skipped is not None:
        return skipped
    return _refuse(Refusal.UNKNOWN_DESIGNER, _("Not a designer who can receive leads"))


def check_override(ranking: Ranking, designer_id: int, reason_text: str) -> Decision:
    """QG-2: the customer manager may choose a designer whose only obstacle is a quality hold,
    with a reason; every other rule (tier, leave, caps, declines) still holds."""
    verdict = check_chosen(ranking, designer_id)
    if verdict.allowed or verdict.reason != SkipReason.QUALITY_HOLD:
        return verdict
    if not reason_text.strip():
        return _refuse(
            Refusal.OVERRIDE_REASON_REQUIRED,
            _("Choosing a designer on quality hold needs a reason"),
        )
    return ALLOWED


def choose_designer(ranking: Ranking, preferred_id: int | None = None) -> Choice:
    """DISP-6: honour the preferred designer when eligible, else the first in rotation."""
    if preferred_id is None:
        return _first_or_nobody(ranking, ranking.eligible, preference=None)
    verdict = check_chosen(ranking, preferred_id)
    if verdict.allowed:
        return Choice(designer=ranking.find(preferred_id), preference=verdict)
    return _first_or_nobody(ranking, ranking.eligible, preference=verdict)


def next_after_decline(ranking: Ranking, declined_ids: Iterable[int]) -> Choice:
    """DISP-7: next in rotation, skipping everyone who already declined this lead."""
    declined = set(declined_ids)
    remaining = [s for s in ranking.eligible if s.designer_id not in declined]
    if remaining:
        return Choice(designer=remaining[0])
    if ranking.eligible:
        return Choice(designer=None, decision=ALL_DECLINED)
    return Choice(designer=None, decision=nobody_decision(ranking))


def check_forced(
    snapshot: DesignerSnapshot, reason_text: str, ranking: Ranking | None = None
) -> Decision:
    """DISP-7 forced dispatch: caps, tier, leave and declines are overridden on purpose, but a
    reason is required and the designer must still be active (a departed designer cannot work
    the lead).

    With the lead's `ranking`, force is refused while someone may still take the lead in
    rotation: DISP-7 allows it only "when nobody is eligible or willing".
    """
    if not reason_text.strip():
        return _refuse(Refusal.FORCE_REASON_REQUIRED, _("A forced dispatch needs a reason"))
    if not snapshot.active:
        return _refuse(SkipReason.INACTIVE, _("Designer is not active"))
    if ranking is not None and ranking.eligible:
        return _refuse(
            Refusal.SOMEONE_ELIGIBLE,
            _(
                "A designer can still take this lead in rotation; a forced dispatch is only for "
                "when nobody is eligible or willing"
            ),
        )
    return ALLOWED


# --- readiness (DISP-2) ---------------------------------------------------------------------


# The rule itself lives in leads (intake asks it too; imports point down): one function.
Missing = readiness.Missing
MISSING_MESSAGES = readiness.MISSING_MESSAGES


@dataclass(frozen=True)
class Readiness:
    """DISP-2 verdict: ready, or the list of what is missing (each with its own sentence)."""

    missing: tuple[Missing, ...] = ()

    @property
    def ready(self) -> bool:
        return not self.missing

    @property
    def messages(self) -> list[str]:
        return [MISSING_MESSAGES[item] for item in self.missing]

    @property
    def message(self) -> str:
        """One refusal text for a service error; empty when ready."""
        if self.ready:
            return ""
        details = " ".join(str(text) for text in self.messages)
        return format_lazy(_("This lead is not ready to dispatch. {details}"), details=details)


def check_readiness(
    *,
    planned_decoration_date: date | None,
    area_m2: object | None,
    budget: object | None,
    levels_introduced: bool,
) -> Readiness:
    """DISP-2: decoration date, area and budget known, and the designer levels introduced."""
    missing = readiness.missing_for_dispatch(
        planned_decoration_date=planned_decoration_date,
        area_m2=area_m2,
        budget=budget,
        levels_introduced=levels_introduced,
    )
    return Readiness(missing=missing)


# --- champions (DISP-4) ---------------------------------------------------------------------


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
