"""COM-5 in a real browser: HR prepares last month's pay and submits it, the GM approves it, and
the employee opens their own statement under "My pay"."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from attendance.models import PayMonth, PayMonthStatus
from staff.models import Department, Role
from tests.attendance.pay_factories import absent, employee
from tests.factories import StaffFactory

# serialized_rollback: the default pay policy row (a data migration) survives earlier flushes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def last_month() -> dt.date:
    return (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def approved_label() -> str:
    with translation.override("zh-hans"):
        return str(PayMonthStatus.APPROVED.label)


def switch_to(page, sign_in, person):
    page.context.clear_cookies()
    sign_in(person)


def test_com5_hr_prepares_the_gm_approves_and_the_person_sees_their_statement(
    live_server, page, sign_in
):
    hr = StaffFactory(roles=[Role.HR], name="人事刘", department=Department.HR)
    gm = StaffFactory(roles=[Role.GM], name="总经理王", department=Department.GM_OFFICE)
    clerk = employee(roles=[Role.FRONT_DESK], name="前台孙丽", base_salary=Decimal(4350))
    month = last_month()
    absent(clerk, month + dt.timedelta(days=2))  # one daily rate: 200
    month_url = f"{live_server.url}/attendance/pay/{month.year}/{month.month}/"

    sign_in(hr)
    page.goto(f"{live_server.url}/attendance/pay/")
    assert page.locator("#id_month").input_value() == f"{month:%Y-%m}"
    page.click("[data-testid=prepare-form-submit]")
    page.wait_for_url(month_url)
    assert page.locator("[data-testid=pay-row]").count() == 1
    assert page.locator("[data-testid=month-total]").inner_text() == "¥4,150.00"
    page.click("[data-testid=submit-month]")
    page.wait_for_url(month_url)

    switch_to(page, sign_in, gm)
    page.goto(month_url)
    page.once("dialog", lambda dialog: dialog.accept())  # locking the month asks to confirm
    page.click("[data-testid=approve-month]")
    page.wait_for_url(month_url)
    assert page.locator("[data-testid=month-status]").inner_text() == approved_label()
    assert page.locator("[data-testid=locked-note]").is_visible()
    assert PayMonth.objects.get(month=month).status == PayMonthStatus.APPROVED

    switch_to(page, sign_in, clerk)
    page.goto(f"{live_server.url}/attendance/pay/mine/")
    page.click("[data-testid=my-statement-link]")
    page.wait_for_url(f"{live_server.url}/attendance/pay/statements/*/")
    assert page.locator("[data-testid=slip-name]").inner_text() == "前台孙丽"
    assert page.locator("[data-testid=slip-total]").inner_text() == "¥4,150.00"
    assert page.locator("[data-testid=slip-line]").count() == 2  # base and the absent day
    assert page.locator("[data-testid=line-form]").count() == 0  # nothing to edit
