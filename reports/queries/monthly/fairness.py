"""RPT-2 dispatch fairness: each designer's share of the tier's dispatches against the share the
caps allowed, the times they were passed over, and the quality holds of the month (QG-3)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Subquery

from dispatch.models import Assignment, CapacityRule, Champion, QualityHold, Skip
from dispatch.queries import designers
from staff.models import DesignerTier
from staff.queries import count_subquery

from ..tables import aware_start
from .common import delta, pct

DEFAULT_WEEK_CAP = 6  # DISP-3's default when no capacity rule was ever entered


@dataclass
class FairnessRow:
    designer_id: int
    name: str
    tier: str
    tier_label: str
    dispatches: int
    forced: int
    chosen: int
    after_decline: int
    declined: int
    weight: int
    skips: dict[str, int] = field(default_factory=dict)  # Skip.Reason value -> count
    holds: int = 0  # quality holds started in the month (QG-3), lifted ones included
    share: float | None = None
    allowed_share: float | None = None

    @property
    def skipped(self) -> int:
        return sum(self.skips.values())

    @property
    def gap(self) -> float | None:
        """Share received minus share allowed, in percentage points."""
        return delta(self.share, self.allowed_share)


def fairness(first: date, last: date) -> list[FairnessRow]:
    """Each designer's share of the tier's dispatches against the share the caps allowed: the
    weekly cap, plus the champion bonus for a confirmed champion at the end of the month; and
    how often they were passed over, by reason; and the quality holds that started in the month
    (QG-3)."""
    tiers = dict(DesignerTier.choices)
    return _with_shares([_row(p, tiers) for p in _designer_months(first, last)])


def _month_counts(first: date, last: date) -> dict:
    """Each designer's dispatches of the month by method, declines, and quality holds started.

    Correlated counts: each reads one designer's month on the (designer, time) indexes, where a
    join with GROUP BY would read every dispatch each designer ever had."""
    start, end = aware_start(first), aware_start(last + timedelta(days=1))
    month = Assignment.objects.filter(
        designer=OuterRef("pk"), dispatched_at__gte=start, dispatched_at__lt=end
    )
    holds = QualityHold.objects.filter(designer=OuterRef("pk"), starts__gte=first, starts__lte=last)
    return {
        "n": count_subquery(month),
        "forced": count_subquery(month.filter(method=Assignment.Method.FORCED)),
        "chosen": count_subquery(month.filter(method=Assignment.Method.CHOSEN)),
        "after": count_subquery(month.filter(method=Assignment.Method.AFTER_DECLINE)),
        "declined": count_subquery(month.filter(declined_at__isnull=False)),
        "holds": count_subquery(holds),
    }


def _skip_counts(first: date, last: date) -> dict:
    """Each designer's skips of the month, one count per reason (`skip_<reason>`)."""
    start, end = aware_start(first), aware_start(last + timedelta(days=1))
    skips = Skip.objects.filter(designer=OuterRef("pk"), skipped_at__gte=start, skipped_at__lt=end)
    return {f"skip_{reason}": count_subquery(skips.filter(reason=reason)) for reason in Skip.Reason}


def _caps(last: date) -> dict:
    """The caps in force at the end of the month (DISP-3) and the champion bonus (DISP-4), read
    in the same query as the counts."""
    rule = CapacityRule.objects.filter(effective_from__lte=last).order_by("-effective_from")
    return {
        "week_cap": Subquery(rule.values("week_cap")[:1]),
        "bonus": Subquery(rule.values("champion_week_bonus")[:1]),
        "champion": Exists(
            Champion.objects.filter(
                designer=OuterRef("pk"),
                status=Champion.Status.CONFIRMED,
                grants_from__lte=last,
                grants_until__gte=last,
            )
        ),
    }


def _designer_months(first: date, last: date):
    """One row of figures per active designer, in one query."""
    counts, skips, caps = _month_counts(first, last), _skip_counts(first, last), _caps(last)
    return (
        designers()
        .filter(is_active=True)
        .annotate(**counts)
        .annotate(**caps, **skips)
        .values("pk", "name", "designer_tier", *counts, *caps, *skips)
    )


def _row(p: dict, tiers: dict) -> FairnessRow:
    bonus = (p["bonus"] or 0) if p["champion"] else 0
    return FairnessRow(
        designer_id=p["pk"],
        name=p["name"],
        tier=p["designer_tier"] or "",
        tier_label=str(tiers.get(p["designer_tier"], "")),
        dispatches=p["n"],
        forced=p["forced"],
        chosen=p["chosen"],
        after_decline=p["after"],
        declined=p["declined"],
        weight=(p["week_cap"] or DEFAULT_WEEK_CAP) + bonus,
        skips={reason.value: p[f"skip_{reason}"] for reason in Skip.Reason},
        holds=p["holds"],
    )


def _with_shares(rows: list[FairnessRow]) -> list[FairnessRow]:
    """The rows by tier (in tier order) and name, each with its share of the tier's dispatches
    and the share its weight allowed."""
    by_tier: dict[str, list[FairnessRow]] = defaultdict(list)
    for row in rows:
        by_tier[row.tier].append(row)
    order = {tier: i for i, tier in enumerate(DesignerTier.values)}
    ordered = []
    for tier in sorted(by_tier, key=lambda t: order.get(t, 99)):
        members = by_tier[tier]
        total = sum(r.dispatches for r in members)
        weights = sum(r.weight for r in members)
        for row in sorted(members, key=lambda r: r.name):
            row.share = pct(row.dispatches, total)
            row.allowed_share = pct(row.weight, weights)
            ordered.append(row)
    return ordered
