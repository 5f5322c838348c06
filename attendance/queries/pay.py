"""Read helpers for pay statements (COM-5) and the year-end bonus (COM-3): fixed query counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import chain

from django.db.models import Count, DecimalField, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from staff.models import Role, Staff

from ..models import PayLine, PayMonth, PayPolicy, PayStatement, YearEndBonus
from ..rules import payroll
from ..rules.pay import PayConfig
from .pay_inputs import FaultYear, year_faults
from .summary import month_range

TOTAL_FIELDS = (
    "base",
    "commissions",
    "bonuses",
    "adjustments",
    "fault_deductions",
    "attendance_deduction",
    "total",
)


# ------------------------------------------------------------------------------------------------
# Policy and payroll
# ------------------------------------------------------------------------------------------------


def policy_for(month: date) -> PayPolicy:
    """The pay policy row in force for the month (DOMAIN defaults when there is none)."""
    row = PayPolicy.objects.filter(valid_from__lte=month.replace(day=1)).first()
    return row or PayPolicy(valid_from=date(2000, 1, 1))


def pay_config(policy: PayPolicy) -> PayConfig:
    return PayConfig(
        paid_days_per_month=policy.paid_days_per_month,
        violation_deduction=policy.violation_deduction,
    )


def payroll_people(month: date) -> QuerySet[Staff]:
    """Who is paid for the month: staff employed by its end who are still here or who worked
    part of it (someone leaving is paid for their last month). Not the technical superuser."""
    first, last = month_range(month.year, month.month)
    worked = Q(daily_statuses__day__range=(first, last))
    people = Staff.objects.filter(is_superuser=False, date_joined__date__lte=last)
    ids = people.filter(Q(is_active=True) | worked).values("pk")
    return Staff.objects.filter(pk__in=ids).order_by("department", "employee_no")


# ------------------------------------------------------------------------------------------------
# Who sees what
# ------------------------------------------------------------------------------------------------


def sees_all_pay(user: Staff) -> bool:
    """HR and the GM (a permission, see roles.py)."""
    return user.has_perm("attendance.view_all_pay")


def may_view_statement(user: Staff, statement: PayStatement) -> bool:
    """HR and the GM see every statement; a person sees their own once it is approved."""
    if sees_all_pay(user):
        return True
    return statement.staff_id == user.pk and statement.pay_month.is_locked


# ------------------------------------------------------------------------------------------------
# Pages
# ------------------------------------------------------------------------------------------------


def _sum(name: str):
    return Coalesce(
        Sum(name), Decimal(0), output_field=DecimalField(max_digits=14, decimal_places=2)
    )


def _fen(value):
    """SQLite sums decimals as floats and hands them back with 15 digits (402.870000000000):
    a money total is rounded to the fen before it leaves the query."""
    return value.quantize(Decimal("0.01")) if isinstance(value, Decimal) else value


def pay_months() -> QuerySet[PayMonth]:
    """Every prepared month with its head count and total, newest first."""
    return (
        PayMonth.objects.select_related("prepared_by", "submitted_by", "approved_by")
        .annotate(people=Count("statements"), total=_sum("statements__total"))
        .order_by("-month")
    )


def pay_month(month: date) -> PayMonth | None:
    return (
        PayMonth.objects.select_related("prepared_by", "submitted_by", "approved_by")
        .filter(month=month.replace(day=1))
        .first()
    )


def month_statements(
    pay_month: PayMonth, *, department: str = "", search: str = ""
) -> QuerySet[PayStatement]:
    rows = PayStatement.objects.filter(pay_month=pay_month).select_related("staff")
    if department:
        rows = rows.filter(staff__department=department)
    if search:
        rows = rows.filter(
            Q(staff__name__icontains=search) | Q(staff__employee_no__icontains=search)
        )
    return rows.order_by("staff__department", "staff__employee_no")


def month_totals(statements: QuerySet[PayStatement]) -> dict[str, Decimal | int]:
    """Column totals of the month (or of the filtered people), in one query."""
    figures = {name: _sum(name) for name in TOTAL_FIELDS}
    totals = statements.order_by().aggregate(people=Count("pk"), **figures)
    return {name: _fen(value) for name, value in totals.items()}


def _lines() -> QuerySet[PayLine]:
    return PayLine.objects.select_related(
        "corrects__pay_month", "year_end_bonus", "created_by"
    ).order_by("id")


def statement_detail(pk: int) -> PayStatement:
    return (
        PayStatement.objects.select_related(
            "staff", "pay_month__approved_by", "pay_month__prepared_by"
        )
        .prefetch_related(Prefetch("lines", queryset=_lines()))
        .get(pk=pk)
    )


def statements_for_print(statements: QuerySet[PayStatement]) -> QuerySet[PayStatement]:
    """The month's statements with their lines: two queries however many people."""
    return statements.select_related("pay_month").prefetch_related(
        Prefetch("lines", queryset=_lines())
    )


