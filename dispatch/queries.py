"""Read helpers for dispatch: the day's configuration, designer load snapshots, the queue, the
load board, "my leads" and the dispatch log. Counts are annotated in the database, so every
page runs a fixed number of queries however many designers or leads there are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from leads.models import Channel, Contract, Lead, LeadState, SlipSignature, TransferSlip
from leads.rules.intake import size_class
from leads.rules.slips import SIGNING_ORDER, dispatch_allowed_for_slip
from leads.services.config import size_thresholds_on
from staff.models import Role, Staff
from staff.queries import count_subquery

from . import rules
from .models import (
    CAP_FIELDS,
    Assignment,
    CapacityRule,
    Champion,
    QualityHold,
    SeasonKind,
    SeasonPeriod,
    TierRule,
)

# --- the day's configuration -----------------------------------------------------------------


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


# --- designer load ---------------------------------------------------------------------------


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


# --- the queue (DISP-2, SLIP-2) --------------------------------------------------------------


def _slip_steps_signed() -> Coalesce:
    return count_subquery(SlipSignature.objects.filter(slip__lead=OuterRef("pk")))


def _queue_leads(*states: str) -> QuerySet[Lead]:
    return (
        Lead.objects.filter(state__in=states)
        .select_related("slip__preferred_designer", "slip__salesperson", "brought_by", "designer")
        .annotate(
            slip_steps=_slip_steps_signed(),
            has_slip=Exists(TransferSlip.objects.filter(lead=OuterRef("pk"))),
        )
        .order_by("created_at", "id")
    )


def waiting_leads() -> QuerySet[Lead]:
    """NEW leads, oldest first, with what the queue shows (slip, preferred designer)."""
    return _queue_leads(LeadState.NEW)


def _ready_q() -> Q:
    slip_ok = ~Q(channel=Channel.MARKETING) | Q(slip_steps__gte=len(SIGNING_ORDER))
    known = Q(
        planned_decoration_date__isnull=False,
        area_m2__isnull=False,
        budget__isnull=False,
        levels_introduced=True,
    )
    return known & slip_ok


def ready_queue() -> QuerySet[Lead]:
    """Leads ready to dispatch (DISP-2 and SLIP-2), oldest first."""
    return waiting_leads().filter(_ready_q())


def not_ready_leads() -> QuerySet[Lead]:
    """NEW leads still missing something; each row says what (see `blockers`)."""
    return waiting_leads().exclude(_ready_q())


def readiness_of(lead: Lead) -> rules.Readiness:
    return rules.check_readiness(
        planned_decoration_date=lead.planned_decoration_date,
        area_m2=lead.area_m2,
        budget=lead.budget,
        levels_introduced=lead.levels_introduced,
    )


def blockers(lead: Lead) -> list[str]:
    """Every reason the lead cannot be dispatched yet, as sentences (needs `waiting_leads`)."""
    reasons = [str(text) for text in readiness_of(lead).messages]
    slip = dispatch_allowed_for_slip(
        lead.channel == Channel.MARKETING,
        lead.slip_steps >= len(SIGNING_ORDER),
        has_slip=lead.has_slip,
    )
    if not slip.allowed:
        reasons.append(str(slip.message))
    return reasons


def dispatched_leads() -> QuerySet[Lead]:
    """Leads with a designer and not yet measured, newest dispatch first (declines are recorded
    here), with how the live dispatch was made."""
    live = Assignment.objects.filter(
        lead=OuterRef("pk"), designer=OuterRef("designer"), declined_at__isnull=True
    ).order_by("-dispatched_at", "-id")
    return (
        Lead.objects.filter(state=LeadState.DISPATCHED)
        .select_related("designer")
        .annotate(dispatch_method=Subquery(live.values("method")[:1]))
        .order_by("-dispatched_at", "-id")
    )


def queue_counts() -> dict[str, int]:
    """How many leads are ready, waiting for something, and dispatched: one query."""
    new = Q(state=LeadState.NEW)
    leads = Lead.objects.filter(state__in=[LeadState.NEW, LeadState.DISPATCHED]).annotate(
        slip_steps=_slip_steps_signed()
    )
    return leads.aggregate(
        ready=Count("pk", filter=new & _ready_q()),
        waiting=Count("pk", filter=new & ~_ready_q()),
        dispatched=Count("pk", filter=Q(state=LeadState.DISPATCHED)),
    )


def slip_or_none(lead: Lead) -> TransferSlip | None:
    """The lead's slip when it has one (loaded with the lead by `waiting_leads`)."""
    try:
        return lead.slip
    except TransferSlip.DoesNotExist:
        return None


def lead_for_panel(pk: int) -> Lead | None:
    """A lead the dashboard works on: waiting for dispatch, or dispatched (to record a decline)."""
    return _queue_leads(LeadState.NEW, LeadState.DISPATCHED).filter(pk=pk).first()


def current_assignment(lead: Lead) -> Assignment | None:
    """The live (not declined) dispatch of the lead to its current designer."""
    return (
        Assignment.objects.filter(lead=lead, designer_id=lead.designer_id, declined_at__isnull=True)
        .order_by("-dispatched_at", "-id")
        .first()
    )


def lead_assignments(lead: Lead) -> QuerySet[Assignment]:
    return Assignment.objects.filter(lead=lead).select_related(
        "designer", "dispatched_by", "declined_by"
    )


# --- designer's own leads, log, champions ---------------------------------------------------


def my_leads(designer: Staff, state: str = "") -> QuerySet[Lead]:
    """The designer's leads, newest dispatch first (SEC-1: only their own)."""
    leads = Lead.objects.filter(designer=designer).select_related("slip")
    if state:
        leads = leads.filter(state=state)
    return leads.order_by(F("dispatched_at").desc(nulls_last=True), "-id")


def dispatch_log(
    *,
    method: str = "",
    declined: bool = False,
    designer: Staff | None = None,
    start: date | None = None,
    end: date | None = None,
) -> QuerySet[Assignment]:
    """Every dispatch, newest first: forced dispatches and declines are reported here (DISP-7)."""
    rows = Assignment.objects.select_related("lead", "designer", "dispatched_by", "declined_by")
    if method:
        rows = rows.filter(method=method)
    if declined:
        rows = rows.filter(declined_at__isnull=False)
    if designer is not None:
        rows = rows.filter(designer=designer)
    if start:
        rows = rows.filter(dispatched_at__gte=_day_start(start))
    if end:
        rows = rows.filter(dispatched_at__lt=_day_start(end + timedelta(days=1)))
    return rows.order_by("-dispatched_at", "-id")


def signed_counts(start: date, end: date) -> dict[int, int]:
    """Signed contracts per designer between `start` and `end` (inclusive), for DISP-4.

    Each contract (design or construction) counts once for the designer it was signed with, on
    its signing date; a refunded contract (退单) does not count.
    """
    contracts = Contract.objects.filter(
        signed_on__gte=start,
        signed_on__lte=end,
        designer__isnull=False,
        refunded_at__isnull=True,
    )
    rows = contracts.values("designer").annotate(n=Count("id")).order_by()
    return {row["designer"]: row["n"] for row in rows}


def champion_titles() -> QuerySet[Champion]:
    return Champion.objects.select_related("designer", "decided_by")


def has_unconfirmed_champions() -> bool:
    return Champion.objects.filter(status=Champion.Status.PROPOSED).exists()
