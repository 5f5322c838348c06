"""Designer load: each designer's dispatches today and this week against the caps, the quality
hold in force, the ranking for a lead (DISP-3, DISP-5, QG-1) and the rows of the candidates
panel and the load board. Counts are annotated in the database: one query however many
designers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from leads.models import Lead, LeadState
from leads.rules.intake import size_class
from leads.services.config import size_thresholds_on
from staff.models import Role, Staff
from staff.queries import count_subquery

from .. import rules
from ..models import (
    Assignment,
    QualityHold,
)
from .day import DispatchDay, _titles_on


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def designers() -> QuerySet[Staff]:
    """Everyone holding the designer role, lowest employee number first."""
    return Staff.objects.filter(groups__name=Role.DESIGNER).order_by("employee_no")


def _live_count(**lookups) -> Coalesce:
    """Live (not declined) dispatches of the outer designer matching `lookups`, counted in a
    subquery that reads only that designer's range of the (designer, dispatched_at) index."""
    return count_subquery(
        Assignment.objects.filter(designer=OuterRef("pk"), declined_at__isnull=True, **lookups)
    )


def with_load(staff: QuerySet[Staff], day: date) -> QuerySet[Staff]:
    """Annotate today's, this week's and this week's still-open dispatches (DISP-3) and the
    last dispatch. A declined dispatch does not count: the designer never worked the lead.

    Correlated subqueries rather than one join: a join with GROUP BY would read every dispatch a
    designer ever had (tens of thousands at volume) to count one week."""
    monday, _sunday = rules.week_bounds(day)
    today = {
        "dispatched_at__gte": _day_start(day),
        "dispatched_at__lt": _day_start(day + timedelta(1)),
    }
    week = {
        "dispatched_at__gte": _day_start(monday),
        "dispatched_at__lt": _day_start(monday + timedelta(7)),
    }
    last = Assignment.objects.filter(designer=OuterRef("pk"), declined_at__isnull=True).order_by(
        "-dispatched_at"
    )
    return staff.annotate(
        today_count=_live_count(**today),
        week_count=_live_count(**week),
        open_this_week=_live_count(
            **week, lead__state=LeadState.DISPATCHED, lead__designer=OuterRef("pk")
        ),
        last_dispatch_at=Subquery(last.values("dispatched_at")[:1]),
    )


def snapshot_of(person: Staff, ctx: DispatchDay) -> rules.DesignerSnapshot:
    """A designer row from `designer_rows`, as the rules see it."""
    tier = rules.Tier(person.designer_tier) if person.designer_tier else None
    return rules.DesignerSnapshot(
        designer_id=person.pk,
        name=person.get_full_name(),
        employee_no=person.employee_no,
        tier=tier,
        active=person.is_active,
        on_leave=person.pk in ctx.on_leave_ids,
        today_count=person.today_count,
        week_count=person.week_count,
        open_this_week=person.open_this_week,
        last_dispatch_at=person.last_dispatch_at,
        champion=person.is_champion,
        hold_id=person.hold_id,
        hold_until=person.hold_until,
        hold_reason=person.hold_reason or "",
    )


def holds_on(day: date) -> QuerySet[QualityHold]:
    """Quality holds in force on `day` (QG-1): started, not ended, not lifted."""
    return QualityHold.objects.filter(starts__lte=day, ends__gte=day, lifted_at__isnull=True)


def with_hold(staff: QuerySet[Staff], day: date) -> QuerySet[Staff]:
    """Annotate the hold in force on `day` (id, last day, reason), read in the same query as
    the load; the latest-ending hold when two overlap."""
    hold = holds_on(day).filter(designer=OuterRef("pk")).order_by("-ends", "-id")
    return staff.annotate(
        hold_id=Subquery(hold.values("pk")[:1]),
        hold_until=Subquery(hold.values("ends")[:1]),
        hold_reason=Subquery(hold.values("reason")[:1]),
    )


def designer_rows(
    ctx: DispatchDay, ids: Iterable[int] | None = None, lead: Lead | None = None
) -> list[Staff]:
    """Active designers (or exactly `ids`, active or not), each with their load (`with_load`),
    whether a confirmed title raises their caps today (`is_champion`), the quality hold in
    force (`with_hold`, QG-1) and, given `lead`, whether they declined it (`declined_lead`):
    one query."""
    staff = designers().filter(is_active=True) if ids is None else Staff.objects.filter(pk__in=ids)
    titles = _titles_on(ctx.day).filter(designer=OuterRef("pk"))
    staff = with_hold(with_load(staff, ctx.day), ctx.day).annotate(is_champion=Exists(titles))
    if lead is not None:
        declined = Assignment.objects.filter(
            lead=lead, designer=OuterRef("pk"), declined_at__isnull=False
        )
        staff = staff.annotate(declined_lead=Exists(declined))
    return list(staff)


