"""RPT-2 attendance (ATT-8): the company's month of lateness, absence, leave and violations."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, Sum

from attendance.models import DailyStatus, ViolationRecord
from attendance.rules.daily import DayStatusCode

from .common import ZERO


def attendance(first: date, last: date) -> dict:
    """The company's month (ATT-8): late and early days, absent days, leave days, violations."""
    late = [DayStatusCode.LATE, DayStatusCode.LATE_AND_EARLY]
    early = [DayStatusCode.EARLY_LEAVE, DayStatusCode.LATE_AND_EARLY]
    figures = DailyStatus.objects.filter(day__range=(first, last)).aggregate(
        people=Count("staff", distinct=True),
        late=Count("pk", filter=Q(code__in=late)),
        early=Count("pk", filter=Q(code__in=early)),
        absent=Count("pk", filter=Q(code=DayStatusCode.ABSENT)),
        leave_days=Sum("leave_days"),
    )
    figures["leave_days"] = figures["leave_days"] or ZERO
    figures["violations"] = ViolationRecord.objects.filter(day__range=(first, last)).count()
    return figures
