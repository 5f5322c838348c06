"""Pure dispatch decisions (DOMAIN DISP-1 … DISP-7, QG-1..3).

Plain data in, plain data out: no ORM, no clock, no settings. Services gather a
`DesignerSnapshot` per designer (counts, leave, champion title) and ask these rules who may
receive a lead and why the others were skipped, so the dashboard can show the reasons.

Import from here (`from dispatch.rules import rank_candidates`); the submodules split the rules
by topic. The quality gate's rules are read from their module (`dispatch.rules.quality`).
"""

from core.decisions import ALLOWED, Decision
from leads.rules.intake import SizeClass

from .base import (
    Caps,
    Choice,
    DesignerSnapshot,
    DispatchConfig,
    Ranking,
    Refusal,
    Season,
    SeasonRange,
    SkipReason,
    Tier,
    season_for,
    week_bounds,
)
from .champions import (
    ChampionKind,
    grant_window,
    period_bounds,
    pick_champions,
    previous_period,
    quarter_bounds,
)
from .eligibility import caps_for, check_designer, hold_decision
from .readiness import MISSING_MESSAGES, Missing, Readiness, check_readiness
from .rotation import (
    ALL_DECLINED,
    NOBODY_ELIGIBLE,
    ONLY_HELD,
    REPORTED_SKIPS,
    check_chosen,
    check_forced,
    check_override,
    choose_designer,
    next_after_decline,
    nobody_decision,
    rank_candidates,
    reported_skips,
)

__all__ = [
    "ALLOWED",
    "ALL_DECLINED",
    "MISSING_MESSAGES",
    "NOBODY_ELIGIBLE",
    "ONLY_HELD",
    "REPORTED_SKIPS",
    "Caps",
    "ChampionKind",
    "Choice",
    "Decision",
    "DesignerSnapshot",
    "DispatchConfig",
    "Missing",
    "Ranking",
    "Readiness",
    "Refusal",
    "Season",
    "SeasonRange",
    "SizeClass",
    "SkipReason",
    "Tier",
    "caps_for",
    "check_chosen",
    "check_designer",
    "check_forced",
    "check_override",
    "check_readiness",
    "choose_designer",
    "grant_window",
    "hold_decision",
    "next_after_decline",
    "nobody_decision",
    "period_bounds",
    "pick_champions",
    "previous_period",
    "quarter_bounds",
    "rank_candidates",
    "reported_skips",
    "season_for",
    "week_bounds",
]
