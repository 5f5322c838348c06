"""RPT-2: the GM's monthly report, every section grouped in the database.

The month and the one before it are read together (grouped by month), so the comparison costs
no extra query; the report is about a dozen queries whatever the volume. Python only rolls up
the grouped rows (bounded by channels × sizes × designers, not by leads).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance.models import DailyStatus, ViolationRecord
from attendance.queries.pay import TOTAL_FIELDS, pay_totals
from attendance.rules.daily import DayStatusCode
from complaints.models import Complaint, Escalation
from dispatch.models import Assignment, CapacityRule, Champion, QualityHold, Skip
from dispatch.queries import designers
from leads.models import (
    Channel,
    Closure,
    ClosureKind,
    ClosureReason,
    Contract,
    Lead,
    Measurement,
    SizeClass,
)
from staff.models import Department, DesignerTier
from staff.queries import count_subquery

from .reports import aware_start, period_bounds

ZERO = Decimal(0)
DEFAULT_WEEK_CAP = 6  # DISP-3's default when no capacity rule was ever entered


def month_of(day: date) -> date:
    return day.replace(day=1)


def previous_month(month: date) -> date:
    return month_of(month - timedelta(days=1))


def _pct(part: int | Decimal, whole: int | Decimal) -> float | None:
    return round(100 * float(part) / float(whole), 1) if whole else None


def _delta(now: float | int | None, before: float | int | None) -> float | None:
    if now is None or before is None:
        return None
    return round(float(now) - float(before), 1)


# --- funnel -------------------------------------------------------------------------------------


class ConversionFigures:
    """Conversion (signed ÷ leads) this month and last, with the change in points."""

    leads: int
    signed: int
    prev_leads: int
    prev_signed: int

    @property
    def conversion(self) -> float | None:
        return _pct(self.signed, self.leads)

    @property
    def prev_conversion(self) -> float | None:
        return _pct(self.prev_signed, self.prev_leads)

    @property
    def change(self) -> float | None:
        """Conversion now minus last month, in percentage points."""
        return _delta(self.conversion, self.prev_conversion)


@dataclass
class FunnelRow(ConversionFigures):
    key: str
    label: str
    leads: int = 0
    dispatched: int = 0
    measured: int = 0
    signed: int = 0
    prev_leads: int = 0
    prev_signed: int = 0

    def add(self, row: dict, current: bool) -> None:
        if current:
            self.leads += row["leads"]
            self.dispatched += row["dispatched"]
            self.measured += row["measured"]
            self.signed += row["signed"]
        else:
            self.prev_leads += row["leads"]
            self.prev_signed += row["signed"]


def _funnel_groups(prev: date, last: date) -> list[dict]:
    """Leads consulted in the two months, grouped by month and every funnel dimension."""
    measured = Measurement.objects.filter(lead=OuterRef("pk"))
    signed = Contract.objects.filter(lead=OuterRef("pk"))
    return list(
        Lead.objects.filter(consultation_date__range=(prev, last))
        .annotate(m=TruncMonth("consultation_date"), has_m=Exists(measured), has_s=Exists(signed))
        .values(
            "m", "channel", "size_class", "designer_id", "designer__name", "designer__designer_tier"
        )
        .annotate(
            leads=Count("pk"),
            dispatched=Count("pk", filter=Q(dispatched_at__isnull=False)),
            measured=Count("pk", filter=Q(has_m=True)),
            signed=Count("pk", filter=Q(has_s=True)),
        )
        .order_by()
    )


def _month_key(value) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _roll_up(groups: list[dict], month: date, key_of, labels: dict[str, str]) -> list[FunnelRow]:
    rows: dict[str, FunnelRow] = {key: FunnelRow(key, str(label)) for key, label in labels.items()}
    for group in groups:
        key, label = key_of(group)
        row = rows.setdefault(key, FunnelRow(key, str(label)))
        row.add(group, _month_key(group["m"]) == month)
    return [row for row in rows.values() if row.leads or row.prev_leads]


@dataclass
class Funnel:
    total: FunnelRow
    channels: list[FunnelRow]
    sizes: list[FunnelRow]
    tiers: list[FunnelRow]
    designers: list[FunnelRow]


def funnel(month: date, groups: list[dict]) -> Funnel:
    unknown = _("Not given")
    nobody = _("Not dispatched")
    return Funnel(
        total=(
            _roll_up(groups, month, lambda g: ("all", _("All leads")), {})
            or [FunnelRow("all", _("All leads"))]
        )[0],
        channels=_roll_up(groups, month, lambda g: (g["channel"], ""), dict(Channel.choices)),
        sizes=_roll_up(
            groups, month, lambda g: (g["size_class"] or "-", unknown), dict(SizeClass.choices)
        ),
        tiers=_roll_up(
            groups,
            month,
            lambda g: (g["designer__designer_tier"] or "-", nobody),
            dict(DesignerTier.choices),
        ),
        designers=sorted(
            _roll_up(
                groups,
                month,
                lambda g: (str(g["designer_id"] or "-"), g["designer__name"] or nobody),
                {},
            ),
            key=lambda row: (-row.leads, row.label),
        ),
    )


# --- contracts ----------------------------------------------------------------------------------


@dataclass
class ContractFigures:
    count: int = 0
    amount: Decimal = ZERO
    refunded: int = 0
    prev_count: int = 0
    prev_amount: Decimal = ZERO
    by_type: dict[str, dict] = field(default_factory=dict)


def contracts(month: date, prev: date, last: date) -> ContractFigures:
    from leads.models import ContractType

    groups = (
        Contract.objects.filter(signed_on__range=(prev, last))
        .annotate(m=TruncMonth("signed_on"))
        .values("m", "contract_type")
        .annotate(
            n=Count("pk"),
            amount=Sum("amount"),
            refunded=Count("pk", filter=Q(refunded_at__isnull=False)),
        )
        .order_by()
    )
    figures = ContractFigures()
    labels = dict(ContractType.choices)
    for group in groups:
        amount = group["amount"] or ZERO
        if _month_key(group["m"]) == month:
            figures.count += group["n"]
            figures.amount += amount
            figures.refunded += group["refunded"]
            figures.by_type[str(labels.get(group["contract_type"], group["contract_type"]))] = {
                "count": group["n"],
                "amount": amount,
            }
        else:
            figures.prev_count += group["n"]
            figures.prev_amount += amount
    return figures


# --- dispatch fairness --------------------------------------------------------------------------


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
        return _delta(self.share, self.allowed_share)


def fairness(first: date, last: date) -> list[FairnessRow]:
    """Each designer's share of the tier's dispatches against the share the caps allowed: the
    weekly cap, plus the champion bonus for a confirmed champion at the end of the month; and
    how often they were passed over, by reason; and the quality holds that started in the month
    (QG-3)."""
    start, end = aware_start(first), aware_start(last + timedelta(days=1))
    # Correlated counts: each reads one designer's month on the (designer, time) indexes, where a
    # join with GROUP BY would read every dispatch each designer ever had.
    month = Assignment.objects.filter(
        designer=OuterRef("pk"), dispatched_at__gte=start, dispatched_at__lt=end
    )
    skips = Skip.objects.filter(designer=OuterRef("pk"), skipped_at__gte=start, skipped_at__lt=end)
    skip_counts = {
        f"skip_{reason}": count_subquery(skips.filter(reason=reason)) for reason in Skip.Reason
    }
    # The caps in force at the end of the month (DISP-3) and the champion bonus (DISP-4), read
    # in the same query as the counts.
    rule = CapacityRule.objects.filter(effective_from__lte=last).order_by("-effective_from")
    people = (
        designers()
        .filter(is_active=True)
        .annotate(
            n=count_subquery(month),
            forced=count_subquery(month.filter(method=Assignment.Method.FORCED)),
            chosen=count_subquery(month.filter(method=Assignment.Method.CHOSEN)),
            after=count_subquery(month.filter(method=Assignment.Method.AFTER_DECLINE)),
            declined=count_subquery(month.filter(declined_at__isnull=False)),
            holds=count_subquery(
                QualityHold.objects.filter(
                    designer=OuterRef("pk"), starts__gte=first, starts__lte=last
                )
            ),
        )
        .annotate(
            week_cap=Subquery(rule.values("week_cap")[:1]),
            bonus=Subquery(rule.values("champion_week_bonus")[:1]),
            **skip_counts,
            champion=Exists(
                Champion.objects.filter(
                    designer=OuterRef("pk"),
                    status=Champion.Status.CONFIRMED,
                    grants_from__lte=last,
                    grants_until__gte=last,
                )
            ),
        )
        .values(
            "pk",
            "name",
            "designer_tier",
            "n",
            "forced",
            "chosen",
            "after",
            "declined",
            "holds",
            "week_cap",
            "bonus",
            "champion",
            *skip_counts,
        )
    )
    tiers = dict(DesignerTier.choices)
    rows = [
        FairnessRow(
            designer_id=p["pk"],
            name=p["name"],
            tier=p["designer_tier"] or "",
            tier_label=str(tiers.get(p["designer_tier"], "")),
            dispatches=p["n"],
            forced=p["forced"],
            chosen=p["chosen"],
            after_decline=p["after"],
            declined=p["declined"],
            weight=(p["week_cap"] or DEFAULT_WEEK_CAP)
            + ((p["bonus"] or 0) if p["champion"] else 0),
            skips={reason.value: p[f"skip_{reason}"] for reason in Skip.Reason},
            holds=p["holds"],
        )
        for p in people
    ]
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
            row.share = _pct(row.dispatches, total)
            row.allowed_share = _pct(row.weight, weights)
            ordered.append(row)
    return ordered


# --- closures (CLOSE-4) -------------------------------------------------------------------------


@dataclass
class ReasonRow:
    key: str
    label: str
    count: int
    prev_count: int


def closure_reasons(month: date, prev: date, last: date) -> list[ReasonRow]:
    """Confirmed closures by kind and reason, this month and last (by confirmation time)."""
    local = timezone.get_current_timezone()
    groups = (
        Closure.objects.filter(
            status="CONFIRMED",
            decided_at__gte=aware_start(prev),
            decided_at__lt=aware_start(last + timedelta(days=1)),
        )
        .annotate(m=TruncMonth("decided_at", tzinfo=local))
        .values("m", "kind", "reason")
        .annotate(n=Count("pk"))
        .order_by()
    )
    kinds, reasons = dict(ClosureKind.choices), dict(ClosureReason.choices)
    rows: dict[str, ReasonRow] = {}
    for group in groups:
        key = f"{group['kind']}:{group['reason']}"
        label = f"{kinds[group['kind']]} · {reasons[group['reason']]}"
        row = rows.setdefault(key, ReasonRow(key, label, 0, 0))
        if _month_key(group["m"]) == month:
            row.count += group["n"]
        else:
            row.prev_count += group["n"]
    return sorted(rows.values(), key=lambda r: (-r.count, -r.prev_count, r.key))


# --- complaints ---------------------------------------------------------------------------------


@dataclass
class ComplaintRow:
    label: str
    received: int = 0
    closed: int = 0
    overdue: int = 0
    close_hours_total: float = 0.0

    @property
    def avg_close_hours(self) -> float | None:
        return round(self.close_hours_total / self.closed, 1) if self.closed else None


@dataclass
class ComplaintFigures:
    total: ComplaintRow
    prev_received: int
    categories: list[ComplaintRow]
    departments: list[ComplaintRow]


def complaints(month: date, prev: date, last: date) -> ComplaintFigures:
    """Complaints received in the month by category and responsible department: how many were
    closed, how long closing took (received → closed), how many had a late step (escalated)."""
    local = timezone.get_current_timezone()
    to_close = ExpressionWrapper(F("closed_at") - F("received_at"), output_field=DurationField())
    groups = (
        Complaint.objects.filter(
            received_at__gte=aware_start(prev),
            received_at__lt=aware_start(last + timedelta(days=1)),
        )
        .annotate(
            m=TruncMonth("received_at", tzinfo=local),
            late=Exists(Escalation.objects.filter(complaint=OuterRef("pk"))),
        )
        .values("m", "category__name", "responsible_department")
        .annotate(
            n=Count("pk"),
            closed=Count("pk", filter=Q(closed_at__isnull=False)),
            overdue=Count("pk", filter=Q(late=True)),
            close_time=Sum(to_close, filter=Q(closed_at__isnull=False)),
        )
        .order_by()
    )
    departments = dict(Department.choices)
    total = ComplaintRow(_("All complaints"))
    prev_received = 0
    by_category: dict[str, ComplaintRow] = {}
    by_department: dict[str, ComplaintRow] = {}
    for group in groups:
        if _month_key(group["m"]) != month:
            prev_received += group["n"]
            continue
        department = group["responsible_department"]
        dept_label = str(departments.get(department, _("Not decided yet")))
        for row in (
            total,
            by_category.setdefault(group["category__name"], ComplaintRow(group["category__name"])),
            by_department.setdefault(dept_label, ComplaintRow(dept_label)),
        ):
            row.received += group["n"]
            row.closed += group["closed"]
            row.overdue += group["overdue"]
            if group["close_time"] is not None:
                row.close_hours_total += group["close_time"].total_seconds() / 3600
    return ComplaintFigures(
        total=total,
        prev_received=prev_received,
        categories=sorted(by_category.values(), key=lambda r: (-r.received, r.label)),
        departments=sorted(by_department.values(), key=lambda r: (-r.received, r.label)),
    )


# --- attendance and pay ---------------------------------------------------------------------------


def attendance(first: date, last: date) -> dict:
    """The company's month (ATT-8): late and early days, absent days, leave days, violations."""
    late = [DayStatusCode.LATE, DayStatusCode.LATE_AND_EARLY]
    early = [DayStatusCode.EARLY_LEAVE, DayStatusCode.LATE_AND_EARLY]
    figures = DailyStatus.objects.filter(day__range=(first, last)).aggregate(
        people=Count("staff", distinct=True),
        late=Count("pk", filter=Q(code__in=late)),
        early=Count("pk", filter=Q(code__in=early)),
        absent=Count("pk", filter=Q(code=DayStatusCode.ABSENT)),
        leave_days=Sum("leave_days"),
    )
    figures["leave_days"] = figures["leave_days"] or ZERO
    figures["violations"] = ViolationRecord.objects.filter(day__range=(first, last)).count()
    return figures


