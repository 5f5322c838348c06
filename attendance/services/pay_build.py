"""Building statements (COM-5): the lines one person's month generates, corrections carried from
locked months, and writing them so that regenerating an unchanged month changes nothing.

Called only from `attendance.services.pay`, inside its transaction and under its month lock.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from staff.models import Staff

from ..models import LineOrigin, PayLine, PayMonth, PayPolicy, PayStatement, YearEndBonus
from ..queries import month_rows
from ..queries.pay import pay_config
from ..queries.pay_inputs import commission_lines, fault_lines
from ..queries.summary import MonthRow
from ..rules import payroll
from ..rules.pay import MonthlyAttendance, money, pay_statement
from ..rules.payroll import LineKind, MonthState

ZERO = Decimal(0)
# Fields a generated line is compared on when a month is regenerated.
COMPARED = ("amount", "quantity", "rate", "occurred_on", "reference", "note", "detail")


@dataclass(frozen=True)
class LineSpec:
    """A generated line before it is written."""

    kind: str
    amount: Decimal
    origin: str = LineOrigin.GENERATED
    quantity: Decimal | None = None
    rate: Decimal | None = None
    occurred_on: date | None = None
    reference: str = ""
    note: str = ""
    detail: dict = field(default_factory=dict)
    commission_entry_id: int | None = None
    lead_id: int | None = None
    fault_id: int | None = None
    year_end_bonus_id: int | None = None
    corrects_id: int | None = None

    @property
    def key(self) -> tuple:
        """What makes a line the same line from one preparation to the next."""
        return (
            self.kind,
            self.origin,
            self.commission_entry_id,
            self.fault_id,
            self.year_end_bonus_id,
            self.corrects_id,
        )


def line_key(line: PayLine) -> tuple:
    return (
        line.kind,
        line.origin,
        line.commission_entry_id,
        line.fault_id,
        line.year_end_bonus_id,
        line.corrects_id,
    )


@dataclass(frozen=True)
class Facts:
    """What a statement is built from: the base, the month's rates and attendance (ATT-8)."""

    base_salary: Decimal
    daily_rate: Decimal
    violation_rate: Decimal
    attendance: MonthlyAttendance


# ------------------------------------------------------------------------------------------------
# One person's generated lines
# ------------------------------------------------------------------------------------------------


def _commission_specs(person: Staff, month: date) -> list[LineSpec]:
    return [
        LineSpec(
            kind=LineKind.ADJUSTMENT if line.is_adjustment else LineKind.COMMISSION,
            amount=money(line.amount),
            occurred_on=line.signed_on,
            reference=line.contract_number,
            note=line.note,
            commission_entry_id=line.entry_id,
            lead_id=line.lead_id,
        )
        for line in commission_lines(person, month.year, month.month)
    ]


def _fault_specs(person: Staff, month: date) -> list[LineSpec]:
    return [
        LineSpec(
            kind=LineKind.FAULT,
            amount=-money(fault.amount),
            occurred_on=fault.occurred_on,
            reference=fault.name[:100],
            note=fault.note,
            fault_id=fault.fault_id,
        )
        for fault in fault_lines(person, month.year, month.month)
    ]


def _bonus_specs(bonuses: Iterable[YearEndBonus]) -> list[LineSpec]:
    return [
        LineSpec(
            kind=LineKind.BONUS,
            amount=money(bonus.amount),
            reference=str(bonus.year),
            note=bonus.note,
            year_end_bonus_id=bonus.pk,
        )
        for bonus in bonuses
    ]


def _attendance_specs(facts: Facts, policy: PayPolicy) -> list[LineSpec]:
    """ATT-8 → COM-5: absent and personal-leave days cost a daily rate, violations a fixed sum,
    sick leave nothing (shown so the person sees it was counted)."""
    summary = facts.attendance
    lines = pay_statement(facts.base_salary, (), (), (), summary, config=pay_config(policy))
    rows = [
        (LineKind.ABSENCE, summary.absent_days, facts.daily_rate, lines.absence_deduction),
        (
            LineKind.PERSONAL_LEAVE,
            summary.personal_leave_days,
            facts.daily_rate,
            lines.personal_leave_deduction,
        ),
        (LineKind.SICK_LEAVE, summary.sick_leave_days, ZERO, ZERO),
        (
            LineKind.VIOLATION,
            Decimal(summary.violations),
            facts.violation_rate,
            lines.violation_deduction,
        ),
    ]
    return [
        LineSpec(kind=kind, amount=-cost, quantity=quantity, rate=money(rate))
        for kind, quantity, rate, cost in rows
        if quantity
    ]


