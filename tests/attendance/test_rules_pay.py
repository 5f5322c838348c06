"""COM-5 monthly pay statement and ATT-8 the attendance summary that feeds it."""

from decimal import Decimal

import pytest

from attendance.rules.daily import DayStatus, DayStatusCode
from attendance.rules.leave import LeaveType
from attendance.rules.pay import (
    MonthlyAttendance,
    PayConfig,
    PayLines,
    attendance_deduction,
    daily_rate,
    pay_statement,
    summarize_month,
)

D = Decimal


@pytest.mark.parametrize(
    ("base", "rate"),
    [
        ("4350", "200.00"),
        ("2175", "100.00"),
        ("4000", "183.91"),  # 183.908… rounds up
        ("1200", "55.17"),  # 55.172…
        ("800", "36.78"),  # 36.781…
        ("5000", "229.89"),  # 229.885… half up
    ],
)
def test_com5_daily_rate_is_base_over_21_75(base: str, rate: str) -> None:
    result = daily_rate(D(base))
    assert result == D(rate)
    assert result.as_tuple().exponent == -2


def test_com5_daily_rate_paid_days_configurable() -> None:
    assert daily_rate(D(4350), PayConfig(paid_days_per_month=D(21))) == D("207.14")


def test_com5_absent_and_personal_days_cost_a_daily_rate_sick_nothing() -> None:
    summary = MonthlyAttendance(
        absent_days=D(1), personal_leave_days=D(2), sick_leave_days=D(3), violations=0
    )
    assert attendance_deduction(D(4350), summary) == D("600.00")


def test_com5_half_personal_day_costs_half_a_rate() -> None:
    summary = MonthlyAttendance(personal_leave_days=D("0.5"))
    assert attendance_deduction(D(4350), summary) == D("100.00")


def test_com5_half_day_of_odd_rate_rounds_half_up() -> None:
    # 4000 -> 183.91 a day; half of it is 91.955 -> 91.96
    summary = MonthlyAttendance(absent_days=D("0.5"))
    assert attendance_deduction(D(4000), summary) == D("91.96")


def test_com5_each_violation_deducts_fifty() -> None:
    assert attendance_deduction(D(4350), MonthlyAttendance(violations=3)) == D(150)


def test_com5_violation_amount_configurable() -> None:
    config = PayConfig(violation_deduction=D(80))
    assert attendance_deduction(D(4350), MonthlyAttendance(violations=2), config) == D(160)


def test_com5_sick_leave_alone_deducts_nothing() -> None:
    assert attendance_deduction(D(4350), MonthlyAttendance(sick_leave_days=D(5))) == D(0)


def test_com5_pay_statement_lines_and_total() -> None:
    lines = pay_statement(
        base=D(4350),
        commissions=[D(50), D(50), D(10)],
        bonuses=[D(200)],
        fault_deductions=[D(20), D(30)],
        attendance=MonthlyAttendance(
            absent_days=D(1), personal_leave_days=D("0.5"), sick_leave_days=D(2), violations=1
        ),
        adjustments=[D(-50)],
    )
    assert lines == PayLines(
        base=D("4350.00"),
        commissions=D("110.00"),
        bonuses=D("200.00"),
        adjustments=D("-50.00"),
        fault_deductions=D("50.00"),
        daily_rate=D("200.00"),
        absence_deduction=D("200.00"),
        personal_leave_deduction=D("100.00"),
        violation_deduction=D("50.00"),
        total=D("4210.00"),  # 4350 + 110 + 200 - 50 - 50 - (200 + 100 + 50)
    )
    assert lines.attendance_deduction == D("350.00")


def test_com5_clean_month_pays_base_plus_earnings() -> None:
    lines = pay_statement(D(1200), [D(50)] * 4, [], [], MonthlyAttendance())
    assert lines.total == D(1400)


def test_com5_total_adds_up_the_printed_lines_with_odd_rate() -> None:
    lines = pay_statement(D(4000), [], [], [], MonthlyAttendance(absent_days=D("1.5")))
    assert lines.absence_deduction == D("275.87")  # 183.91 x 1.5 = 275.865 -> 275.87
    assert lines.total == D("3724.13")


def test_com5_total_is_not_clamped_at_zero() -> None:
    lines = pay_statement(D(800), [], [], [D(1000)], MonthlyAttendance())
    assert lines.total == D(-200)


def test_com5_fault_deductions_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        pay_statement(D(4350), [], [], [D(-10)], MonthlyAttendance())


def test_att8_month_summary_counts_days_by_kind() -> None:
    month = [
        DayStatus(DayStatusCode.ON_TIME),
        DayStatus(DayStatusCode.ABSENT),
        DayStatus(DayStatusCode.ABSENT),
        DayStatus(DayStatusCode.ON_LEAVE, leave_type=LeaveType.PERSONAL),
        DayStatus(DayStatusCode.ON_LEAVE, leave_type=LeaveType.SPECIAL_PERSONAL),
        DayStatus(DayStatusCode.ON_LEAVE, leave_type=LeaveType.SICK),
        DayStatus(DayStatusCode.LATE, late_minutes=25),
        DayStatus(DayStatusCode.OFF_DAY),
    ]
    assert summarize_month(month, violation_count=1) == MonthlyAttendance(
        absent_days=D(2), personal_leave_days=D(2), sick_leave_days=D(1), violations=1
    )


def test_att8_summary_feeds_the_pay_statement() -> None:
    summary = summarize_month([DayStatus(DayStatusCode.ABSENT)], violation_count=2)
    assert pay_statement(D(4350), [], [], [], summary).total == D("4050.00")
