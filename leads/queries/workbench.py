"""Counts for the 工作台 (role home): what waits for one person today, a query per group.

Each function counts several queues in one query (conditional aggregation), so a home costs
the same number of queries at 5 rows or 100,000."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, Sum
from django.utils import timezone

from staff.models import Staff

from ..models import (
    OPEN_CALLBACK,
    OPEN_STATES,
    Callback,
    Closure,
    ClosureStatus,
    Contract,
    Lead,
    LeadState,
    OwnershipClaim,
    OwnershipRuling,
    RulingKind,
)
from .access import sees_all_leads, visible_leads


@dataclass(frozen=True)
class Period:
    """Inclusive dates of a stretch of days (month to date, or the same days last month)."""

    first: date
    last: date


def callbacks_due(user: Staff, *, now: datetime, end_of_today: datetime) -> dict[str, int]:
    """My open callbacks due by the end of today, and how many of them are already overdue."""
    return Callback.objects.filter(OPEN_CALLBACK, assignee=user).aggregate(
        due=Count("pk", filter=Q(due_at__lt=end_of_today)),
        overdue=Count("pk", filter=Q(due_at__lt=now)),
    )


def designer_leads(user: Staff, *, start_of_today: datetime) -> dict[str, int]:
    """A designer's leads dispatched today, and all still waiting for the measurement."""
    return Lead.objects.filter(designer=user, state=LeadState.DISPATCHED).aggregate(
        new=Count("pk", filter=Q(dispatched_at__gte=start_of_today)),
        to_measure=Count("pk"),
    )


def closure_counts(user: Staff) -> dict[str, int]:
    """Closures awaiting the design manager's confirmation and rejected ones (back in work),
    among the leads `user` may see: the two queues of the closure list. Read through the status
    index, so the confirmed closures of years past cost nothing."""
    queued = Closure.objects.filter(status__in=[ClosureStatus.PROPOSED, ClosureStatus.REJECTED])
    if not sees_all_leads(user):
        queued = queued.filter(lead__in=visible_leads(user))
    return queued.aggregate(
        awaiting=Count("pk", filter=Q(status=ClosureStatus.PROPOSED)),
        rejected=Count("pk", filter=Q(status=ClosureStatus.REJECTED)),
    )


def open_disputes() -> dict[str, int | None]:
    """Open leads that two or more colleagues claim and the customer manager has not ruled on
    (ATTR-5): how many, and the oldest (the way in). Read from the claims (few) rather than
    from every open lead."""
    claimed_twice = (
        OwnershipClaim.objects.filter(claimant__isnull=False)
        .values("lead")
        # Two claimants or more: the lowest differs from the highest (cheaper than DISTINCT).
        .annotate(lowest=Min("claimant"), highest=Max("claimant"))
        .filter(lowest__lt=F("highest"))
        .values("lead")
    )
    manual = OwnershipRuling.objects.filter(lead=OuterRef("pk"), kind=RulingKind.MANUAL)
    disputed = Lead.objects.filter(pk__in=claimed_twice, state__in=OPEN_STATES).exclude(
        Exists(manual)
    )
    return disputed.aggregate(count=Count("pk"), first=Min("pk"))


def lead_figures(current: Period, previous: Period) -> dict[str, int]:
    """GM's month cards: leads by consultation date, dispatches, and leads of the period that
    have a contract (the monthly report's conversion: signed ÷ leads), for two periods."""
    signed = Exists(Contract.objects.filter(lead=OuterRef("pk")))

    def consulted(p: Period) -> Q:
        return Q(consultation_date__range=(p.first, p.last))

    def dispatched(p: Period) -> Q:
        # An aware range (Beijing days), not __date: the index on dispatched_at answers it.
        start = timezone.make_aware(datetime.combine(p.first, time.min))
        end = timezone.make_aware(datetime.combine(p.last + timedelta(days=1), time.min))
        return Q(dispatched_at__gte=start, dispatched_at__lt=end)

    either = consulted(current) | consulted(previous) | dispatched(current) | dispatched(previous)
    return (
        Lead.objects.filter(either)
        .annotate(has_contract=signed)
        .aggregate(
            leads=Count("pk", filter=consulted(current)),
            prev_leads=Count("pk", filter=consulted(previous)),
            dispatched=Count("pk", filter=dispatched(current)),
            prev_dispatched=Count("pk", filter=dispatched(previous)),
            cohort_signed=Count("pk", filter=consulted(current) & Q(has_contract=True)),
            prev_cohort_signed=Count("pk", filter=consulted(previous) & Q(has_contract=True)),
        )
    )


def contract_figures(current: Period, previous: Period) -> dict:
    """Contracts signed and their amount in two periods (refunds still count, as in the
    monthly report)."""

    def within(p: Period) -> Q:
        return Q(signed_on__range=(p.first, p.last))

    return Contract.objects.filter(within(current) | within(previous)).aggregate(
        signed=Count("pk", filter=within(current)),
        prev_signed=Count("pk", filter=within(previous)),
        total=Sum("amount", filter=within(current)),
        prev_total=Sum("amount", filter=within(previous)),
    )
