"""Pure quality-gate decisions (DOMAIN QG-1, QG-3): no ORM, no clock (dates are arguments).

The service gathers each designer's facts over the policy's window — complaints whose decision
names them responsible, follow-up satisfaction scores on their leads, their measured leads and
which of those signed — and asks `evaluate_designer` whether a hold starts, with a reason a
person can read and its last day.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


class HoldCode(enum.StrEnum):
    """Why a hold starts; when several apply, the first in this order is the code."""

    COMPLAINT = "COMPLAINT"
    SATISFACTION = "SATISFACTION"
    CONVERSION = "CONVERSION"


@dataclass(frozen=True)
class QualityPolicy:
    """DOMAIN defaults; the service builds this from the policy row in force."""

    window_days: int = 90
    complaints_to_hold: int = 1
    satisfaction_below: Decimal = Decimal("3.0")
    min_scores: int = 3
    conversion_ratio_below: int = 50  # percent of the tier's average conversion
    min_measured: int = 5
    hold_days: int = 30


@dataclass(frozen=True)
class QualityFacts:
    """One designer's record in the window, each fact with its date.

    `complaints`: (decided on, complaint number) of decisions naming them responsible;
    `scores`: (recorded on, 1–5); `measured`: (measured on, signed since) per measured lead.
    """

    complaints: tuple[tuple[date, str], ...] = ()
    scores: tuple[tuple[date, int], ...] = ()
    measured: tuple[tuple[date, bool], ...] = ()


@dataclass(frozen=True)
class HoldVerdict:
    """Whether a hold starts on `starts`, until `ends` (inclusive), and why."""

    hold: bool
    code: HoldCode | None = None
    reason: str = ""
    starts: date | None = None
    ends: date | None = None


NO_HOLD = HoldVerdict(hold=False)


def window_start(today: date, policy: QualityPolicy, last_hold_start: date | None = None) -> date:
    """First day whose facts count: `window_days` back (today included), and never a day an
    earlier hold already judged (its first day or before), so a lifted or ended hold is not
    restarted by the same facts."""
    start = today - timedelta(days=policy.window_days - 1)
    if last_hold_start is not None and last_hold_start >= start:
        return last_hold_start + timedelta(days=1)
    return start


def conversion(measured: Iterable[tuple[date, bool]]) -> float | None:
    """Signed ÷ measured, in percent; None without a measured lead."""
    rows = list(measured)
    if not rows:
        return None
    return 100 * sum(1 for _day, signed in rows if signed) / len(rows)


def tier_conversions(
    facts: Mapping[int, QualityFacts], tiers: Mapping[int, str | None]
) -> dict[str, float | None]:
    """Each tier's conversion over all its designers' measured leads (designer id -> tier)."""
    pooled: dict[str, list[tuple[date, bool]]] = {}
    for designer_id, tier in tiers.items():
        if tier:
            pooled.setdefault(tier, []).extend(facts.get(designer_id, QualityFacts()).measured)
    return {tier: conversion(rows) for tier, rows in pooled.items()}


def _since(rows, start: date, today: date):
    return [row for row in rows if start <= row[0] <= today]


def _complaint_reason(facts, policy, start, today) -> str:
    found = _since(facts.complaints, start, today)
    if len(found) < policy.complaints_to_hold:
        return ""
    numbers = ", ".join(number for _day, number in found)
    text = _("complaint decided with the designer responsible ({numbers})")
    return str(format_lazy(text, numbers=numbers))


def _satisfaction_reason(facts, policy, start, today) -> str:
    scores = [score for _day, score in _since(facts.scores, start, today)]
    if len(scores) < policy.min_scores:
        return ""
    average = Decimal(sum(scores)) / len(scores)
    if average >= policy.satisfaction_below:
        return ""
    text = _("average satisfaction {average} of 5 over {n} scores (below {limit})")
    return str(
        format_lazy(text, average=f"{average:.1f}", n=len(scores), limit=policy.satisfaction_below)
    )


def _conversion_reason(facts, policy, start, today, tier_average: float | None) -> str:
    measured = _since(facts.measured, start, today)
    if len(measured) < policy.min_measured or not tier_average:
        return ""
    own = conversion(measured) or 0.0
    if own >= tier_average * policy.conversion_ratio_below / 100:
        return ""
    text = _(
        "measured-to-signed {own}% over {n} measured, tier average {tier}% (below {ratio}% of it)"
    )
    return str(
        format_lazy(
            text,
            own=f"{own:.1f}",
            n=len(measured),
            tier=f"{tier_average:.1f}",
            ratio=policy.conversion_ratio_below,
        )
    )


def evaluate_designer(
    facts: QualityFacts,
    *,
    today: date,
    policy: QualityPolicy,
    tier_average: float | None,
    last_hold_start: date | None = None,
    held_today: bool = False,
) -> HoldVerdict:
    """QG-1: does a hold start `today`? Any one trigger starts it; the reason names them all.

    `held_today`: a hold already covers today, so none starts (re-running a night is harmless).
    """
    if held_today:
        return NO_HOLD
    start = window_start(today, policy, last_hold_start)
    found = [
        (HoldCode.COMPLAINT, _complaint_reason(facts, policy, start, today)),
        (HoldCode.SATISFACTION, _satisfaction_reason(facts, policy, start, today)),
        (HoldCode.CONVERSION, _conversion_reason(facts, policy, start, today, tier_average)),
    ]
    found = [(code, text) for code, text in found if text]
    if not found:
        return NO_HOLD
    reason = "; ".join(text for _code, text in found)
    return HoldVerdict(
        hold=True,
        code=found[0][0],
        reason=reason[:1].upper() + reason[1:],
        starts=today,
        ends=today + timedelta(days=policy.hold_days - 1),
    )


# --- QG-3: holds counted per designer and per tier -----------------------------------------


def holds_by_tier(rows: Iterable[tuple[str, int]]) -> dict[str, int]:
    """(tier, holds) per designer -> holds per tier, tiers without holds kept at 0."""
    totals: dict[str, int] = {}
    for tier, holds in rows:
        totals[tier] = totals.get(tier, 0) + holds
    return totals
