"""COM-5 statement totals, lock and corrections; COM-3 year-end bonus: pure rules, no database."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from attendance.rules import payroll
from attendance.rules.pay import MonthlyAttendance, PayConfig, pay_statement
from attendance.rules.payroll import LineKind, MonthState, Refusal

D = Decimal
TODAY = date(2026, 4, 3)


@pytest.fixture(autouse=True)
def _english():
    """The messages are compared in their English source form."""
    with translation.override("en"):
        yield


def test_com5_totals_group_lines_and_add_up() -> None:
    lines = [
        (LineKind.BASE, D(4350)),
        (LineKind.COMMISSION, D(50)),
        (LineKind.COMMISSION, D(50)),
        (LineKind.BONUS, D(1500)),
        (LineKind.ADJUSTMENT, D(-50)),
        (LineKind.FAULT, D(-20)),
        (LineKind.ABSENCE, D(-300)),
        (LineKind.PERSONAL_LEAVE, D(-200)),
        (LineKind.SICK_LEAVE, D(0)),
        (LineKind.VIOLATION, D(-100)),
    ]
    sums = payroll.totals(lines)
    assert sums == payroll.Totals(
        base=D("4350.00"),
        commissions=D("100.00"),
        bonuses=D("1500.00"),
        adjustments=D("-50.00"),
        fault_deductions=D("20.00"),
        attendance_deduction=D("600.00"),
        total=D("5280.00"),
    )
    assert sums.base + sums.commissions + sums.bonuses + sums.adjustments - sums.deductions == (
        sums.total
    )


def test_com5_totals_of_no_lines_are_zero() -> None:
    assert payroll.totals([]) == payroll.Totals()


@pytest.mark.parametrize(
    ("kind", "amount", "effect"),
    [
        (LineKind.FAULT, D(20), D(-20)),
        (LineKind.ABSENCE, D(-200), D(-200)),
        (LineKind.BONUS, D(500), D(500)),
        (LineKind.ADJUSTMENT, D(-120), D(-120)),
    ],
)
def test_com5_deductions_always_reduce_pay(kind, amount, effect) -> None:
    assert payroll.signed(kind, amount) == effect


def test_com5_attendance_cost_matches_the_pay_rule() -> None:
    summary = MonthlyAttendance(D("1.5"), D("1.5"), D(2), 2)
    lines = pay_statement(D(4000), (), (), (), summary)
    cost = payroll.attendance_cost(lines.daily_rate, D(50), summary)
    assert cost == lines.attendance_deduction == D("651.74")  # 275.87 + 275.87 + 100


def test_com5_attendance_cost_uses_configured_rates() -> None:
    summary = MonthlyAttendance(D(1), D(0), D(0), 3)
    config = PayConfig(paid_days_per_month=D(21), violation_deduction=D(30))
    lines = pay_statement(D(4350), (), (), (), summary, config=config)
    assert payroll.attendance_cost(lines.daily_rate, D(30), summary) == D("297.14")


# ---------------------------------------------------------------- the lock


def test_com5_draft_or_new_month_may_be_prepared() -> None:
    assert payroll.may_prepare(None, date(2026, 3, 1), TODAY)
    assert payroll.may_prepare(MonthState.DRAFT, date(2026, 4, 1), TODAY)


def test_com5_future_month_may_not_be_prepared() -> None:
    decision = payroll.may_prepare(None, date(2026, 5, 1), TODAY)
    assert (decision.allowed, decision.reason) == (False, Refusal.FUTURE)
    assert decision.message == "Pay for a month that has not begun cannot be prepared."


def test_com5_locked_month_may_not_be_prepared_or_edited() -> None:
    for decision in (
        payroll.may_prepare(MonthState.APPROVED, date(2026, 3, 1), TODAY),
        payroll.may_edit(MonthState.APPROVED),
    ):
        assert (decision.allowed, decision.reason) == (False, Refusal.LOCKED)
        assert decision.message == (
            "This month was approved and is locked: nothing can be regenerated or edited. "
            "Later changes are carried to the next month's statements as adjustments."
        )


def test_com5_submitted_month_is_with_the_gm() -> None:
    decision = payroll.may_edit(MonthState.SUBMITTED)
    assert (decision.allowed, decision.reason) == (False, Refusal.SUBMITTED)
    assert decision.message == (
        "These statements are with the general manager for approval; ask for them back first."
    )


def test_com5_submit_needs_prepared_statements_in_a_draft() -> None:
    assert payroll.may_submit(MonthState.DRAFT, 3)
    assert payroll.may_submit(MonthState.DRAFT, 0).message == (
        "Prepare the statements before submitting them."
    )
    assert not payroll.may_submit(MonthState.APPROVED, 3)


def test_com5_gm_decides_only_submitted_months() -> None:
    assert payroll.may_decide(MonthState.SUBMITTED)
    assert payroll.may_decide(MonthState.DRAFT).message == (
        "Only statements submitted by HR can be approved or returned."
    )


# ---------------------------------------------------------------- corrections


def test_com5_correction_is_what_was_overpaid_or_owed() -> None:
    # Paid with 220 deducted (a 20 fault, one absent day at 200); now a 50 fault is late and the
    # absence was a clock error: 50 deducted now, so 170 is owed.
    assert payroll.correction(D(220), D(50), D(0)) == D("170.00")
    # A late fault only: 20 more deducted next month.
    assert payroll.correction(D(0), D(20), D(0)) == D("-20.00")


def test_com5_correction_subtracts_what_was_carried_already() -> None:
    assert payroll.correction(D(220), D(50), D(170)) == D("0.00")
    assert payroll.correction(D(220), D(0), D(170)) == D("50.00")


# ---------------------------------------------------------------- COM-3


def test_com3_eligible_below_the_fault_limit() -> None:
    decision = payroll.bonus_eligibility(faults=2, major_faults=None, fault_limit=3)
    assert decision.allowed
    assert decision.message == "2 faults in the year, below the limit of 3."


def test_com3_fault_limit_counts_as_a_major_fault() -> None:
    decision = payroll.bonus_eligibility(faults=3, major_faults=None, fault_limit=3)
    assert not decision.allowed
    assert decision.message == "3 faults in the year reach the limit of 3."


def test_com3_a_major_flag_on_fault_types_decides_when_present() -> None:
    assert payroll.bonus_eligibility(faults=9, major_faults=0, fault_limit=3)
    decision = payroll.bonus_eligibility(faults=1, major_faults=1, fault_limit=3)
    assert (decision.allowed, decision.message) == (False, "Major faults in the year: 1.")


@pytest.mark.parametrize(
    ("amount", "allowed"),
    [(D(999), False), (D(1000), True), (D(1500), True), (D(2000), True), (D("2000.01"), False)],
)
def test_com3_amount_within_the_range(amount, allowed) -> None:
    decision = payroll.check_bonus_amount(amount, D(1000), D(2000))
    assert decision.allowed is allowed
    if not allowed:
        assert decision.message == "The year-end bonus must be between 1000 and 2000."


def test_com3_paid_from_december_to_the_next_december() -> None:
    assert payroll.bonus_month_allowed(2025, date(2025, 12, 1))
    assert payroll.bonus_month_allowed(2025, date(2026, 2, 1))
    assert payroll.bonus_month_allowed(2025, date(2026, 12, 1))
    decision = payroll.bonus_month_allowed(2025, date(2025, 11, 1))
    assert decision.message == "A year-end bonus for 2025 is paid between 2025-12 and 2026-12."
    assert not payroll.bonus_month_allowed(2025, date(2027, 1, 1))
