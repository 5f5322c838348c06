"""RPT-2 complaints: received, closed, time to close and late steps, by category and by the
responsible department."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.models import Complaint, Escalation
from staff.models import Department

from ..tables import aware_start
from .common import month_key


@dataclass
class ComplaintRow:
    label: str
    received: int = 0
    closed: int = 0
    overdue: int = 0
    close_hours_total: float = 0.0

    @property
    def avg_close_hours(self) -> float | None:
        return round(self.close_hours_total / self.closed, 1) if self.closed else None


@dataclass
class ComplaintFigures:
    total: ComplaintRow
    prev_received: int
    categories: list[ComplaintRow]
    departments: list[ComplaintRow]


def complaints(month: date, prev: date, last: date) -> ComplaintFigures:
    """Complaints received in the month by category and responsible department: how many were
    closed, how long closing took (received → closed), how many had a late step (escalated)."""
    local = timezone.get_current_timezone()
    to_close = ExpressionWrapper(F("closed_at") - F("received_at"), output_field=DurationField())
    groups = (
        Complaint.objects.filter(
            received_at__gte=aware_start(prev),
            received_at__lt=aware_start(last + timedelta(days=1)),
        )
        .annotate(
            m=TruncMonth("received_at", tzinfo=local),
            late=Exists(Escalation.objects.filter(complaint=OuterRef("pk"))),
        )
        .values("m", "category__name", "responsible_department")
        .annotate(
            n=Count("pk"),
            closed=Count("pk", filter=Q(closed_at__isnull=False)),
            overdue=Count("pk", filter=Q(late=True)),
            close_time=Sum(to_close, filter=Q(closed_at__isnull=False)),
        )
        .order_by()
    )
    departments = dict(Department.choices)
    total = ComplaintRow(_("All complaints"))
    prev_received = 0
    by_category: dict[str, ComplaintRow] = {}
    by_department: dict[str, ComplaintRow] = {}
    for group in groups:
        if month_key(group["m"]) != month:
            prev_received += group["n"]
            continue
        department = group["responsible_department"]
        dept_label = str(departments.get(department, _("Not decided yet")))
        for row in (
            total,
            by_category.setdefault(group["category__name"], ComplaintRow(group["category__name"])),
            by_department.setdefault(dept_label, ComplaintRow(dept_label)),
        ):
            row.received += group["n"]
            row.closed += group["closed"]
            row.overdue += group["overdue"]
            if group["close_time"] is not None:
                row.close_hours_total += group["close_time"].total_seconds() / 3600
    return ComplaintFigures(
        total=total,
        prev_received=prev_received,
        categories=sorted(by_category.values(), key=lambda r: (-r.received, r.label)),
        departments=sorted(by_department.values(), key=lambda r: (-r.received, r.label)),
    )
