"""Counts for the front desk's 工作台: today's showroom appointments and arrivals."""

from datetime import date

from django.db.models import Count, Q

from ..models import Appointment, AppointmentStatus, ReceptionEntry
from .common import day_bounds


def appointments_today(day: date) -> dict[str, int]:
    """Appointments on `day` (not cancelled): all, still expected, and those who came."""
    start, end = day_bounds(day)
    return (
        Appointment.objects.filter(starts_at__gte=start, starts_at__lt=end)
        .exclude(status=AppointmentStatus.CANCELLED)
        .aggregate(
            total=Count("pk"),
            expected=Count("pk", filter=Q(status=AppointmentStatus.BOOKED)),
            came=Count("pk", filter=Q(status=AppointmentStatus.CAME)),
        )
    )


def arrivals_today(day: date) -> int:
    """Visitors entered in the reception log (来访登记) on `day`."""
    start, end = day_bounds(day)
    return ReceptionEntry.objects.filter(arrived_at__gte=start, arrived_at__lt=end).count()
