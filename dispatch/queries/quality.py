"""Read helpers for the quality gate (QG-1..3) and the designers' 我的业绩 page.

Facts come from the apps that own them: leads (measured leads and whether they signed, care call
scores, open callbacks) through its query functions, and the apps on dispatch's own floor
(complaints: decisions naming the design department responsible, follow-up satisfaction)
through their `quality_gate` module, collected over the installed apps (`offered_facts`).
Neither side imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from core.discovery import app_modules
from leads.models import Contract, Measurement
from staff.models import DesignerTier, Staff
from staff.queries import count_subquery

from ..models import Assignment, QualityHold, QualityPolicy
from ..rules import quality as qrules
from ..rules import quarter_bounds
from .load import designers, holds_on

# --- policy and facts (QG-1) -----------------------------------------------------------------


def policy_on(day: date) -> qrules.QualityPolicy:
    """The policy row in force on `day` as the rules' policy; no row: the DOMAIN defaults."""
    row = QualityPolicy.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    if row is None:
        return qrules.QualityPolicy()
    return qrules.QualityPolicy(
        window_days=row.window_days,
        complaints_to_hold=row.complaints_to_hold,
        satisfaction_below=row.satisfaction_below,
        min_scores=row.min_scores,
        conversion_ratio_below=row.conversion_ratio_below,
        min_measured=row.min_measured,
        hold_days=row.hold_days,
    )


# Each installed app may have this module, with `designer_facts(start, end)` returning, per
# kind of fact ("complaints", "scores" or "measured", the fields of `QualityFacts`), designer id
# -> [(day, value)] oldest first.
FACTS_MODULE = "quality_gate"

Offered = dict[str, dict[int, list[tuple]]]


def offered_facts(start: date, end: date) -> list[Offered]:
    """What the installed apps offer the quality gate between `start` and `end`: found as staff
    finds the apps' navigation (docs/architecture.md), so dispatch names no app on its floor."""
    return [module.designer_facts(start, end) for _app, module in app_modules(FACTS_MODULE)]


def _merge(sources: list[Offered]) -> Offered:
    """One list per kind and designer: the first source's as given, others' sorted in by day."""
    merged: Offered = {"complaints": {}, "scores": {}, "measured": {}}
    for source in sources:
        for kind, by_designer in source.items():
            into = merged[kind]
            for pk, rows in by_designer.items():
                into[pk] = sorted([*into[pk], *rows]) if pk in into else list(rows)
    return merged


def quality_facts(start: date, end: date) -> dict[int, qrules.QualityFacts]:
    """Every designer's facts between `start` and `end`: four queries, one per source.
    Satisfaction is what customers scored at follow-ups: complaint follow-up visits (CMP-6) and
    care calls after signing (CARE-4), in the order they were given."""
    from leads.queries.care import care_score_days
    from leads.queries.performance import measured_outcomes

    own = {"scores": care_score_days(start, end), "measured": measured_outcomes(start, end)}
    facts = _merge([*offered_facts(start, end), own])
    ids = set().union(*(facts[kind] for kind in facts))
    return {
        pk: qrules.QualityFacts(
            complaints=tuple(facts["complaints"].get(pk, ())),
            scores=tuple(facts["scores"].get(pk, ())),
            measured=tuple(facts["measured"].get(pk, ())),
        )
        for pk in ids
    }


@dataclass(frozen=True)
class HoldState:
    """A designer as the evaluation sees them: tier, held today, last hold's first day."""

    designer_id: int
    tier: str | None
    held_today: bool
    last_hold_start: date | None


def hold_states(day: date, ids: list[int] | None = None) -> list[HoldState]:
    """Active designers (or exactly `ids`) with their hold state on `day`: one query."""
    staff = designers().filter(is_active=True) if ids is None else Staff.objects.filter(pk__in=ids)
    rows = staff.annotate(
        held=Exists(holds_on(day).filter(designer=OuterRef("pk"))),
        last_start=Subquery(
            QualityHold.objects.filter(designer=OuterRef("pk"), starts__lte=day)
            .order_by("-starts")
            .values("starts")[:1]
        ),
    ).values_list("pk", "designer_tier", "held", "last_start")
    return [HoldState(pk, tier or None, held, last) for pk, tier, held, last in rows]


# --- holds: the history page and the panel ---------------------------------------------------


