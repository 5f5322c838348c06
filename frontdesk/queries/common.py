"""Helpers shared by the front desk's reads (and its services)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """Local midnight of `day` and of the next day (aware), for filtering times by local day."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def month_bounds(month: date) -> tuple[date, date]:
    """First day of `month` and of the next month."""
    start = month.replace(day=1)
    return start, date(start.year + (start.month == 12), start.month % 12 + 1, 1)
