"""What the sections of the monthly report share: month arithmetic, rates and changes."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

ZERO = Decimal(0)


def month_of(day: date) -> date:
    return day.replace(day=1)


def previous_month(month: date) -> date:
    return month_of(month - timedelta(days=1))


def pct(part: int | Decimal, whole: int | Decimal) -> float | None:
    return round(100 * float(part) / float(whole), 1) if whole else None


def delta(now: float | int | None, before: float | int | None) -> float | None:
    if now is None or before is None:
        return None
    return round(float(now) - float(before), 1)


def month_key(value) -> date:
    """The month of a TruncMonth group (a datetime on some databases, a date on others)."""
    return value.date() if hasattr(value, "date") and callable(value.date) else value
