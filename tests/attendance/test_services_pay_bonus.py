"""COM-3: the customer manager's year-end bonus — eligibility flagged by the system, the amount
set by the GM within the configured range, paid with the salary of a chosen month."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from attendance.models import PayLineKind, PayPolicy, PayStatement, YearEndBonus
from attendance.queries.pay import bonus_rows
from attendance.services import pay as services
from staff.models import Notification, Role
from tests.attendance.pay_factories import (  # noqa: F401 - english is an autouse fixture
    BEIJING,
    MARCH,
    employee,
    english,
    fault,
)

pytestmark = pytest.mark.django_db

D = Decimal
FEBRUARY = dt.date(2026, 2, 1)
D1500 = D(1500)


@pytest.fixture
def early_april():
    with time_machine.travel(dt.datetime(2026, 4, 3, 10, 0, tzinfo=BEIJING), tick=False) as t:
        yield t


@pytest.fixture
def manager(db):
    """The customer manager on the DOMAIN base of 1,200."""
    return employee(roles=[Role.CUSTOMER_MANAGER], name="客户经理张敏", base_salary=D(1200))


def set_bonus(gm, manager, amount=D1500, month=MARCH, year=2025):
    return services.set_year_end_bonus(
        staff=manager, year=year, amount=amount, pay_month=month, note="年度表现好", by=gm
    )


def test_com3_no_fault_in_the_year_flags_eligible(early_april, manager):
    (row,) = bonus_rows(2025)
    assert (row.staff, row.faults.count, row.eligibility.allowed) == (manager, 0, True)
    assert row.eligibility.message == "0 faults in the year, below the limit of 3."


def test_com3_faults_at_the_limit_flag_not_eligible(early_april, manager, gm):
    for month in (3, 6, 9):
        fault(manager, dt.date(2025, month, 10), 20, by=gm)
    fault(manager, dt.date(2026, 1, 5), 20, by=gm)  # the next year does not count
    (row,) = bonus_rows(2025)
    assert (row.faults.count, row.eligibility.allowed) == (3, False)
    assert row.eligibility.message == "3 faults in the year reach the limit of 3."


def test_com3_the_fault_limit_is_configurable(early_april, manager, gm):
    PayPolicy.objects.create(valid_from=dt.date(2025, 1, 1), bonus_fault_limit=1)
    fault(manager, dt.date(2025, 3, 10), 20, by=gm)
    assert not bonus_rows(2025)[0].eligibility


def test_com3_withdrawn_faults_do_not_count(early_april, manager, gm):
    for month in (3, 6, 9):
        slip = fault(manager, dt.date(2025, month, 10), 20, by=gm)
    slip.withdrawn_at = slip.recorded_at
    slip.save()
    assert bonus_rows(2025)[0].faults.count == 2


def test_com3_gm_sets_the_bonus_and_it_is_paid_in_the_chosen_month(early_april, manager, gm, hr):
    services.prepare_month(month=MARCH, by=hr)
    bonus = set_bonus(gm, manager)
    assert (bonus.amount, bonus.pay_month, bonus.set_by, bonus.faults_in_year) == (
        D("1500.00"),
        MARCH,
        gm,
        0,
    )
    statement = PayStatement.objects.get(staff=manager, pay_month__month=MARCH)
    line = statement.lines.get(kind=PayLineKind.BONUS)
    assert (line.amount, line.year_end_bonus, line.description) == (
        D("1500.00"),
        bonus,
        "Year-end bonus for 2025",
    )
    assert (statement.bonuses, statement.total) == (D("1500.00"), D("2700.00"))
    assert Notification.objects.get(recipient=hr).text == (
        "总经理王 set 客户经理张敏's year-end bonus for 2025: 1500.00, paid with the salary of "
        "2026-03."
    )


def test_com3_bonus_set_before_preparation_is_picked_up(early_april, manager, gm, hr):
    set_bonus(gm, manager, D(1000))
    services.prepare_month(month=MARCH, by=hr)
    statement = PayStatement.objects.get(staff=manager, pay_month__month=MARCH)
    assert statement.bonuses == D("1000.00")


def test_com3_moving_the_bonus_to_another_month_moves_its_line(early_april, manager, gm, hr):
    services.prepare_month(month=FEBRUARY, by=hr)
    services.prepare_month(month=MARCH, by=hr)
    set_bonus(gm, manager, month=FEBRUARY)
    set_bonus(gm, manager, D(1800), month=MARCH)
    totals = dict(
        PayStatement.objects.filter(staff=manager).values_list("pay_month__month", "bonuses")
    )
    assert totals == {FEBRUARY: D(0), MARCH: D("1800.00")}
    assert YearEndBonus.objects.count() == 1


@pytest.mark.parametrize("amount", [D(999), D(2001)])
def test_com3_amount_outside_the_range_is_refused(early_april, manager, gm, amount):
    with pytest.raises(services.PayError) as refused:
        set_bonus(gm, manager, amount)
    assert str(refused.value) == "The year-end bonus must be between 1000.00 and 2000.00."


def test_com3_range_is_configurable(early_april, manager, gm):
    PayPolicy.objects.create(valid_from=MARCH, bonus_minimum=D(500), bonus_maximum=D(3000))
    assert set_bonus(gm, manager, D(2800)).amount == D("2800.00")


def test_com3_not_eligible_is_refused_with_the_reason(early_april, manager, gm):
    for month in (3, 6, 9):
        fault(manager, dt.date(2025, month, 10), 20, by=gm)
    with pytest.raises(services.PayError) as refused:
        set_bonus(gm, manager)
    assert str(refused.value) == (
        "客户经理张敏 is not eligible for a year-end bonus for 2025: "
        "3 faults in the year reach the limit of 3."
    )


def test_com3_only_for_the_customer_manager(early_april, gm):
    clerk = employee(roles=[Role.FRONT_DESK])
    with pytest.raises(services.PayError) as refused:
        set_bonus(gm, clerk)
    assert str(refused.value) == "The year-end bonus is for the customer manager."


def test_com3_only_the_gm_sets_it(early_april, manager, hr):
    with pytest.raises(services.PayError) as refused:
        set_bonus(hr, manager)
    assert str(refused.value) == "Only the general manager sets this bonus."


def test_com3_a_locked_month_cannot_pay_a_new_bonus(early_april, manager, gm, hr):
    services.prepare_month(month=MARCH, by=hr)
    services.submit_month(month=MARCH, by=hr)
    services.approve_month(month=MARCH, by=gm)
    with pytest.raises(services.PayError) as refused:
        set_bonus(gm, manager)
    assert str(refused.value).startswith("Pay for 2026-03 was approved by 总经理王")


def test_com3_gm_withdraws_a_bonus_of_an_open_month(early_april, manager, gm, hr):
    services.prepare_month(month=MARCH, by=hr)
    bonus = set_bonus(gm, manager)
    services.withdraw_year_end_bonus(bonus=bonus, by=gm)
    statement = PayStatement.objects.get(staff=manager, pay_month__month=MARCH)
    assert (statement.bonuses, YearEndBonus.objects.count()) == (D(0), 0)