def my_statements(user: Staff) -> QuerySet[PayStatement]:
    """My approved statements, newest first (drafts may still change, so I see them later)."""
    return (
        PayStatement.objects.filter(staff=user, pay_month__status=payroll.MonthState.APPROVED)
        .select_related("pay_month")
        .order_by("-pay_month__month")
    )


def statement_history(statement: PayStatement, limit: int = 40) -> list:
    """SEC-3 on the page: changes to the statement and to its lines, newest first."""
    own = statement.history.select_related("history_user").order_by("-history_date")[:limit]
    lines = (
        PayLine.history.filter(statement_id=statement.pk)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    entries = sorted(chain(own, lines), key=lambda entry: entry.history_date, reverse=True)
    return entries[:limit]


def month_history(pay_month: PayMonth, limit: int = 20):
    return pay_month.history.select_related("history_user").order_by("-history_date")[:limit]


# ------------------------------------------------------------------------------------------------
# COM-3: the year-end bonus page
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BonusRow:
    """A customer manager's year: faults, the eligibility flag with its reason, the bonus set."""

    staff: Staff
    faults: FaultYear
    eligibility: payroll.Decision
    bonus: YearEndBonus | None


def customer_managers() -> QuerySet[Staff]:
    return (
        Staff.objects.filter(groups__name=Role.CUSTOMER_MANAGER, is_superuser=False)
        .filter(is_active=True)
        .distinct()
        .order_by("employee_no")
    )


def bonus_rows(year: int, people: list[Staff] | None = None) -> list[BonusRow]:
    """COM-3 flags: one row per customer manager (three queries whatever the count)."""
    people = list(customer_managers() if people is None else people)
    limit = policy_for(date(year, 12, 1)).bonus_fault_limit
    faults = year_faults(people, year)
    bonuses = YearEndBonus.objects.filter(year=year, staff__in=people).select_related("set_by")
    by_person = {bonus.staff_id: bonus for bonus in bonuses}
    return [
        BonusRow(
            staff=person,
            faults=faults[person.pk],
            eligibility=payroll.bonus_eligibility(
                faults=faults[person.pk].count,
                major_faults=faults[person.pk].major,
                fault_limit=limit,
            ),
            bonus=by_person.get(person.pk),
        )
        for person in people
    ]


# ------------------------------------------------------------------------------------------------
# For other apps (the GM's monthly report, RPT-2)
# ------------------------------------------------------------------------------------------------


def pay_totals(month: date) -> dict:
    """A month's pay in figures: its status ("" when not prepared), head count and the column
    totals (deductions as positive amounts). Two queries."""
    row = PayMonth.objects.filter(month=month.replace(day=1)).first()
    statements = PayStatement.objects.filter(pay_month=row) if row else PayStatement.objects.none()
    return {"status": row.status if row else "", **month_totals(statements)}
