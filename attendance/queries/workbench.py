"""Counts for the 工作台 (role home): approvals waiting for me, yesterday's clock anomalies, and
where the pay months stand."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, Subquery, Value
from django.db.models.functions import Coalesce

from staff.models import Staff

from ..models import DailyStatus, PayMonth, PayMonthStatus
from ..rules.daily import DayStatusCode
from .pages import awaiting_leave, awaiting_outings, visible_people


def approvals_waiting(user: Staff, today: date) -> dict[str, int]:
    """Leave requests and outings at my level now (or a delegating manager's): the pages'
    own querysets, counted together in one query."""
    row = (
        Staff.objects.filter(pk=user.pk)
        .annotate(
            wb_leave=_count_of(awaiting_leave(user, today)),
            wb_outings=_count_of(awaiting_outings(user, today)),
        )
        .values_list("wb_leave", "wb_outings")
    )
    leave, outings = row.first() or (0, 0)
    return {"leave": leave, "outings": outings}


def _count_of(rows) -> Coalesce:
    """COUNT(*) of a queryset as a scalar subquery."""
    counted = rows.order_by().annotate(one=Value(1)).values("one").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")[:1]), 0)


ANOMALY_CODES = {
    "late": (DayStatusCode.LATE, DayStatusCode.LATE_AND_EARLY),
    "early": (DayStatusCode.EARLY_LEAVE, DayStatusCode.LATE_AND_EARLY),
    "absent": (DayStatusCode.ABSENT,),
}


def clock_anomalies(user: Staff, day: date) -> dict[str, int]:
    """On `day`, among the people `user` sees: late, early leave, absent, no clock-out."""
    counts = {
        name: Count("pk", filter=Q(code__in=[c.value for c in codes]))
        for name, codes in ANOMALY_CODES.items()
    }
    counts["no_clock_out"] = Count("pk", filter=Q(missing_clock_out=True))
    return DailyStatus.objects.filter(day=day, staff__in=visible_people(user)).aggregate(**counts)


def pay_months_state(last_month: date) -> dict:
    """The status of last month's pay (None: not prepared yet) and how many months await the
    GM's approval; one query."""
    rows = PayMonth.objects.filter(
        Q(month=last_month) | Q(status=PayMonthStatus.SUBMITTED)
    ).values_list("month", "status")
    statuses = dict(rows)
    return {
        "last_month": statuses.get(last_month),
        "submitted": sum(1 for s in statuses.values() if s == PayMonthStatus.SUBMITTED),
    }
