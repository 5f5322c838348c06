"""Facts for dispatch's quality gate (QG-1), offered through `complaints.quality_gate`:
complaints never import dispatch, and dispatch names no app on its floor.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from staff.models import Department

from ..models import (
    Complaint,
)
from .register import _start_of


def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def responsible_designer_complaints(start: date, end: date) -> dict[int, list[tuple[date, str]]]:
    """Complaints decided between `start` and `end` (inclusive, Beijing days) whose decision
    names the design department responsible (CMP-5), on a lead with a designer: designer id ->
    [(decided on, number)]. The decision names a department; the designer is the lead's."""
    rows = (
        Complaint.objects.filter(
            decided_at__gte=_start_of(start),
            decided_at__lt=_start_of(end + timedelta(days=1)),
            responsible_department=Department.DESIGN,
            lead__designer__isnull=False,
        )
        .order_by("decided_at")
        .values_list("lead__designer_id", "decided_at", "number")
    )
    found: dict[int, list[tuple[date, str]]] = {}
    for designer_id, decided_at, number in rows:
        found.setdefault(designer_id, []).append((_local_day(decided_at), number))
    return found


def follow_up_scores(start: date, end: date) -> dict[int, list[tuple[date, int]]]:
    """Satisfaction (1–5) recorded at follow-up visits (CMP-6) between `start` and `end` on
    leads with a designer: designer id -> [(visited on, score)]."""
    rows = (
        Complaint.objects.filter(
            follow_up_at__gte=_start_of(start),
            follow_up_at__lt=_start_of(end + timedelta(days=1)),
            satisfaction__isnull=False,
            lead__designer__isnull=False,
        )
        .order_by("follow_up_at")
        .values_list("lead__designer_id", "follow_up_at", "satisfaction")
    )
    found: dict[int, list[tuple[date, int]]] = {}
    for designer_id, visited_at, score in rows:
        found.setdefault(designer_id, []).append((_local_day(visited_at), score))
    return found