def holds(designer: Staff | None = None) -> QuerySet[QualityHold]:
    """Every hold, newest first, with who started and lifted it and the overrides (QG-2)."""
    rows = QualityHold.objects.select_related("designer", "created_by", "lifted_by")
    rows = rows.prefetch_related("overrides__lead", "overrides__dispatched_by")
    if designer is not None:
        rows = rows.filter(designer=designer)
    return rows.order_by("-starts", "-id")


# --- 我的业绩: dispatched, measured, signed per period ----------------------------------------


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@dataclass
class PeriodFigures:
    dispatched: int = 0
    measured: int = 0
    signed: int = 0

    @property
    def conversion(self) -> float | None:
        """Signed ÷ measured in the period, in percent (one decimal)."""
        return round(100 * self.signed / self.measured, 1) if self.measured else None


@dataclass
class DesignerRecord:
    """One designer's 我的业绩 figures for this month and this quarter, against the tier."""

    designer_id: int
    name: str
    employee_no: str
    tier: str
    tier_label: str
    month: PeriodFigures
    quarter: PeriodFigures
    open_callbacks: int
    hold_until: date | None
    hold_reason: str
    tier_month: PeriodFigures = field(default_factory=PeriodFigures)
    tier_quarter: PeriodFigures = field(default_factory=PeriodFigures)

    @property
    def on_hold(self) -> bool:
        return self.hold_until is not None


def _period_counts(prefix: str, first: date, last: date) -> dict:
    start, end = _day_start(first), _day_start(last + timedelta(days=1))
    live = Assignment.objects.filter(
        designer=OuterRef("pk"), declined_at__isnull=True, dispatched_at__gte=start
    ).filter(dispatched_at__lt=end)
    measured = Measurement.objects.filter(designer=OuterRef("pk"), measured_on__range=(first, last))
    return {
        f"{prefix}_dispatched": count_subquery(live),
        f"{prefix}_measured": count_subquery(measured),
        # A lead signed in the period counts once, however many contracts it has.
        f"{prefix}_signed": count_subquery(_signed_leads(first, last)),
    }


def _signed_leads(first: date, last: date):
    from leads.models import Lead

    contracts = Contract.objects.filter(
        lead=OuterRef("pk"), signed_on__range=(first, last), refunded_at__isnull=True
    )
    return Lead.objects.filter(Exists(contracts), designer=OuterRef("pk"))


def team_records(day: date, ids: list[int] | None = None) -> list[DesignerRecord]:
    """Every active designer's figures this month and quarter, open callbacks on their leads,
    the hold in force, and each tier's totals: one query however many designers."""
    from leads.models import OPEN_CALLBACK, Callback

    month_first = day.replace(day=1)
    quarter_first, quarter_last = quarter_bounds(day)
    month_last = (month_first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    hold = holds_on(day).filter(designer=OuterRef("pk")).order_by("-ends", "-id")
    callbacks = Callback.objects.filter(OPEN_CALLBACK, lead__designer=OuterRef("pk"))
    rows = (
        designers()
        .filter(is_active=True)
        .annotate(
            **_period_counts("m", month_first, month_last),
            **_period_counts("q", quarter_first, quarter_last),
            open_callbacks=count_subquery(callbacks),
            hold_until=Subquery(hold.values("ends")[:1]),
            hold_reason=Subquery(hold.values("reason")[:1]),
        )
    )
    tiers = dict(DesignerTier.choices)
    records = [
        DesignerRecord(
            designer_id=p.pk,
            name=p.get_full_name(),
            employee_no=p.employee_no,
            tier=p.designer_tier or "",
            tier_label=str(tiers.get(p.designer_tier, "")),
            month=PeriodFigures(p.m_dispatched, p.m_measured, p.m_signed),
            quarter=PeriodFigures(p.q_dispatched, p.q_measured, p.q_signed),
            open_callbacks=p.open_callbacks,
            hold_until=p.hold_until,
            hold_reason=p.hold_reason or "",
        )
        for p in rows
    ]
    _add_tier_totals(records)
    if ids is not None:
        return [r for r in records if r.designer_id in ids]
    return records


def _add_tier_totals(records: list[DesignerRecord]) -> None:
    totals: dict[str, tuple[PeriodFigures, PeriodFigures]] = {}
    for r in records:
        month, quarter = totals.setdefault(r.tier, (PeriodFigures(), PeriodFigures()))
        for total, own in ((month, r.month), (quarter, r.quarter)):
            total.dispatched += own.dispatched
            total.measured += own.measured
            total.signed += own.signed
    for r in records:
        r.tier_month, r.tier_quarter = totals[r.tier]
