"""The pay statement's workflow as pure decisions (COM-3, COM-5): lines and their totals, the
month's lock, corrections carried from a locked month, the year-end bonus.

Line amounts are signed effects on pay: earnings positive, deductions negative, so a statement's
total is the plain sum of its lines. The totals report deductions as positive amounts, the way
the printed statement shows them. The arithmetic of one month (daily rate, attendance
deductions) stays in `attendance.rules.pay`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from attendance.rules.pay import ZERO, MonthlyAttendance, money
from core.decisions import ALLOWED, Decision


class LineKind(StrEnum):
    BASE = "BASE"
    COMMISSION = "COMMISSION"
    BONUS = "BONUS"
    ADJUSTMENT = "ADJUSTMENT"
    FAULT = "FAULT"
    ABSENCE = "ABSENCE"
    PERSONAL_LEAVE = "PERSONAL_LEAVE"
    SICK_LEAVE = "SICK_LEAVE"  # shown for the record; costs nothing (COM-5)
    VIOLATION = "VIOLATION"


ATTENDANCE_KINDS = frozenset(
    {LineKind.ABSENCE, LineKind.PERSONAL_LEAVE, LineKind.SICK_LEAVE, LineKind.VIOLATION}
)
DEDUCTION_KINDS = ATTENDANCE_KINDS | {LineKind.FAULT}
# What HR may add by hand: a bonus (positive) or an adjustment with its reason (either sign).
MANUAL_KINDS = (LineKind.BONUS, LineKind.ADJUSTMENT)


class MonthState(StrEnum):
    DRAFT = "DRAFT"  # HR prepares and edits
    SUBMITTED = "SUBMITTED"  # waiting for the GM; nobody edits
    APPROVED = "APPROVED"  # locked for good


class Refusal(StrEnum):
    FUTURE = "FUTURE"
    SUBMITTED = "SUBMITTED"
    LOCKED = "LOCKED"
    OTHER = "OTHER"


# ---------------------------------------------------------------- totals of a statement


@dataclass(frozen=True)
class Totals:
    """COM-5: base + commissions + bonuses + adjustments − faults − attendance = total."""

    base: Decimal = ZERO
    commissions: Decimal = ZERO
    bonuses: Decimal = ZERO
    adjustments: Decimal = ZERO
    fault_deductions: Decimal = ZERO
    attendance_deduction: Decimal = ZERO
    total: Decimal = ZERO

    @property
    def deductions(self) -> Decimal:
        return self.fault_deductions + self.attendance_deduction


def _sum(lines: list[tuple[str, Decimal]], kinds: Iterable[str]) -> Decimal:
    wanted = set(kinds)
    return money(sum((amount for kind, amount in lines if kind in wanted), ZERO))


def totals(lines: Iterable[tuple[str, Decimal]]) -> Totals:
    """Group (kind, signed amount) pairs into the statement's columns; the total adds up."""
    lines = [(str(kind), Decimal(amount)) for kind, amount in lines]
    return Totals(
        base=_sum(lines, [LineKind.BASE]),
        commissions=_sum(lines, [LineKind.COMMISSION]),
        bonuses=_sum(lines, [LineKind.BONUS]),
        adjustments=_sum(lines, [LineKind.ADJUSTMENT]),
        fault_deductions=-_sum(lines, [LineKind.FAULT]),
        attendance_deduction=-_sum(lines, ATTENDANCE_KINDS),
        total=money(sum((amount for _kind, amount in lines), ZERO)),
    )


def signed(kind: str, amount: Decimal) -> Decimal:
    """A deduction's positive amount as its effect on pay."""
    return -abs(amount) if kind in DEDUCTION_KINDS else amount


# ---------------------------------------------------------------- the month's lock


def may_prepare(state: str | None, month: date, today: date) -> Decision:
    """HR (re)generates a month that has begun and that the GM does not hold or has not locked."""
    if month > today.replace(day=1):
        return Decision.deny(
            Refusal.FUTURE, _("Pay for a month that has not begun cannot be prepared.")
        )
    return may_edit(state)


