"""Closure queues for the two signers, the closure record, and the reason analysis (CLOSE-2..4)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Staff

from ..models import Channel, Closure, ClosureKind, ClosureReason, ClosureStatus
from ..rules import lifecycle as rules
from .access import visible_leads


class ClosureTab:
    AWAITING = "awaiting"  # the design manager's queue: proposals waiting for the second call
    MINE = "mine"  # the proposer's: what became of my proposals
    REJECTED = "rejected"  # back in work
    CONFIRMED = "confirmed"  # the archive (CLOSE-3)
    ALL = "all"


TAB_STATUS = {
    ClosureTab.AWAITING: ClosureStatus.PROPOSED,
    ClosureTab.REJECTED: ClosureStatus.REJECTED,
    ClosureTab.CONFIRMED: ClosureStatus.CONFIRMED,
}


def default_tab(user: Staff) -> str:
    """Each signer opens on their own queue."""
    if user.has_role(*rules.ClosureRoles().confirmers):
        return ClosureTab.AWAITING
    if user.has_perm("leads.propose_closure"):
        return ClosureTab.MINE
    return ClosureTab.CONFIRMED


def closure_rows() -> QuerySet[Closure]:
    return Closure.objects.select_related(
        "lead", "lead__designer", "proposed_by", "decided_by", "responsible"
    )


def closure_queue(user: Staff, tab: str, kind: str = "") -> QuerySet[Closure]:
    """Closures of the leads `user` may see, for one tab; waiting ones oldest first."""
    rows = closure_rows().filter(lead__in=visible_leads(user))
    if kind:
        rows = rows.filter(kind=kind)
    if tab == ClosureTab.MINE:
        return rows.filter(proposed_by=user).order_by("-proposed_at", "-id")
    if tab == ClosureTab.AWAITING:
        return rows.filter(status=ClosureStatus.PROPOSED).order_by("proposed_at", "id")
    if tab in TAB_STATUS:
        return rows.filter(status=TAB_STATUS[tab]).order_by("-decided_at", "-id")
    return rows.order_by("-proposed_at", "-id")


def awaiting_count(user: Staff) -> int:
    return Closure.objects.filter(
        status=ClosureStatus.PROPOSED, lead__in=visible_leads(user)
    ).count()


def closure_for_page(user: Staff, pk: int) -> Closure | None:
    """The closure if `user` may see its lead; with what the record and the form show."""
    return (
        closure_rows()
        .select_related("lead__brought_by", "lead__measurement", "reopened_by")
        .filter(pk=pk, lead__in=visible_leads(user))
        .first()
    )


def closure_history(closure: Closure, limit: int = 20):
    return closure.history.select_related("history_user").order_by("-history_date")[:limit]


# --- CLOSE-4: reason analysis -------------------------------------------------------------------


@dataclass(frozen=True)
class AnalysisFilters:
    date_from: date | None = None
    date_to: date | None = None
    kind: str = ""


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int
    share: float  # of the total, 0..100


def confirmed_closures(filters: AnalysisFilters) -> QuerySet[Closure]:
    """Closures confirmed in the period (by confirmation time) and still standing."""
    rows = Closure.objects.filter(status=ClosureStatus.CONFIRMED)
    if filters.date_from:
        rows = rows.filter(decided_at__gte=_start(filters.date_from))
    if filters.date_to:
        rows = rows.filter(decided_at__lt=_start(filters.date_to + timedelta(days=1)))
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    return rows


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _rows(counts: list[tuple[str, str, int]]) -> list[Row]:
    total = sum(n for _key, _label, n in counts) or 1
    return [Row(key, label, n, round(100 * n / total, 1)) for key, label, n in counts]


def by_reason(closures: QuerySet[Closure]) -> list[Row]:
    labels = dict(ClosureReason.choices)
    kinds = dict(ClosureKind.choices)
    grouped = closures.values("kind", "reason").annotate(n=Count("id")).order_by("-n", "reason")
    return _rows(
        [
            (f"{g['kind']}:{g['reason']}", f"{kinds[g['kind']]} · {labels[g['reason']]}", g["n"])
            for g in grouped
        ]
    )


def by_channel(closures: QuerySet[Closure]) -> list[Row]:
    labels = dict(Channel.choices)
    grouped = closures.values("lead__channel").annotate(n=Count("id")).order_by("-n")
    return _rows([(g["lead__channel"], labels[g["lead__channel"]], g["n"]) for g in grouped])


def by_designer(closures: QuerySet[Closure]) -> list[Row]:
    grouped = (
        closures.values("lead__designer", "lead__designer__name")
        .annotate(n=Count("id"))
        .order_by("-n", F("lead__designer__name").asc(nulls_last=True))
    )
    nobody = _("No designer (not dispatched)")
    return _rows(
        [
            (str(g["lead__designer"] or ""), g["lead__designer__name"] or nobody, g["n"])
            for g in grouped
        ]
    )


def by_month(closures: QuerySet[Closure]) -> list[Row]:
    month = TruncMonth("decided_at", tzinfo=timezone.get_current_timezone())
    grouped = closures.annotate(month=month).values("month").annotate(n=Count("id"))
    return _rows(
        [(f"{g['month']:%Y-%m}", f"{g['month']:%Y-%m}", g["n"]) for g in grouped.order_by("month")]
    )


@dataclass(frozen=True)
class Analysis:
    total: int
    reasons: list[Row]
    channels: list[Row]
    designers: list[Row]
    months: list[Row]


def closure_analysis(filters: AnalysisFilters) -> Analysis:
    """CLOSE-4: confirmed closures by reason, channel, designer and month (grouped in the
    database: five queries whatever the volume)."""
    closures = confirmed_closures(filters)
    return Analysis(
        total=closures.count(),
        reasons=by_reason(closures),
        channels=by_channel(closures),
        designers=by_designer(closures),
        months=by_month(closures),
    )