# --- the report ---------------------------------------------------------------------------------


@dataclass
class SkipTierRow:
    tier_label: str
    counts: dict[str, int]  # Skip.Reason value -> count, in table order

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class MonthlyReport:
    month: date
    prev: date
    funnel: Funnel
    contracts: ContractFigures
    fairness: list[FairnessRow]
    closures: list[ReasonRow]
    complaints: ComplaintFigures
    attendance: dict
    pay: dict

    def pay_rows(self) -> list[tuple[str, object]]:
        """The pay totals with their labels: status, head count, then the statement columns."""
        from attendance.models import PayMonth, PayStatement

        statuses = dict(PayMonth._meta.get_field("status").choices)
        status = self.pay.get("status")
        rows: list[tuple[str, object]] = [
            (_("Pay status"), str(statuses.get(status, _("Not prepared")))),
            (_("People paid"), self.pay.get("people") or 0),
        ]
        for name in TOTAL_FIELDS:
            label = str(PayStatement._meta.get_field(name).verbose_name)
            rows.append((label.capitalize(), self.pay.get(name) or ZERO))
        return rows

    @staticmethod
    def skip_reasons() -> list[tuple[str, str]]:
        """The skip reasons in table order, (value, label)."""
        return [(reason.value, str(reason.label)) for reason in Skip.Reason]

    def skips_by_tier(self) -> list[SkipTierRow]:
        """Skips by reason per tier (RPT-2): the designers' rows summed, tier by tier."""
        rows: dict[str, SkipTierRow] = {}
        for row in self.fairness:
            tier = rows.setdefault(
                row.tier, SkipTierRow(row.tier_label, dict.fromkeys(Skip.Reason, 0))
            )
            for reason, n in row.skips.items():
                tier.counts[reason] += n
        return list(rows.values())

    def holds_by_tier(self) -> list[tuple[str, int]]:
        """Quality holds started in the month per tier (QG-3), in the fairness table's order."""
        totals: dict[str, list] = {}
        for row in self.fairness:
            totals.setdefault(row.tier, [row.tier_label, 0])[1] += row.holds
        return [(label, n) for label, n in totals.values()]

    def charts(self) -> dict:
        """The Chart.js datasets (passed with json_script); the same numbers as the tables."""
        return {
            "channels": {
                "labels": [row.label for row in self.funnel.channels],
                "leads": [row.leads for row in self.funnel.channels],
                "signed": [row.signed for row in self.funnel.channels],
                "prev_leads": [row.prev_leads for row in self.funnel.channels],
            },
            "funnel": {
                "labels": [_("Leads"), _("Dispatched"), _("Measured"), _("Signed")],
                "values": [
                    self.funnel.total.leads,
                    self.funnel.total.dispatched,
                    self.funnel.total.measured,
                    self.funnel.total.signed,
                ],
            },
            "fairness": {
                "labels": [row.name for row in self.fairness],
                "share": [row.share or 0 for row in self.fairness],
                "allowed": [row.allowed_share or 0 for row in self.fairness],
            },
            "closures": {
                "labels": [row.label for row in self.closures],
                "values": [row.count for row in self.closures],
                "prev": [row.prev_count for row in self.closures],
            },
            "complaints": {
                "labels": [row.label for row in self.complaints.categories],
                "values": [row.received for row in self.complaints.categories],
            },
        }


def monthly_report(month: date) -> MonthlyReport:
    """RPT-2 for the calendar month starting `month` (compared with the month before)."""
    month = month_of(month)
    first, last = period_bounds("month", month)
    prev = previous_month(month)
    return MonthlyReport(
        month=month,
        prev=prev,
        funnel=funnel(month, _funnel_groups(prev, last)),
        contracts=contracts(month, prev, last),
        fairness=fairness(first, last),
        closures=closure_reasons(month, prev, last),
        complaints=complaints(month, prev, last),
        attendance=attendance(first, last),
        pay=pay_totals(month),
    )
