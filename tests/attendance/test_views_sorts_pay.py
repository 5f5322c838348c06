"""Sortable headers on my pay, the pay months, a month's statements and the monthly summary
(issue 15): each offered sort orders the rows, an unknown one falls back to the old order with
the filters kept, and the query count stays the same for 5 and 50 rows."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from attendance.models import PayMonth, PayMonthStatus, PayStatement
from staff.models import Department
from tests.attendance.conftest import beijing
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
MY_PAY = reverse("attendance:pay-mine")
MONTHS = reverse("attendance:pay-months")
MARCH = reverse("attendance:pay-month", args=[2026, 3])
SUMMARY = reverse("attendance:summary")
D = dt.date


@pytest.fixture(autouse=True)
def _mid_april(time_machine):
    """Mid-morning in the middle of April: March is over and "today" is nowhere near midnight."""
    time_machine.move_to(beijing(2026, 4, 15, 10, 0), tick=False)


def pay_month(month: dt.date, *, approved: bool = False) -> PayMonth:
    if not approved:
        return PayMonth.objects.create(month=month)
    return PayMonth.objects.create(
        month=month, status=PayMonthStatus.APPROVED, approved_at=beijing(2026, 4, 1, 9, 0)
    )


def statement(month: PayMonth, person, total: int) -> PayStatement:
    return PayStatement.objects.create(
        pay_month=month,
        staff=person,
        base_salary=Decimal(3000),
        daily_rate=Decimal(100),
        violation_rate=Decimal(50),
        total=Decimal(total),
    )


def months(response) -> list[int]:
    """The month number of each row (a statement's or a pay month's)."""
    return [
        (row.pay_month.month if isinstance(row, PayStatement) else row.month).month
        for row in response.context["page"]
    ]


def numbers(response) -> list[str]:
    return [row.staff.employee_no for row in response.context["page"]]


# --- my pay -----------------------------------------------------------------------------------


@pytest.fixture
def my_statements(hr):
    """hr's approved January 3,000, February 5,000 and March 4,000; a draft April not shown."""
    for month, total in ((1, 3000), (2, 5000), (3, 4000)):
        statement(pay_month(D(2026, month, 1), approved=True), hr, total)
    statement(pay_month(D(2026, 4, 1)), hr, 9000)


def test_my_pay_sorts_by_month_and_total(login, hr, my_statements):
    client = login(hr)
    assert months(client.get(MY_PAY)) == [3, 2, 1]  # newest first, as before
    assert months(client.get(MY_PAY, {"sort": "month"})) == [1, 2, 3]
    assert months(client.get(MY_PAY, {"sort": "-total"})) == [2, 3, 1]
    assert months(client.get(MY_PAY, {"sort": "total"})) == [1, 3, 2]


def test_my_pay_ignores_an_unknown_sort(login, hr, my_statements):
    response = login(hr).get(MY_PAY, {"sort": "base_salary"})
    assert response.context["listing"].sort == "-month"
    assert months(response) == [3, 2, 1]
    body = response.text
    assert 'aria-sort="descending"' in body
    assert 'href="?sort=month"' in body
    assert "data-label=" in body  # the phone's card labels stay on the cells


# --- the pay months ---------------------------------------------------------------------------


@pytest.fixture
def three_months():
    """January: 2 people, 9,000, approved; February: 1 person, 12,000, awaiting approval;
    March: 3 people, 6,000, being prepared."""
    for month, totals in ((1, (4000, 5000)), (2, (12000,)), (3, (1000, 2000, 3000))):
        row = pay_month(D(2026, month, 1), approved=month == 1)
        if month == 2:
            PayMonth.objects.filter(pk=row.pk).update(status=PayMonthStatus.SUBMITTED)
        for total in totals:
            statement(row, StaffFactory(), total)


def test_pay_months_sort_by_month_people_and_total(login, hr, three_months):
    client = login(hr)
    assert months(client.get(MONTHS)) == [3, 2, 1]  # newest first, as before
    assert months(client.get(MONTHS, {"sort": "month"})) == [1, 2, 3]
    assert months(client.get(MONTHS, {"sort": "-people"})) == [3, 1, 2]
    assert months(client.get(MONTHS, {"sort": "total"})) == [3, 1, 2]
    # By status in the month's own order (being prepared, awaiting approval, approved).
    assert months(client.get(MONTHS, {"sort": "status"})) == [3, 2, 1]
    assert months(client.get(MONTHS, {"sort": "-status"})) == [1, 2, 3]


def test_pay_months_ignore_an_unknown_sort(login, hr, three_months):
    response = login(hr).get(MONTHS, {"sort": "approved_by"})
    assert response.context["listing"].sort == "-month"
    assert months(response) == [3, 2, 1]
    assert 'data-sort="people"' in response.text


# --- one month's statements -------------------------------------------------------------------


@pytest.fixture
def march_statements():
    """A1 陈 in design 5,000; A2 鹰 in customer service 3,000; A3 魏 in design 4,000."""
    march = pay_month(D(2026, 3, 1))
    for number, name, department, total in (
        ("A1", "陈", Department.DESIGN, 5000),
        ("A2", "鹰", Department.CUSTOMER_SERVICE, 3000),
        ("A3", "魏", Department.DESIGN, 4000),
    ):
        statement(march, StaffFactory(employee_no=number, name=name, department=department), total)


