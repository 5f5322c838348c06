"""RPT-2 closures (CLOSE-4): confirmed closures by kind and reason, this month and last."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from leads.models import Closure, ClosureKind, ClosureReason

from ..tables import aware_start
from .common import month_key


@dataclass
class ReasonRow:
    key: str
    label: str
    count: int
    prev_count: int


def closure_reasons(month: date, prev: date, last: date) -> list[ReasonRow]:
    """Confirmed closures by kind and reason, this month and last (by confirmation time)."""
    local = timezone.get_current_timezone()
    groups = (
        Closure.objects.filter(
            status="CONFIRMED",
            decided_at__gte=aware_start(prev),
            decided_at__lt=aware_start(last + timedelta(days=1)),
        )
        .annotate(m=TruncMonth("decided_at", tzinfo=local))
        .values("m", "kind", "reason")
        .annotate(n=Count("pk"))
        .order_by()
    )
    kinds, reasons = dict(ClosureKind.choices), dict(ClosureReason.choices)
    rows: dict[str, ReasonRow] = {}
    for group in groups:
        key = f"{group['kind']}:{group['reason']}"
        label = f"{kinds[group['kind']]} · {reasons[group['reason']]}"
        row = rows.setdefault(key, ReasonRow(key, label, 0, 0))
        if month_key(group["m"]) == month:
            row.count += group["n"]
        else:
            row.prev_count += group["n"]
    return sorted(rows.values(), key=lambda r: (-r.count, -r.prev_count, r.key))