LOCKED_MESSAGE = _(
    "This month was approved and is locked: nothing can be regenerated or edited. "
    "Later changes are carried to the next month's statements as adjustments."
)
WITH_GM_MESSAGE = _(
    "These statements are with the general manager for approval; ask for them back first."
)


def may_edit(state: str | None) -> Decision:
    """Statements are generated and lines added or removed only while HR holds the month."""
    if state == MonthState.APPROVED:
        return Decision.deny(Refusal.LOCKED, LOCKED_MESSAGE)
    if state == MonthState.SUBMITTED:
        return Decision.deny(Refusal.SUBMITTED, WITH_GM_MESSAGE)
    return ALLOWED


def may_submit(state: str, statements: int) -> Decision:
    if state != MonthState.DRAFT:
        return Decision.deny(None, _("Only statements being prepared can be submitted."))
    if statements == 0:
        return Decision.deny(None, _("Prepare the statements before submitting them."))
    return ALLOWED


def may_decide(state: str) -> Decision:
    """The GM approves or returns only what HR submitted."""
    if state != MonthState.SUBMITTED:
        return Decision.deny(
            None, _("Only statements submitted by HR can be approved or returned.")
        )
    return ALLOWED


# ---------------------------------------------------------------- corrections (COM-5)


def attendance_cost(
    daily_rate: Decimal, violation_rate: Decimal, summary: MonthlyAttendance
) -> Decimal:
    """The month's attendance deduction at given rates, line by line as the statement prints it
    (the same rounding as `attendance.rules.pay`)."""
    return (
        money(daily_rate * summary.absent_days)
        + money(daily_rate * summary.personal_leave_days)
        + money(violation_rate * summary.violations)
    )


def correction(paid_deductions: Decimal, deductions_now: Decimal, carried: Decimal) -> Decimal:
    """What a locked month still owes (+) or overpaid (−), less what was carried already.

    A late fault or a corrected clock record changes the month's deductions after it was paid:
    the difference goes on a later statement. Commission corrections are the ledger's own
    adjustments (COM-4) and never pass through here, so they are not counted twice.
    """
    return money(Decimal(paid_deductions) - Decimal(deductions_now) - Decimal(carried))


# ---------------------------------------------------------------- COM-3 year-end bonus


def bonus_eligibility(*, faults: int, major_faults: int | None, fault_limit: int) -> Decision:
    """No major fault in the year. Where fault types carry a "major" flag it decides; otherwise
    a year with `fault_limit` or more faults counts as one with a major fault."""
    if major_faults is not None:
        if major_faults:
            return Decision.deny(
                None, _("Major faults in the year: %(count)s.") % {"count": major_faults}
            )
        return Decision.allow(message=_("No major fault in the year."))
    if faults >= fault_limit:
        return Decision.deny(
            None,
            _("%(count)s faults in the year reach the limit of %(limit)s.")
            % {"count": faults, "limit": fault_limit},
        )
    return Decision.allow(
        message=_("%(count)s faults in the year, below the limit of %(limit)s.")
        % {"count": faults, "limit": fault_limit},
    )


def check_bonus_amount(amount: Decimal, minimum: Decimal, maximum: Decimal) -> Decision:
    """The GM sets the amount within the configured range, both ends included."""
    if not minimum <= amount <= maximum:
        return Decision.deny(
            None,
            _("The year-end bonus must be between %(minimum)s and %(maximum)s.")
            % {"minimum": minimum, "maximum": maximum},
        )
    return ALLOWED


def bonus_month_allowed(year: int, pay_month: date) -> Decision:
    """A year's bonus is paid from its December to the next December."""
    first, last = date(year, 12, 1), date(year + 1, 12, 1)
    if not first <= pay_month.replace(day=1) <= last:
        return Decision.deny(
            None,
            _("A year-end bonus for %(year)s is paid between %(first)s and %(last)s.")
            % {"year": year, "first": f"{first:%Y-%m}", "last": f"{last:%Y-%m}"},
        )
    return ALLOWED
