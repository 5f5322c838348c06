"""The demo seed's pay statements (COM-5, COM-3): last month approved, a second run adds nothing."""

import datetime as dt
from decimal import Decimal

import pytest

from attendance import demo
from attendance.models import PayLine, PayMonth, PayMonthStatus, PayStatement, YearEndBonus
from staff import demo as staff_demo

pytestmark = pytest.mark.django_db

FEBRUARY = dt.date(2026, 2, 1)


def counts() -> list[int]:
    return [model.objects.count() for model in (PayMonth, PayStatement, PayLine, YearEndBonus)]


def test_com5_demo_pays_last_month_and_is_idempotent(frozen):
    staff_demo.seed()
    demo.seed()
    pay_month = PayMonth.objects.get()
    assert (pay_month.month, pay_month.status) == (FEBRUARY, PayMonthStatus.APPROVED)
    assert PayStatement.objects.filter(pay_month=pay_month).count() == 30
    star = PayStatement.objects.get(staff__employee_no="E009")
    assert star.lines.filter(origin="MANUAL", amount=Decimal(200)).exists()
    manager = PayStatement.objects.get(staff__employee_no="E003")
    assert manager.bonuses == Decimal("1500.00")  # COM-3: 2025's bonus in the season
    first = counts()
    assert demo.seed() == 0
    assert counts() == first