def facts_for(person: Staff, row: MonthRow, policy: PayPolicy) -> Facts:
    config = pay_config(policy)
    lines = pay_statement(person.base_salary, (), (), (), row.attendance, config=config)
    return Facts(
        base_salary=money(person.base_salary),
        daily_rate=lines.daily_rate,
        violation_rate=money(policy.violation_deduction),
        attendance=row.attendance,
    )


def person_specs(
    person: Staff,
    month: date,
    facts: Facts,
    policy: PayPolicy,
    bonuses: Iterable[YearEndBonus],
    corrections: Iterable[LineSpec],
) -> list[LineSpec]:
    """Every generated line of one person's month, in the order the statement prints them."""
    return [
        LineSpec(kind=LineKind.BASE, amount=facts.base_salary),
        *_commission_specs(person, month),
        *_bonus_specs(bonuses),
        *_fault_specs(person, month),
        *_attendance_specs(facts, policy),
        *corrections,
    ]


# ------------------------------------------------------------------------------------------------
# Corrections carried from locked months
# ------------------------------------------------------------------------------------------------


def _months_back(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def _carried(locked: list[PayStatement], month: date) -> dict[int, Decimal]:
    """Corrections of each locked statement already on other months' statements."""
    rows = (
        PayLine.objects.filter(corrects__in=locked, origin=LineOrigin.CORRECTION)
        .exclude(statement__pay_month__month=month)
        .values("corrects_id")
        .annotate(total=Sum("amount"))
    )
    return {row["corrects_id"]: row["total"] for row in rows}


def _deductions_now(statement: PayStatement, row: MonthRow) -> tuple[Decimal, Decimal]:
    """The locked month's fault and attendance deductions as they stand today, at its rates."""
    month = statement.pay_month.month
    faults = money(sum((f.amount for f in fault_lines(row.staff, month.year, month.month)), ZERO))
    attendance = payroll.attendance_cost(
        statement.daily_rate, statement.violation_rate, row.attendance
    )
    return faults, attendance


def _correction_spec(statement: PayStatement, row: MonthRow, carried: Decimal) -> LineSpec | None:
    faults, attendance = _deductions_now(statement, row)
    amount = payroll.correction(statement.deductions, faults + attendance, carried)
    if not amount:
        return None
    return LineSpec(
        kind=LineKind.ADJUSTMENT,
        origin=LineOrigin.CORRECTION,
        amount=amount,
        reference=f"{statement.pay_month.month:%Y-%m}",
        corrects_id=statement.pk,
        detail={
            "faults_paid": str(statement.fault_deductions),
            "faults_now": str(faults),
            "attendance_paid": str(statement.attendance_deduction),
            "attendance_now": str(attendance),
            "carried": str(money(carried)),
        },
    )


def corrections(people: list[Staff], month: date, policy: PayPolicy) -> dict[int, list[LineSpec]]:
    """For each person, what locked months (within the policy's reach) still owe or overpaid."""
    since = _months_back(month, policy.correction_months)
    locked = list(
        PayStatement.objects.filter(
            staff__in=people,
            pay_month__status=MonthState.APPROVED,
            pay_month__month__lt=month,
            pay_month__month__gte=since,
        )
        .select_related("pay_month", "staff")
        .order_by("pay_month__month", "staff_id")
    )
    carried = _carried(locked, month)
    found: dict[int, list[LineSpec]] = defaultdict(list)
    for locked_month, statements in _by_month(locked).items():
        rows = month_rows([s.staff for s in statements], locked_month.year, locked_month.month)
        for statement, row in zip(statements, rows, strict=True):
            spec = _correction_spec(statement, row, carried.get(statement.pk, ZERO))
            if spec is not None:
                found[statement.staff_id].append(spec)
    return found


def _by_month(statements: list[PayStatement]) -> dict[date, list[PayStatement]]:
    grouped: dict[date, list[PayStatement]] = defaultdict(list)
    for statement in statements:
        grouped[statement.pay_month.month].append(statement)
    return grouped


# ------------------------------------------------------------------------------------------------
# Writing a statement
# ------------------------------------------------------------------------------------------------


def _line_values(spec: LineSpec) -> dict:
    return {
        "kind": spec.kind,
        "origin": spec.origin,
        "amount": spec.amount,
        "quantity": spec.quantity,
        "rate": spec.rate,
        "occurred_on": spec.occurred_on,
        "reference": spec.reference,
        "note": spec.note[:300],
        "detail": spec.detail,
        "commission_entry_id": spec.commission_entry_id,
        "lead_id": spec.lead_id,
        "fault_id": spec.fault_id,
        "year_end_bonus_id": spec.year_end_bonus_id,
        "corrects_id": spec.corrects_id,
    }


def _differs(line: PayLine, values: dict) -> bool:
    return any(getattr(line, name) != values[name] for name in COMPARED)


def sync_lines(statement: PayStatement, specs: list[LineSpec], by: Staff) -> bool:
    """Make the generated lines match `specs`: update what changed, add what is new, remove what
    went; HR's own lines stay. Returns whether anything changed."""
    kept = statement.lines.exclude(origin=LineOrigin.MANUAL)
    existing = {line_key(line): line for line in kept}
    changed = False
    for spec in specs:
        values = _line_values(spec)
        line = existing.pop(spec.key, None)
        if line is None:
            line = PayLine(statement=statement, created_by=by, **values)
        elif not _differs(line, values):
            continue
        for name, value in values.items():
            setattr(line, name, value)
        line._history_user = by
        line.save()
        changed = True
    for line in existing.values():
        line._history_user = by
        line.delete()
        changed = True
    return changed


def refresh_totals(statement: PayStatement, by: Staff) -> bool:
    """Recompute the statement's columns from its lines; save only when they changed."""
    sums = payroll.totals(statement.lines.values_list("kind", "amount"))
    changed = False
    for name in ("base", "commissions", "bonuses", "adjustments", "total"):
        changed |= _set(statement, name, getattr(sums, name))
    changed |= _set(statement, "fault_deductions", sums.fault_deductions)
    changed |= _set(statement, "attendance_deduction", sums.attendance_deduction)
    if changed:
        statement._history_user = by
        statement.save()
    return changed


def _set(row, name: str, value) -> bool:
    if getattr(row, name) == value:
        return False
    setattr(row, name, value)
    return True


def apply_facts(statement: PayStatement, facts: Facts) -> bool:
    summary = facts.attendance
    changed = False
    for name, value in (
        ("base_salary", facts.base_salary),
        ("daily_rate", facts.daily_rate),
        ("violation_rate", facts.violation_rate),
        ("absent_days", summary.absent_days),
        ("personal_leave_days", summary.personal_leave_days),
        ("sick_leave_days", summary.sick_leave_days),
        ("violations", summary.violations),
    ):
        changed |= _set(statement, name, value)
    return changed


@dataclass
class BuildResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def build_statement(
    pay_month: PayMonth, person: Staff, facts: Facts, specs: list[LineSpec], by: Staff
) -> str:
    """Create or update one person's statement; returns "created", "updated" or "unchanged"."""
    statement = PayStatement.objects.filter(pay_month=pay_month, staff=person).first()
    created = statement is None
    if created:
        statement = PayStatement(pay_month=pay_month, staff=person)
    changed = apply_facts(statement, facts)
    if created or changed:
        statement._history_user = by
        statement.save()
    changed |= sync_lines(statement, specs, by)
    changed |= refresh_totals(statement, by)
    if created:
        return "created"
    return "updated" if changed else "unchanged"
