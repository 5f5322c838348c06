"""COM-5 pay statements: each component with exact figures, preparation, the lock after approval,
corrections carried to the next month; ATT-8 the summary feeds the statement."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from attendance.models import (
    LineOrigin,
    PayLine,
    PayLineKind,
    PayMonth,
    PayMonthStatus,
    PayPolicy,
    PayStatement,
)
from attendance.rules.leave import LeaveType
from attendance.services import pay as services
from attendance.services import save_clock_record
from staff.models import Notification
from tests.attendance.pay_factories import (  # noqa: F401 - english is an autouse fixture
    APRIL,
    BEIJING,
    MARCH,
    MAY,
    absent,
    commission,
    employee,
    english,
    fault,
    on_leave,
    violation,
)

pytestmark = pytest.mark.django_db

D = Decimal
day = dt.date


@pytest.fixture
def early_april():
    """Friday 2026-04-03 10:00 Beijing: March is over, April has begun."""
    with time_machine.travel(dt.datetime(2026, 4, 3, 10, 0, tzinfo=BEIJING), tick=False) as t:
        yield t


@pytest.fixture
def ledger(monkeypatch):
    """A stub commission ledger: ledger[(person, month)] = [lines]."""
    lines: dict = {}

    def month_lines(staff, year, month):
        return lines.get((staff.pk, dt.date(year, month, 1)), [])

    monkeypatch.setattr("attendance.services.pay_build.commission_lines", month_lines)
    monkeypatch.setattr("attendance.services.pay.commission_lines", month_lines)
    return lines


@pytest.fixture
def clerk(db):
    """A front-desk clerk on 4,350 a month: a daily rate of exactly 200."""
    return employee(name="前台孙丽", base_salary=D(4350))


def statement_of(person, month=MARCH) -> PayStatement:
    return PayStatement.objects.get(staff=person, pay_month__month=month)


def lines_of(person, month=MARCH) -> list[tuple[str, Decimal]]:
    return list(
        PayLine.objects.filter(statement__staff=person, statement__pay_month__month=month)
        .order_by("id")
        .values_list("kind", "amount")
    )


def prepare(hr, month=MARCH):
    return services.prepare_month(month=month, by=hr)


def approve(hr, gm, month=MARCH):
    services.submit_month(month=month, by=hr)
    return services.approve_month(month=month, by=gm)


# ---------------------------------------------------------------- each component


def test_com5_base_salary_is_the_first_line(early_april, hr, clerk, ledger):
    result = prepare(hr)
    statement = statement_of(clerk)
    assert (result.created, result.updated, result.unchanged) == (1, 0, 0)
    assert lines_of(clerk) == [(PayLineKind.BASE, D("4350.00"))]
    assert (statement.base, statement.base_salary, statement.total) == (
        D("4350.00"),
        D("4350.00"),
        D("4350.00"),
    )
    assert statement.daily_rate == D("200.00")


def test_com5_commissions_are_one_line_per_ledger_entry(early_april, hr, clerk, ledger):
    ledger[(clerk.pk, MARCH)] = [
        commission(10, "HT-0001", entry=1, lead=7),
        commission(10, "HT-0002", entry=2),
        commission(-10, "HT-0003", entry=3, adjustment=True),
    ]
    prepare(hr)
    statement = statement_of(clerk)
    assert (statement.commissions, statement.adjustments, statement.total) == (
        D("20.00"),
        D("-10.00"),
        D("4360.00"),
    )
    first = statement.lines.get(commission_entry_id=1)
    assert (first.kind, first.reference, first.lead_id, first.link) == (
        PayLineKind.COMMISSION,
        "HT-0001",
        7,
        "/leads/7/",
    )
    assert first.description == "Commission on contract HT-0001 (客户经理)"
    clawed = statement.lines.get(commission_entry_id=3)
    assert clawed.kind == PayLineKind.ADJUSTMENT
    assert clawed.description == "Commission on contract HT-0003: 客户经理"


def test_com5_fault_slips_of_the_month_are_deducted_one_by_one(
    early_april, hr, customer_manager, clerk, ledger
):
    fault(clerk, day(2026, 3, 9), 20, by=customer_manager)
    fault(clerk, day(2026, 3, 17), 30, by=customer_manager, code="desk-unattended")
    withdrawn = fault(clerk, day(2026, 3, 18), 50, by=customer_manager)
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()
    fault(clerk, day(2026, 4, 1), 10, by=customer_manager)  # April's, not March's
    prepare(hr)
    statement = statement_of(clerk)
    assert (statement.fault_deductions, statement.total) == (D("50.00"), D("4300.00"))
    faults = statement.lines.filter(kind=PayLineKind.FAULT).order_by("occurred_on")
    assert [(line.amount, line.occurred_on) for line in faults] == [
        (D("-20.00"), day(2026, 3, 9)),
        (D("-30.00"), day(2026, 3, 17)),
    ]
    assert faults[0].remark == "铃响五声才接"
    assert faults[0].link == "/staff/faults/"


def test_att8_summary_feeds_the_attendance_deductions(early_april, hr, clerk, ledger):
    absent(clerk, day(2026, 3, 2))
    absent(clerk, day(2026, 3, 3), days="0.5")  # half a day absent beside half a day personal
    on_leave(clerk, day(2026, 3, 4), LeaveType.PERSONAL)
    on_leave(clerk, day(2026, 3, 5), LeaveType.SPECIAL_PERSONAL, days="0.5")
    on_leave(clerk, day(2026, 3, 9), LeaveType.SICK)
    on_leave(clerk, day(2026, 3, 10), LeaveType.SICK)
    violation(clerk, day(2026, 3, 11))
    violation(clerk, day(2026, 3, 12))
    prepare(hr)
    statement = statement_of(clerk)
    assert (
        statement.absent_days,
        statement.personal_leave_days,
        statement.sick_leave_days,
        statement.violations,
    ) == (D("1.5"), D("2.0"), D(2), 2)
    by_kind = {line.kind: line for line in statement.lines.all()}
    assert (by_kind["ABSENCE"].quantity, by_kind["ABSENCE"].amount) == (D("1.5"), D("-300.00"))
    assert by_kind["PERSONAL_LEAVE"].amount == D("-400.00")  # 0.5 + 1 + 0.5 days at 200
    assert (by_kind["SICK_LEAVE"].quantity, by_kind["SICK_LEAVE"].amount) == (D(2), D(0))
    assert (by_kind["VIOLATION"].rate, by_kind["VIOLATION"].amount) == (D(50), D("-100.00"))
    assert by_kind["ABSENCE"].description == "Absent 1.5 days × 200.00"
    assert by_kind["SICK_LEAVE"].description == "Sick leave 2 days (no deduction)"
    assert (statement.attendance_deduction, statement.total) == (D("800.00"), D("3550.00"))


def test_com5_rates_come_from_the_policy_in_force(early_april, hr, clerk, ledger):
    PayPolicy.objects.create(valid_from=MARCH, paid_days_per_month=D(21), violation_deduction=D(30))
    absent(clerk, day(2026, 3, 2))
    violation(clerk, day(2026, 3, 3))
    prepare(hr)
    statement = statement_of(clerk)
    assert (statement.daily_rate, statement.violation_rate) == (D("207.14"), D("30.00"))
    assert statement.total == D("4112.86")  # 4350 - 207.14 - 30


def test_com5_hr_adds_a_bonus_and_an_adjustment_with_its_reason(early_april, hr, clerk, ledger):
    prepare(hr)
    statement = statement_of(clerk)
    services.add_line(statement=statement, kind="BONUS", amount=D(500), note="季度奖", by=hr)
    services.add_line(
        statement=statement, kind="ADJUSTMENT", amount=D(-120), note="借支扣回", by=hr
    )
    statement.refresh_from_db()
    assert (statement.bonuses, statement.adjustments, statement.total) == (
        D("500.00"),
        D("-120.00"),
        D("4730.00"),
    )
    line = statement.lines.get(kind="ADJUSTMENT")
    assert (line.origin, line.created_by, line.description) == (
        LineOrigin.MANUAL,
        hr,
        "Adjustment: 借支扣回",
    )


@pytest.mark.parametrize(
    ("kind", "amount", "note", "message"),
    [
        ("BONUS", D(-5), "x", "A bonus must be more than zero."),
        ("ADJUSTMENT", D(0), "x", "An adjustment of zero changes nothing."),
        ("ADJUSTMENT", D(10), "  ", "Say what the line is for."),
        ("FAULT", D(-10), "x", "Only bonus and adjustment lines can be added by hand."),
    ],
)
def test_com5_manual_lines_are_checked(early_april, hr, clerk, ledger, kind, amount, note, message):
    prepare(hr)
    with pytest.raises(services.PayError) as refused:
        services.add_line(statement=statement_of(clerk), kind=kind, amount=amount, note=note, by=hr)
    assert str(refused.value) == message


def test_com5_removing_a_generated_line_is_refused(early_april, hr, clerk, ledger):
    prepare(hr)
    base = statement_of(clerk).lines.get(kind="BASE")
    with pytest.raises(services.PayError) as refused:
        services.remove_line(line=base, by=hr)
    assert str(refused.value) == (
        "Generated lines change with what they come from; regenerate the month instead."
    )


def test_com5_hr_removes_their_own_line(early_april, hr, clerk, ledger):
    prepare(hr)
    statement = statement_of(clerk)
    line = services.add_line(statement=statement, kind="BONUS", amount=D(300), note="全勤", by=hr)
    services.remove_line(line=line, by=hr)
    statement.refresh_from_db()
    assert (statement.bonuses, statement.total) == (D(0), D("4350.00"))


# ---------------------------------------------------------------- preparing again


def test_com5_preparing_again_changes_nothing_when_nothing_changed(early_april, hr, clerk, ledger):
    absent(clerk, day(2026, 3, 2))
    prepare(hr)
    services.add_line(statement=statement_of(clerk), kind="BONUS", amount=D(200), note="x", by=hr)
    history = (PayStatement.history.count(), PayLine.history.count())
    result = prepare(hr)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert (PayStatement.history.count(), PayLine.history.count()) == history
    assert statement_of(clerk).total == D("4350.00")  # 4350 - 200 + 200


def test_com5_preparing_again_follows_changed_figures_and_keeps_hr_lines(
    early_april, hr, clerk, ledger
):
    prepare(hr)
    services.add_line(statement=statement_of(clerk), kind="BONUS", amount=D(200), note="x", by=hr)
    absent(clerk, day(2026, 3, 2))
    ledger[(clerk.pk, MARCH)] = [commission(10)]
    result = prepare(hr)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    assert lines_of(clerk) == [
        (PayLineKind.BASE, D("4350.00")),
        (PayLineKind.BONUS, D("200.00")),
        (PayLineKind.COMMISSION, D("10.00")),
        (PayLineKind.ABSENCE, D("-200.00")),
    ]
    assert statement_of(clerk).total == D("4360.00")


def test_com5_a_raise_before_approval_updates_the_base(early_april, hr, clerk, ledger):
    prepare(hr)
    clerk.base_salary = D(5000)
    clerk.save()
    prepare(hr)
    statement = statement_of(clerk)
    assert (statement.base, statement.daily_rate) == (D("5000.00"), D("229.89"))


def test_com5_payroll_is_staff_employed_in_the_month(early_april, hr, clerk, ledger):
    joined_later = employee(name="新人", date_joined=dt.datetime(2026, 4, 1, 9, tzinfo=BEIJING))
    left = employee(name="已离职", is_active=False)
    left_in_march = employee(name="三月离职", is_active=False)
    absent(left_in_march, day(2026, 3, 2))
    prepare(hr)
    paid = set(PayStatement.objects.values_list("staff__name", flat=True))
    assert paid == {"前台孙丽", "三月离职"}
    assert joined_later.name not in paid and left.name not in paid


def test_com5_a_month_that_has_not_begun_cannot_be_prepared(early_april, hr, ledger):
    with pytest.raises(services.PayError) as refused:
        prepare(hr, MAY)
    assert str(refused.value) == "Pay for a month that has not begun cannot be prepared."
    assert not PayMonth.objects.exists()


def test_com5_only_hr_prepares(early_april, gm, clerk, ledger):
    with pytest.raises(services.PayError) as refused:
        prepare(gm)
    assert str(refused.value) == "Only HR prepares pay statements."


# ---------------------------------------------------------------- submit, approve, lock


def test_com5_submitting_tells_the_gm(early_april, hr, gm, clerk, ledger):
    prepare(hr)
    services.submit_month(month=MARCH, by=hr)
    assert PayMonth.objects.get().status == PayMonthStatus.SUBMITTED
    note = Notification.objects.get(recipient=gm)
    assert note.text == "人事刘 submitted the pay statements for 2026-03 for your approval."
    assert note.link == "/attendance/pay/2026/3/"


def test_com5_submitted_month_is_not_regenerated(early_april, hr, clerk, ledger):
    prepare(hr)
    services.submit_month(month=MARCH, by=hr)
    with pytest.raises(services.PayError) as refused:
        prepare(hr)
    assert str(refused.value) == (
        "These statements are with the general manager for approval; ask for them back first."
    )


def test_com5_submitting_nothing_is_refused(early_april, hr, ledger):
    with pytest.raises(services.PayError) as refused:
        services.submit_month(month=MARCH, by=hr)
    assert str(refused.value) == "Prepare the statements before submitting them."


def test_com5_gm_returns_the_month_with_a_reason(early_april, hr, gm, clerk, ledger):
    prepare(hr)
    services.submit_month(month=MARCH, by=hr)
    services.return_month(month=MARCH, reason="孙丽的奖金核对一下", by=gm)
    pay_month = PayMonth.objects.get()
    assert (pay_month.status, pay_month.is_returned) == (PayMonthStatus.DRAFT, True)
    note = Notification.objects.get(recipient=hr)
    assert (
        note.text
        == "The general manager returned the pay statements for 2026-03: 孙丽的奖金核对一下"
    )
    prepare(hr)  # HR may work on it again


def test_com5_approval_locks_the_month_and_tells_hr_and_each_person(
    early_april, hr, gm, clerk, ledger
):
    prepare(hr)
    approve(hr, gm)
    pay_month = PayMonth.objects.get()
    assert (pay_month.status, pay_month.approved_by, pay_month.is_locked) == (
        PayMonthStatus.APPROVED,
        gm,
        True,
    )
    assert Notification.objects.get(recipient=hr).text == (
        "总经理王 approved the pay statements for 2026-03; the month is locked."
    )
    mine = Notification.objects.get(recipient=clerk)
    assert (mine.text, mine.link) == (
        "Your pay statement for 2026-03 is ready.",
        statement_of(clerk).get_absolute_url(),
    )


def test_com5_only_the_gm_approves(early_april, hr, clerk, ledger):
    prepare(hr)
    services.submit_month(month=MARCH, by=hr)
    with pytest.raises(services.PayError) as refused:
        services.approve_month(month=MARCH, by=hr)
    assert str(refused.value) == "Only the general manager approves pay statements."


def test_com5_a_draft_cannot_be_approved(early_april, hr, gm, clerk, ledger):
    prepare(hr)
    with pytest.raises(services.PayError) as refused:
        services.approve_month(month=MARCH, by=gm)
    assert str(refused.value) == "Only statements submitted by HR can be approved or returned."


LOCKED = (
    "Pay for 2026-03 was approved by 总经理王 on 2026-04-03 and is locked: nothing can be "
    "regenerated or edited. Later changes are carried to the next month's statements as "
    "adjustments."
)


def test_com5_a_locked_month_refuses_regeneration(early_april, hr, gm, clerk, ledger):
    prepare(hr)
    approve(hr, gm)
    absent(clerk, day(2026, 3, 2))
    with pytest.raises(services.PayError) as refused:
        prepare(hr)
    assert str(refused.value) == LOCKED
    assert statement_of(clerk).total == D("4350.00")


def test_com5_a_locked_month_refuses_edits(early_april, hr, gm, clerk, ledger):
    prepare(hr)
    line = services.add_line(
        statement=statement_of(clerk), kind="BONUS", amount=D(1), note="x", by=hr
    )
    approve(hr, gm)
    with pytest.raises(services.PayError) as added:
        services.add_line(statement=statement_of(clerk), kind="BONUS", amount=D(1), note="y", by=hr)
    with pytest.raises(services.PayError) as removed:
        services.remove_line(line=line, by=hr)
    assert str(added.value) == str(removed.value) == LOCKED


def test_com5_approval_refused_when_commission_changed_since_preparation(
    early_april, hr, gm, clerk, ledger
):
    prepare(hr)
    services.submit_month(month=MARCH, by=hr)
    ledger[(clerk.pk, MARCH)] = [commission(10)]
    with pytest.raises(services.PayError) as refused:
        services.approve_month(month=MARCH, by=gm)
    assert str(refused.value) == (
        "Commission changed since the statements were prepared (前台孙丽). "
        "Return the month to HR to regenerate it."
    )


# ---------------------------------------------------------------- corrections next month


@pytest.fixture
def march_locked(early_april, hr, gm, customer_manager, clerk, ledger):
    """March paid with one absent day (200) and a 20 fault: 4,130."""
    absent(clerk, day(2026, 3, 2))
    fault(clerk, day(2026, 3, 9), 20, by=customer_manager)
    prepare(hr)
    approve(hr, gm)
    assert statement_of(clerk).total == D("4130.00")
    return statement_of(clerk)


def correction_lines(person, month=APRIL):
    return PayLine.objects.filter(
        statement__staff=person, statement__pay_month__month=month, origin=LineOrigin.CORRECTION
    )


def test_com5_late_changes_become_an_adjustment_next_month(
    march_locked, hr, customer_manager, clerk
):
    fault(clerk, day(2026, 3, 25), 50, by=customer_manager)  # recorded after March was paid
    clerk.daily_statuses.filter(day=day(2026, 3, 2)).delete()  # the absence was a clock error
    prepare(hr, APRIL)
    (line,) = correction_lines(clerk)
    assert (line.kind, line.amount, line.corrects) == (
        PayLineKind.ADJUSTMENT,
        D("150.00"),  # 200 absence refunded, 50 more in faults
        march_locked,
    )
    assert line.description == (
        "Correction for 2026-03: fault deductions 20.00 → 70.00, "
        "attendance deductions 200.00 → 0.00"
    )
    april = statement_of(clerk, APRIL)
    assert (april.adjustments, april.total) == (D("150.00"), D("4500.00"))
    assert statement_of(clerk).total == D("4130.00")  # the locked month stays as paid


def test_com5_correction_is_carried_once(march_locked, hr, gm, customer_manager, clerk, ledger):
    fault(clerk, day(2026, 3, 25), 50, by=customer_manager)
    prepare(hr, APRIL)
    prepare(hr, APRIL)  # preparing again does not double it
    assert [line.amount for line in correction_lines(clerk)] == [D("-50.00")]
    approve(hr, gm, APRIL)
    with time_machine.travel(dt.datetime(2026, 5, 6, 10, tzinfo=BEIJING), tick=False):
        prepare(hr, MAY)
    assert not correction_lines(clerk, MAY).exists()


def test_com5_a_second_late_change_adds_only_the_new_difference(
    march_locked, hr, gm, customer_manager, clerk, ledger
):
    fault(clerk, day(2026, 3, 25), 50, by=customer_manager)
    prepare(hr, APRIL)
    approve(hr, gm, APRIL)
    fault(clerk, day(2026, 3, 26), 30, by=customer_manager)
    with time_machine.travel(dt.datetime(2026, 5, 6, 10, tzinfo=BEIJING), tick=False):
        prepare(hr, MAY)
    (line,) = correction_lines(clerk, MAY)
    assert line.amount == D("-30.00")
    assert line.description == (
        "Correction for 2026-03: fault deductions 20.00 → 100.00, "
        "attendance deductions 200.00 → 200.00, -50.00 carried already"
    )


def test_com5_nothing_to_correct_when_the_locked_month_still_holds(march_locked, hr, clerk):
    prepare(hr, APRIL)
    assert not correction_lines(clerk).exists()


def test_com5_ledger_adjustment_after_payment_lands_on_the_next_statement(
    march_locked, hr, clerk, ledger
):
    """COM-4: a void after March was paid is the ledger's own adjustment in April; the pay
    statement shows it once and does not compute another difference for it."""
    ledger[(clerk.pk, APRIL)] = [commission(-10, "HT-0009", entry=9, adjustment=True)]
    prepare(hr, APRIL)
    assert statement_of(clerk, APRIL).adjustments == D("-10.00")
    assert not correction_lines(clerk).exists()


def test_com5_a_corrected_clock_record_is_refunded_next_month(march_locked, hr, clerk):
    monday = day(2026, 3, 2)
    save_clock_record(
        staff=clerk,
        day=monday,
        clock_in=dt.datetime(2026, 3, 2, 8, 55, tzinfo=BEIJING),
        clock_out=dt.datetime(2026, 3, 2, 18, 5, tzinfo=BEIJING),
        note="打卡机故障，补录",
        by=hr,
    )
    prepare(hr, APRIL)
    (line,) = correction_lines(clerk)
    assert line.amount == D("200.00")  # the absent day's daily rate comes back
    assert line.detail["attendance_now"] == "0.00"
