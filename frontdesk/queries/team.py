"""Reads of team mood and good cases (FD-9)."""

from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from staff.models import Staff

from ..models import GoodCase, MoodCheckIn
from .common import day_bounds, month_bounds


def good_cases(month: date) -> QuerySet[GoodCase]:
    """The month's good cases for the monthly meeting, in the order they were marked."""
    first, after = month_bounds(month)
    start, end = day_bounds(first)[0], day_bounds(after)[0]
    return (
        GoodCase.objects.filter(marked_at__gte=start, marked_at__lt=end)
        .select_related(
            "staff", "marked_by", "call_record", "complaint", "callback", "callback__lead"
        )
        .order_by("marked_at", "id")
    )


def mood_today(user: Staff) -> MoodCheckIn | None:
    return MoodCheckIn.objects.filter(agent=user, day=timezone.localdate()).first()


def mood_history(agent: Staff, since: date) -> QuerySet[MoodCheckIn]:
    return MoodCheckIn.objects.filter(agent=agent, day__gte=since).order_by("-day")
