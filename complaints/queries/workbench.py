"""Counts for the 工作台 (role home): complaints waiting at the viewer's step, overdue ones, and
the GM's month figures; each a single aggregate query (plus the deadline table)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from django.db.models import Count, Q

from .. import rules
from ..models import Complaint, ComplaintStatus
from .deadlines import overdue_q, step_deadlines


def statuses_at_step(roles: Collection[str]) -> list[str]:
    """The statuses whose next step (or follow-up) one of `roles` takes (CMP-5, CMP-7)."""
    return [
        status.value
        for status in ComplaintStatus
        if status != ComplaintStatus.CLOSED
        and set(roles) & rules.next_actor_roles(rules.ComplaintStatus(status))
    ]


OPEN_STATUSES = [status.value for status in ComplaintStatus if status != ComplaintStatus.CLOSED]


def step_counts(roles: Collection[str], *, now: datetime) -> dict[str, int]:
    """Open complaints per status the viewer's roles act on next, and all overdue ones."""
    counts = {status: Count("pk", filter=Q(status=status)) for status in statuses_at_step(roles)}
    counts["overdue"] = Count("pk", filter=overdue_q(now, step_deadlines()))
    # status IN (…open…), not NOT closed: the status index then skips the closed years.
    return Complaint.objects.filter(status__in=OPEN_STATUSES).aggregate(**counts)


def month_figures(
    *, start: datetime, end: datetime, prev_start: datetime, prev_end: datetime, now: datetime
) -> dict[str, int]:
    """Received in the period and the same days last month; open at the period's end and at the
    previous period's end (received before, not closed by then); overdue now."""

    def open_at(moment: datetime) -> Q:
        return Q(received_at__lt=moment) & (Q(closed_at__isnull=True) | Q(closed_at__gte=moment))

    # Only rows that can count anywhere below, so the indexes skip the closed years.
    relevant = (
        Q(received_at__gte=prev_start)
        | Q(status__in=OPEN_STATUSES)
        | Q(closed_at__isnull=True)
        | Q(closed_at__gte=prev_end)
    )
    return Complaint.objects.filter(relevant).aggregate(
        received=Count("pk", filter=Q(received_at__gte=start, received_at__lt=end)),
        prev_received=Count("pk", filter=Q(received_at__gte=prev_start, received_at__lt=prev_end)),
        open=Count("pk", filter=~Q(status=ComplaintStatus.CLOSED)),
        prev_open=Count("pk", filter=open_at(prev_end)),
        overdue=Count(
            "pk", filter=~Q(status=ComplaintStatus.CLOSED) & overdue_q(now, step_deadlines())
        ),
    )