def test_month_statements_sort_by_department_number_name_and_total(login, hr, march_statements):
    client = login(hr)
    search = {"q": "A"}
    assert numbers(client.get(MARCH, search)) == ["A2", "A1", "A3"]  # by department, as before
    assert numbers(client.get(MARCH, {**search, "sort": "-number"})) == ["A3", "A2", "A1"]
    assert numbers(client.get(MARCH, {**search, "sort": "name"})) == ["A1", "A3", "A2"]
    assert numbers(client.get(MARCH, {**search, "sort": "-total"})) == ["A1", "A3", "A2"]
    by_department = client.get(MARCH, {"department": Department.DESIGN, "sort": "total"})
    assert numbers(by_department) == ["A3", "A1"]


def test_month_statements_ignore_an_unknown_sort_and_keep_the_filters(login, hr, march_statements):
    client = login(hr)
    response = client.get(MARCH, {"q": "A", "sort": "commissions"})
    assert response.context["listing"].sort == "department"
    assert numbers(response) == ["A2", "A1", "A3"]
    assert response.context["totals"]["people"] == 3  # the footer adds up whatever the order
    body = client.get(MARCH, {"q": "A", "sort": "name"}).text
    assert 'aria-sort="ascending"' in body
    assert 'href="?q=A&amp;sort=-name"' in body


# --- the monthly summary ----------------------------------------------------------------------


@pytest.fixture
def reports(design_manager):
    """The design manager's three reports: A1 陈 design, A2 鹰 customer service, A3 魏 design."""
    for number, name, department in (
        ("A1", "陈", Department.DESIGN),
        ("A2", "鹰", Department.CUSTOMER_SERVICE),
        ("A3", "魏", Department.DESIGN),
    ):
        StaffFactory(
            employee_no=number, name=name, department=department, supervisor=design_manager
        )


def summary_numbers(response) -> list[str]:
    return [row.staff.employee_no for row in response.context["rows"]]


def test_summary_sorts_by_department_number_and_name(login, design_manager, reports):
    client = login(design_manager)
    month = {"month": "2026-03"}
    assert summary_numbers(client.get(SUMMARY, month)) == ["A2", "A1", "A3"]  # as before
    assert summary_numbers(client.get(SUMMARY, {**month, "sort": "number"})) == ["A1", "A2", "A3"]
    assert summary_numbers(client.get(SUMMARY, {**month, "sort": "-name"})) == ["A2", "A3", "A1"]
    assert summary_numbers(client.get(SUMMARY, {**month, "sort": "-department"})) == [
        "A3",
        "A1",
        "A2",
    ]


def test_summary_ignores_an_unknown_sort_and_keeps_the_filters(login, design_manager, reports):
    client = login(design_manager)
    params = {"month": "2026-03", "department": Department.DESIGN}
    response = client.get(SUMMARY, {**params, "sort": "late_minutes"})
    assert response.context["listing"].sort == "department"
    assert summary_numbers(response) == ["A1", "A3"]
    body = client.get(SUMMARY, {**params, "sort": "name"}).text
    assert 'aria-sort="ascending"' in body
    assert 'href="?month=2026-03&amp;department=DESIGN&amp;sort=-name"' in body


# --- query counts -----------------------------------------------------------------------------


def _count(client, url, params, django_assert_num_queries, expected: int) -> None:
    params = {**params, "per_page": "50"}
    client.get(url, params)  # warm the session and permission caches
    with django_assert_num_queries(expected):
        assert client.get(url, params).status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
def test_sorted_pay_lists_query_counts_are_fixed(login, hr, rows, django_assert_num_queries):
    march = pay_month(D(2026, 3, 1))
    for index in range(rows):
        statement(march, StaffFactory(), 1000 + index)
        month = D(2020 + index // 12, index % 12 + 1, 1)
        statement(pay_month(month, approved=True), hr, 2000 + index)
    client = login(hr)
    # session, user, permissions, count, whether hr supervises anyone (the attendance area),
    # my statements with their months.
    _count(client, MY_PAY, {"sort": "-total"}, django_assert_num_queries, 6)
    # session, user, permissions, count, whether hr supervises anyone, the months with their
    # head counts and totals.
    _count(client, MONTHS, {"sort": "-people"}, django_assert_num_queries, 6)
    # session, user, permissions, the month, count, the footer's totals, whether hr supervises
    # anyone, the statements with their people, the month's history.
    _count(client, MARCH, {"sort": "name"}, django_assert_num_queries, 9)


@pytest.mark.parametrize("rows", [5, 50])
def test_sorted_summary_query_count_is_fixed(login, hr, rows, django_assert_num_queries):
    for _index in range(rows):
        StaffFactory(department=Department.DESIGN)
    params = {"month": "2026-03", "department": Department.DESIGN, "sort": "-name"}
    # session, user, permissions, whether hr supervises anyone (the attendance area), count,
    # the page's people, their daily statuses, their violations and off-post spells.
    _count(login(hr), SUMMARY, params, django_assert_num_queries, 8)