def designer_snapshots(
    ctx: DispatchDay, ids: Iterable[int] | None = None
) -> list[rules.DesignerSnapshot]:
    """Active designers (or exactly `ids`, active or not) with their load: one query."""
    ids = None if ids is None else list(ids)
    return [snapshot_of(person, ctx) for person in designer_rows(ctx, ids)]


def declined_ids(lead: Lead) -> frozenset[int]:
    """Designers who declined this lead (DISP-7); `lead_ranking` reads the same with the
    designers' rows."""
    declined = Assignment.objects.filter(lead=lead, declined_at__isnull=False)
    return frozenset(declined.values_list("designer_id", flat=True))


def lead_ranking(lead: Lead, ctx: DispatchDay) -> tuple[rules.Ranking, dict[int, Staff]]:
    """The active designers ranked for `lead` (DISP-5), and their rows by id: one query (the
    declines of this lead are read with the designers)."""
    rows = designer_rows(ctx, lead=lead)
    declined = {person.pk for person in rows if person.declined_lead}
    size = rules.SizeClass(lead_size_class(lead))
    snapshots = [snapshot_of(person, ctx) for person in rows]
    ranking = rules.rank_candidates(snapshots, size, ctx.season, ctx.config, declined)
    return ranking, {person.pk: person for person in rows}


def lead_size_class(lead: Lead) -> str:
    """The size class stored by intake (LEAD-4); worked out from the budget with the leads
    app's thresholds if intake left it blank; "" when the budget is not known."""
    if lead.size_class or lead.budget is None:
        return lead.size_class
    thresholds = size_thresholds_on(timezone.localdate())
    return size_class(lead.budget, thresholds)


# --- candidates panel and load board ---------------------------------------------------------


@dataclass(frozen=True)
class DesignerLoad:
    """One designer's row on the dashboard: load against caps, and the verdict for a lead."""

    snapshot: rules.DesignerSnapshot
    caps: rules.Caps
    decision: rules.Decision = rules.ALLOWED
    rank: int | None = None
    open_total: int = 0  # every lead still DISPATCHED to them, whatever the week (load board)

    @property
    def designer_id(self) -> int:
        return self.snapshot.designer_id

    @property
    def tier_label(self) -> str:
        from staff.models import DesignerTier

        return DesignerTier(self.snapshot.tier).label if self.snapshot.tier else ""

    @property
    def tier_rank(self) -> int | None:
        """The tier's place, lowest first, so the load board sorts tiers by seniority rather
        than by their codes' spelling; None for a designer whose tier is not set."""
        return list(rules.Tier).index(self.snapshot.tier) if self.snapshot.tier else None

    @property
    def day_full(self) -> bool:
        return self.snapshot.today_count >= self.caps.day

    @property
    def week_full(self) -> bool:
        return self.snapshot.week_count >= self.caps.week

    @property
    def season_full(self) -> bool:
        return self.snapshot.open_this_week >= self.caps.season

    @property
    def forcible(self) -> bool:
        """A skipped designer a forced dispatch could still go to (active)."""
        return self.snapshot.active

    @property
    def held_choosable(self) -> bool:
        """Skipped only for a quality hold: the customer manager may choose them with a reason
        (QG-2)."""
        return self.decision.reason == rules.SkipReason.QUALITY_HOLD


def load_rows(snapshots: Iterable[rules.DesignerSnapshot], ctx: DispatchDay) -> list[DesignerLoad]:
    """The load board: every designer with load and caps, lowest employee number first, and
    all the leads they hold not yet measured (one more query)."""
    held = dict(
        Lead.objects.filter(state=LeadState.DISPATCHED, designer__isnull=False)
        .values_list("designer")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        DesignerLoad(
            snapshot=s,
            caps=rules.caps_for(s, ctx.season, ctx.config),
            open_total=held.get(s.designer_id, 0),
        )
        for s in snapshots
    ]


def candidate_rows(
    ranking: rules.Ranking, ctx: DispatchDay
) -> tuple[list[DesignerLoad], list[DesignerLoad]]:
    """Ranked eligible designers, then the skipped ones with their reason (DISP-5)."""
    caps = rules.caps_for
    eligible = [
        DesignerLoad(snapshot=s, caps=caps(s, ctx.season, ctx.config), rank=n)
        for n, s in enumerate(ranking.eligible, start=1)
    ]
    skipped = [
        DesignerLoad(snapshot=s, caps=caps(s, ctx.season, ctx.config), decision=d)
        for s, d in ranking.skipped
    ]
    return eligible, skipped


def split_by_tier(skipped: list[DesignerLoad]) -> tuple[list[DesignerLoad], list[DesignerLoad]]:
    """Skipped designers of the lead's tier (caps, leave, declines: worth a look) and those of
    other tiers (never candidates for this size), so the dashboard can fold the latter away."""
    wrong_tier = [row for row in skipped if row.decision.reason == rules.SkipReason.WRONG_TIER]
    return [row for row in skipped if row not in wrong_tier], wrong_tier
