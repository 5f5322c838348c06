"""The managers' dispatch configuration (DISP-1, DISP-3, DISP-4): caps effective from a date,
the tier mapping and the season ranges. Each change is audited (simple_history)."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leads.models import SizeClass
from staff.models import DesignerTier, Staff

from ..models import CAP_FIELDS, CapacityRule, SeasonPeriod, TierRule
from .errors import DispatchError, require_perm

CONFIGURE = "dispatch.configure_dispatch"


def _may_configure(by: Staff) -> None:
    require_perm(by, CONFIGURE, _("Only managers change the dispatch configuration."))


@transaction.atomic
def set_capacity_rule(
    *, by: Staff, effective_from: date, note: str = "", **caps: int
) -> CapacityRule:
    """Caps and champion bonus from `effective_from` on (today or later: past weeks keep the
    caps they were dispatched under). Entering the same date again corrects that rule."""
    _may_configure(by)
    if effective_from < timezone.localdate():
        raise DispatchError(
            _("New caps apply from today or a later date; past days keep the caps they had.")
        )
    unknown = set(caps) - set(CAP_FIELDS)
    if unknown:
        raise ValueError(f"Unknown cap fields: {sorted(unknown)}")
    if caps.get("week_cap", 6) < caps.get("day_cap", 2):
        raise DispatchError(_("The weekly cap cannot be below the daily cap."))
    rule = CapacityRule.objects.filter(effective_from=effective_from).first() or CapacityRule(
        effective_from=effective_from, created_by=by
    )
    for name, value in caps.items():
        setattr(rule, name, value)
    rule.note = note.strip()
    rule._history_user = by
    rule.save()
    return rule


@transaction.atomic
def set_tier_mapping(*, by: Staff, pairs: Iterable[tuple[str, str]]) -> list[TierRule]:
    """Replace the tier mapping (DISP-1) with `pairs` of (size class, tier); every size class
    keeps at least one tier, or its leads could only ever be forced."""
    _may_configure(by)
    wanted = {(SizeClass(size).value, DesignerTier(tier).value) for size, tier in pairs}
    empty = [SizeClass(s).label for s in SizeClass.values if s not in {p[0] for p in wanted}]
    if empty:
        raise DispatchError(
            _("Every size class needs at least one designer tier (missing: %(sizes)s).")
            % {"sizes": ", ".join(str(label) for label in empty)}
        )
    for row in TierRule.objects.select_for_update():
        if (row.size_class, row.tier) not in wanted:
            row._history_user = by
            row.delete()
    existing = set(TierRule.objects.values_list("size_class", "tier"))
    for size, tier in sorted(wanted - existing):
        rule = TierRule(size_class=size, tier=tier)
        rule._history_user = by
        rule.save()
    return list(TierRule.objects.all())


@transaction.atomic
def save_season(
    *,
    by: Staff,
    name: str,
    kind: str,
    start: date,
    end: date,
    season: SeasonPeriod | None = None,
) -> SeasonPeriod:
    """Add a season range, or change `season` (DISP-3). Overlapping peak and off ranges are
    allowed; a day in a peak range is peak."""
    _may_configure(by)
    if end < start:
        raise DispatchError(_("A season ends on or after its first day."))
    season = season or SeasonPeriod()
    season.name, season.kind, season.start, season.end = name.strip(), kind, start, end
    season._history_user = by
    season.save()
    return season


@transaction.atomic
def delete_season(*, season: SeasonPeriod, by: Staff) -> None:
    _may_configure(by)
    season._history_user = by
    season.delete()
