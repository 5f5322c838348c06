"""Reads of the reception and phone logs (FD-1, FD-2)."""

from datetime import date

from django.db.models import Q, QuerySet

from ..models import PhoneConsultation, ReceptionEntry
from .common import day_bounds


def reception_log(*, day: date | None = None, purpose: str = "", q: str = "") -> QuerySet:
    rows = ReceptionEntry.objects.select_related("receiver", "recorded_by", "lead")
    if day:
        start, end = day_bounds(day)
        rows = rows.filter(arrived_at__gte=start, arrived_at__lt=end)
    if purpose:
        rows = rows.filter(purpose=purpose)
    if q:
        rows = rows.filter(
            Q(visitor_name__icontains=q) | Q(phone__contains=q) | Q(notes__icontains=q)
        )
    return rows.order_by("-arrived_at", "-id")


def phone_log(*, day: date | None = None, topic: str = "", q: str = "") -> QuerySet:
    rows = PhoneConsultation.objects.select_related("answered_by", "message_for", "lead")
    if day:
        start, end = day_bounds(day)
        rows = rows.filter(called_at__gte=start, called_at__lt=end)
    if topic:
        rows = rows.filter(topic=topic)
    if q:
        rows = rows.filter(
            Q(caller_name__icontains=q) | Q(phone__contains=q) | Q(summary__icontains=q)
        )
    return rows.order_by("-called_at", "-id")
