"""The day's dispatch configuration: caps, tier mapping, season, champions and who is on
leave, read once per request (DISP-3, DISP-4).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, QuerySet, Subquery
from django.utils import timezone

from .. import rules
from ..models import (
    CAP_FIELDS,
    CapacityRule,
    Champion,
    SeasonKind,
    SeasonPeriod,
    TierRule,
)


def designers_on_leave(day: date) -> frozenset[int]:
    """Ids of staff on approved leave on `day`: the one question dispatch asks attendance."""
    try:
        from attendance.queries import staff_on_leave
    except ImportError:
        # attendance is built separately; until it answers, nobody counts as on leave.
        return frozenset()
    return frozenset(staff_on_leave(day))


def capacity_rule_on(day: date) -> CapacityRule | None:
    """The caps in force on `day`: the latest rule effective on or before it."""
    return CapacityRule.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


def _config_from(
    rule: CapacityRule | None, pairs: Iterable[tuple[str, str]]
) -> rules.DispatchConfig:
    """The rules' config from the rows; no rows at all (a fresh database before the data
    migration, or a flushed test database): the DOMAIN defaults."""
    pairs = list(pairs)
    defaults = rules.DispatchConfig()
    tier_map = defaults.tier_map
    if pairs:
        tiers: dict[rules.SizeClass, set[rules.Tier]] = {size: set() for size in rules.SizeClass}
        for size, tier in pairs:
            tiers[rules.SizeClass(size)].add(rules.Tier(tier))
        tier_map = {size: frozenset(found) for size, found in tiers.items()}
    if rule is None:
        return rules.DispatchConfig(tier_map=tier_map)
    return rules.DispatchConfig(
        tier_map=tier_map,
        day_cap=rule.day_cap,
        week_cap=rule.week_cap,
        season_cap_off=rule.season_cap_off,
        season_cap_peak=rule.season_cap_peak,
        champion_bonus=rules.Caps(
            day=rule.champion_day_bonus,
            week=rule.champion_week_bonus,
            season=rule.champion_season_bonus,
        ),
    )


def day_config(day: date) -> tuple[rules.DispatchConfig, rules.Season]:
    """Caps in force on `day`, the tier mapping and the season, in one query: each tier row
    carries the day's capacity rule and whether a peak range covers the day (uncorrelated
    subqueries, run once). The mapping is never empty once configured (`set_tier_mapping`
    keeps a tier for every size); without any row the rule and the season are read apart."""
    rule = CapacityRule.objects.filter(effective_from__lte=day).order_by("-effective_from")
    peak = SeasonPeriod.objects.filter(kind=SeasonKind.PEAK, start__lte=day, end__gte=day)
    rows = list(
        TierRule.objects.order_by()
        .annotate(
            rule_id=Subquery(rule.values("pk")[:1]),
            **{f"rule_{name}": Subquery(rule.values(name)[:1]) for name in CAP_FIELDS},
            peak=Exists(peak),
        )
        .values("size_class", "tier", "rule_id", *(f"rule_{n}" for n in CAP_FIELDS), "peak")
    )
    if not rows:
        return _config_from(capacity_rule_on(day), []), season_on(day)
    first = rows[0]
    found = None
    if first["rule_id"] is not None:
        found = CapacityRule(pk=first["rule_id"], **{n: first[f"rule_{n}"] for n in CAP_FIELDS})
    pairs = [(row["size_class"], row["tier"]) for row in rows]
    return _config_from(found, pairs), rules.Season.PEAK if first["peak"] else rules.Season.OFF


def dispatch_config(day: date) -> rules.DispatchConfig:
    """Caps in force on `day` and the tier mapping, from the managers' rows (one query)."""
    return day_config(day)[0]


def season_on(day: date) -> rules.Season:
    """OFF or PEAK on `day` (DISP-3; `day_config` reads it with the caps)."""
    ranges = SeasonPeriod.objects.filter(start__lte=day, end__gte=day).values_list(
        "start", "end", "kind"
    )
    return rules.season_for(day, [(s, e, rules.Season(k)) for s, e, k in ranges])


def _titles_on(day: date) -> QuerySet[Champion]:
    return Champion.objects.filter(
        status=Champion.Status.CONFIRMED, grants_from__lte=day, grants_until__gte=day
    )


def champion_ids(day: date) -> frozenset[int]:
    """Designers whose confirmed title raises their caps on `day` (DISP-4); the designers'
    own query reads this per designer (`designer_rows`)."""
    return frozenset(_titles_on(day).order_by().values_list("designer_id", flat=True))


@dataclass(frozen=True)
class DispatchDay:
    """Everything the rules need besides the designers' rows, for one day. Champion titles are
    read with the designers (`designer_rows`)."""

    day: date
    config: rules.DispatchConfig
    season: rules.Season
    on_leave_ids: frozenset[int]

    @property
    def is_peak(self) -> bool:
        return self.season == rules.Season.PEAK

    @property
    def season_label(self) -> str:
        return SeasonKind(self.season).label


def dispatch_day(day: date | None = None) -> DispatchDay:
    """The day's configuration (one query) and who is on leave (attendance's one query)."""
    day = day or timezone.localdate()
    config, season = day_config(day)
    return DispatchDay(day=day, config=config, season=season, on_leave_ids=designers_on_leave(day))
