"""ATT-8: the monthly attendance summary per person and department, which pay reads (COM-5).

Each figure is aggregated in the database from the stored daily statuses (computed nightly) and
records, so a page costs the same two queries whether it shows 5 people or 50.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from staff.models import Staff
from staff.queries import count_subquery

from ..models import DailyStatus, DisciplineFlag, OffPostRecord, ViolationRecord
from ..rules.daily import DayStatusCode
from ..rules.leave import LeaveType
from ..rules.pay import MonthlyAttendance

ZERO = Decimal(0)
_DEC = DecimalField(max_digits=6, decimal_places=1)
LATE = Q(code__in=[DayStatusCode.LATE, DayStatusCode.LATE_AND_EARLY])
EARLY = Q(code__in=[DayStatusCode.EARLY_LEAVE, DayStatusCode.LATE_AND_EARLY])


def month_range(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


@dataclass(frozen=True)
class MonthRow:
    """One person's month (ATT-8); `attendance` is what the pay statement reads."""

    staff: Staff
    late_count: int = 0
    late_minutes: int = 0
    early_count: int = 0
    early_minutes: int = 0
    off_post_count: int = 0
    off_post_minutes: int = 0
    absent_days: Decimal = ZERO
    personal_days: Decimal = ZERO
    special_personal_days: Decimal = ZERO
    sick_days: Decimal = ZERO
    violations: int = 0
    missing_clock_outs: int = 0
    flagged: bool = False

    @property
    def attendance(self) -> MonthlyAttendance:
        """Special personal leave costs like personal leave (pay rules, COM-5)."""
        return MonthlyAttendance(
            absent_days=self.absent_days,
            personal_leave_days=self.personal_days + self.special_personal_days,
            sick_leave_days=self.sick_days,
            violations=self.violations,
        )


def _dsum(expression, condition: Q | None = None):
    return Coalesce(
        Sum(expression, filter=condition, output_field=_DEC), Value(ZERO), output_field=_DEC
    )


def _isum(expression, condition: Q | None = None):
    return Coalesce(Sum(expression, filter=condition), Value(0))


def _status_figures(ids: list[int], first: date, last: date) -> dict[int, dict]:
    absent = Q(code=DayStatusCode.ABSENT)
    rows = (
        DailyStatus.objects.filter(staff_id__in=ids, day__range=(first, last))
        .values("staff_id")
        .annotate(
            late_count=Count("pk", filter=LATE),
            late_minutes=_isum("late_minutes"),
            early_count=Count("pk", filter=EARLY),
            early_minutes=_isum("early_minutes"),
            absent_days=_dsum(Value(Decimal(1), output_field=_DEC) - F("leave_days"), absent),
            personal_days=_dsum("leave_days", Q(leave_type=LeaveType.PERSONAL)),
            special_personal_days=_dsum("leave_days", Q(leave_type=LeaveType.SPECIAL_PERSONAL)),
            sick_days=_dsum("leave_days", Q(leave_type=LeaveType.SICK)),
            missing_clock_outs=Count("pk", filter=Q(missing_clock_out=True)),
        )
    )
    return {row.pop("staff_id"): row for row in rows}


def _count(model, first: date, last: date) -> Coalesce:
    return count_subquery(model.objects.filter(staff=OuterRef("pk"), day__range=(first, last)))


def _record_figures(ids: list[int], first: date, last: date) -> dict[int, dict]:
    """Violations, off-post spells (and minutes) and the discipline flag, one row per person.

    Correlated subqueries on the (staff, day) indexes, so the three tables cost one query.
    """
    off_post = OffPostRecord.objects.filter(staff=OuterRef("pk"), day__range=(first, last))
    off_post_minutes = off_post.order_by().values("staff").annotate(m=Sum("minutes")).values("m")
    rows = (
        Staff.objects.filter(pk__in=ids)
        .order_by()
        .values("pk")
        .annotate(
            violations=_count(ViolationRecord, first, last),
            off_post_count=_count(OffPostRecord, first, last),
            off_post_minutes=Coalesce(Subquery(off_post_minutes), Value(0)),
            flagged=Exists(DisciplineFlag.objects.filter(staff=OuterRef("pk"), month=first)),
        )
    )
    return {row.pop("pk"): row for row in rows}


def _row(person: Staff, figures: dict[int, dict], records: dict[int, dict]) -> MonthRow:
    return MonthRow(
        staff=person,
        **figures.get(person.pk, {}),
        **records.get(person.pk, {}),
    )


def month_rows(people: Iterable[Staff], year: int, month: int) -> list[MonthRow]:
    """The month for each person given (a page of them): two queries whatever the count."""
    people = list(people)
    ids = [person.pk for person in people]
    first, last = month_range(year, month)
    figures = _status_figures(ids, first, last)
    records = _record_figures(ids, first, last)
    return [_row(person, figures, records) for person in people]


def monthly_summary(staff: Staff, year: int, month: int) -> MonthlyAttendance:
    """ATT-8, for the pay statement (COM-5): absent and leave days, violations of the month."""
    return month_rows([staff], year, month)[0].attendance


def department_totals(rows: list[MonthRow]) -> dict[str, int | Decimal]:
    """Column totals for the summary table's footer."""
    numeric = [
        "late_count",
        "late_minutes",
        "early_count",
        "early_minutes",
        "off_post_count",
        "off_post_minutes",
        "absent_days",
        "personal_days",
        "special_personal_days",
        "sick_days",
        "violations",
    ]
    return {name: sum((getattr(row, name) for row in rows), 0) for name in numeric}
