"""Reads of showroom appointments (FD-3): the day view, the week view, today's open visits."""

from collections import defaultdict
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from ..models import Appointment, AppointmentStatus, SampleHouse
from ..rules.appointments import week_of
from .common import day_bounds


def _rows() -> QuerySet[Appointment]:
    return Appointment.objects.select_related("sample_house", "booked_by", "invited_by", "lead")


def appointments_on(day: date) -> QuerySet[Appointment]:
    start, end = day_bounds(day)
    return _rows().filter(starts_at__gte=start, starts_at__lt=end).order_by("starts_at", "id")


def booked_on(day: date) -> QuerySet[Appointment]:
    return appointments_on(day).filter(status=AppointmentStatus.BOOKED)


def week(day: date) -> list[tuple[date, list[Appointment]]]:
    """Monday to Sunday around `day`, each with its appointments (one query)."""
    days = week_of(day)
    start, _ = day_bounds(days[0])
    _, end = day_bounds(days[-1])
    by_day: dict[date, list[Appointment]] = defaultdict(list)
    rows = _rows().filter(starts_at__gte=start, starts_at__lt=end).order_by("starts_at", "id")
    for appointment in rows:
        by_day[timezone.localdate(appointment.starts_at)].append(appointment)
    return [(d, by_day.get(d, [])) for d in days]


def open_houses() -> QuerySet[SampleHouse]:
    return SampleHouse.objects.filter(is_active=True)
