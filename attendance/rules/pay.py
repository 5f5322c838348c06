"""COM-5 monthly pay statement and ATT-8 the attendance summary that feeds it.

Rounding: money is kept to the fen (0.01 CNY) with ROUND_HALF_UP. The daily rate is rounded
first (it is the figure printed on the statement), each deduction line is rate x days rounded
again (half days can produce half a fen), and the total is the exact sum of the printed lines,
so the statement always adds up. Whole-yuan inputs stay whole in value (4350 -> 4350.00).
The total is not clamped at zero: a negative total is shown as it is, for HR to review.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from attendance.rules.daily import DayStatus, DayStatusCode
from attendance.rules.leave import PERSONAL_KINDS, LeaveType

CENT = Decimal("0.01")
ZERO = Decimal(0)


@dataclass(frozen=True)
class PayConfig:
    """DOMAIN defaults for COM-5: 21.75 statutory paid days a month, 50 per violation."""

    paid_days_per_month: Decimal = Decimal("21.75")
    violation_deduction: Decimal = Decimal(50)


@dataclass(frozen=True)
class MonthlyAttendance:
    """ATT-8: the month's attendance facts that cost money. Days may be half days (0.5)."""

    absent_days: Decimal = ZERO
    personal_leave_days: Decimal = ZERO
    sick_leave_days: Decimal = ZERO
    violations: int = 0


@dataclass(frozen=True)
class PayLines:
    """Every line of a pay statement; deductions are positive amounts subtracted in `total`."""

    base: Decimal
    commissions: Decimal
    bonuses: Decimal
    adjustments: Decimal
    fault_deductions: Decimal
    daily_rate: Decimal
    absence_deduction: Decimal
    personal_leave_deduction: Decimal
    violation_deduction: Decimal
    total: Decimal

    @property
    def attendance_deduction(self) -> Decimal:
        return self.absence_deduction + self.personal_leave_deduction + self.violation_deduction


def money(amount: Decimal) -> Decimal:
    """Round to the fen, half up."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def daily_rate(base: Decimal, config: PayConfig = PayConfig()) -> Decimal:
    """COM-5: monthly base ÷ paid days per month, to the fen (4350 -> 200.00)."""
    return money(Decimal(base) / config.paid_days_per_month)


@dataclass(frozen=True)
class _AttendanceLines:
    absence: Decimal
    personal_leave: Decimal
    violations: Decimal


def _attendance_lines(
    base: Decimal, summary: MonthlyAttendance, config: PayConfig
) -> _AttendanceLines:
    """Absent and personal-leave days cost one daily rate each; sick leave costs nothing."""
    rate = daily_rate(base, config)
    return _AttendanceLines(
        absence=money(rate * summary.absent_days),
        personal_leave=money(rate * summary.personal_leave_days),
        violations=money(config.violation_deduction * summary.violations),
    )


def attendance_deduction(
    base: Decimal, summary: MonthlyAttendance, config: PayConfig = PayConfig()
) -> Decimal:
    """COM-5: the month's total attendance deduction (absence + personal leave + violations)."""
    lines = _attendance_lines(base, summary, config)
    return lines.absence + lines.personal_leave + lines.violations


def _total(amounts: Iterable[Decimal]) -> Decimal:
    return money(sum((Decimal(amount) for amount in amounts), ZERO))


def pay_statement(
    base: Decimal,
    commissions: Iterable[Decimal],
    bonuses: Iterable[Decimal],
    fault_deductions: Iterable[Decimal],
    attendance: MonthlyAttendance,
    adjustments: Iterable[Decimal] = (),
    config: PayConfig = PayConfig(),
) -> PayLines:
    """COM-5: base + commissions + bonuses + adjustments - faults - attendance deductions.

    Amounts are the month's entries (ledger lines, fault slips, adjustments); adjustments may be
    negative (a commission voided after payment, COM-4). Fault deductions are positive amounts.
    """
    faults = _total(fault_deductions)
    if faults < 0:
        raise ValueError("Fault deductions are positive amounts.")
    lines = _attendance_lines(base, attendance, config)
    earned = PayLines(
        base=money(base),
        commissions=_total(commissions),
        bonuses=_total(bonuses),
        adjustments=_total(adjustments),
        fault_deductions=faults,
        daily_rate=daily_rate(base, config),
        absence_deduction=lines.absence,
        personal_leave_deduction=lines.personal_leave,
        violation_deduction=lines.violations,
        total=ZERO,
    )
    return _with_total(earned)


def _with_total(lines: PayLines) -> PayLines:
    plus = lines.base + lines.commissions + lines.bonuses + lines.adjustments
    minus = lines.fault_deductions + lines.attendance_deduction
    return replace(lines, total=plus - minus)


def summarize_month(statuses: Iterable[DayStatus], violation_count: int) -> MonthlyAttendance:
    """ATT-8: whole-day statuses -> the pay summary. Special personal leave costs like personal.

    Half days are not visible in a day status; services add them to the result when needed.
    """
    absent = personal = sick = 0
    for status in statuses:
        if status.code == DayStatusCode.ABSENT:
            absent += 1
        elif status.code == DayStatusCode.ON_LEAVE and status.leave_type in PERSONAL_KINDS:
            personal += 1
        elif status.code == DayStatusCode.ON_LEAVE and status.leave_type == LeaveType.SICK:
            sick += 1
    return MonthlyAttendance(Decimal(absent), Decimal(personal), Decimal(sick), violation_count)
