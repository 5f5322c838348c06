"""Reads of the shift handover (FD-6): the notes, and what the next shift must follow up."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from attendance.models import BusinessOuting
from complaints.models import Complaint
from leads.models import Callback
from leads.models.lifecycle import OPEN_CALLBACK
from staff.models import Staff

from ..models import Appointment, HandoverNote
from .appointments import booked_on
from .common import day_bounds

FOLLOW_UP_LIMIT = 50  # each list on the page; the counts say when there are more


def notes() -> QuerySet[HandoverNote]:
    return HandoverNote.objects.select_related("written_by", "acknowledged_by")


def to_take_over(user: Staff) -> HandoverNote | None:
    """The latest note not yet taken over, unless the user wrote it."""
    note = notes().order_by("-written_at", "-id").first()
    if note is None or note.is_acknowledged or note.written_by_id == user.pk:
        return None
    return note


@dataclass(frozen=True)
class FollowUps:
    """What the next shift must follow up (FD-6), each list capped, with its full count."""

    callbacks: list[Callback]
    callbacks_count: int
    today: list[Appointment]
    tomorrow: list[Appointment]
    complaints: list[Complaint]
    still_out: list[BusinessOuting]


def _open_callbacks(until: datetime) -> QuerySet[Callback]:
    """Open callbacks due before `until` (overdue first)."""
    return (
        Callback.objects.filter(OPEN_CALLBACK, due_at__lt=until)
        .select_related("lead", "assignee")
        .order_by("due_at", "id")
    )


def follow_ups(now: datetime) -> FollowUps:
    today = timezone.localdate(now)
    tomorrow = today + timedelta(days=1)
    start, end = day_bounds(today)
    callbacks = _open_callbacks(day_bounds(tomorrow)[1])
    return FollowUps(
        callbacks=list(callbacks[:FOLLOW_UP_LIMIT]),
        callbacks_count=callbacks.count(),
        today=list(booked_on(today)[:FOLLOW_UP_LIMIT]),
        tomorrow=list(booked_on(tomorrow)[:FOLLOW_UP_LIMIT]),
        complaints=list(
            Complaint.objects.filter(created_at__gte=start, created_at__lt=end)
            .select_related("category")
            .order_by("created_at")[:FOLLOW_UP_LIMIT]
        ),
        still_out=list(
            BusinessOuting.objects.filter(out_at__isnull=False, back_at__isnull=True)
            .select_related("staff")
            .order_by("out_at")[:FOLLOW_UP_LIMIT]
        ),
    )
