"""Sortable headers on the clock list, the daily status, the violations and the leave lists
(issue 15): each offered sort orders the rows, an unknown one falls back to the old order, and
the query count stays the same for 5 and 50 rows whatever the sort."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from attendance.models import DailyStatus, LeaveStatus, ViolationRecord
from staff.models import Department
from tests.attendance.conftest import beijing
from tests.attendance.factories import (
    ClockRecordFactory,
    LeaveApprovalFactory,
    LeaveRequestFactory,
)
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
CLOCK = reverse("attendance:clock-list")
DAILY = reverse("attendance:daily")
VIOLATIONS = reverse("attendance:violations")
LEAVE = reverse("attendance:leave-list")
APPROVALS = reverse("attendance:approvals")
D = dt.date


@pytest.fixture
def people(db):
    """A1 in design, A2 and A3 in customer service."""
    departments = (Department.DESIGN, Department.CUSTOMER_SERVICE, Department.CUSTOMER_SERVICE)
    return [
        StaffFactory(employee_no=f"A{n}", department=department)
        for n, department in enumerate(departments, start=1)
    ]


def rows(response) -> list[tuple[str, int]]:
    """(employee number, day of month) of each row."""
    return [(row.staff.employee_no, row.day.day) for row in response.context["page"]]


# --- clock records ----------------------------------------------------------------------------


@pytest.fixture
def clocks(people):
    a1, a2, a3 = people
    for person, day, hour, minute in (
        (a1, 9, 9, 5),
        (a2, 10, 8, 50),
        (a3, 10, 9, 10),
        (a1, 10, 9, 0),
    ):
        ClockRecordFactory(
            staff=person, day=D(2026, 3, day), clock_in=beijing(2026, 3, day, hour, minute)
        )


def test_clock_list_sorts_by_day_clock_in_and_number(login, frozen, hr, clocks):
    client = login(hr)
    assert rows(client.get(CLOCK)) == [("A1", 10), ("A2", 10), ("A3", 10), ("A1", 9)]
    assert rows(client.get(CLOCK, {"sort": "clock_in"})) == [
        ("A1", 9),
        ("A2", 10),
        ("A1", 10),
        ("A3", 10),
    ]
    assert rows(client.get(CLOCK, {"sort": "number"})) == [
        ("A1", 10),
        ("A1", 9),
        ("A2", 10),
        ("A3", 10),
    ]
    by_day = client.get(CLOCK, {"sort": "clock_in", "day": "2026-03-10"})
    assert rows(by_day) == [("A2", 10), ("A1", 10), ("A3", 10)]


def test_clock_list_ignores_an_unknown_sort_and_marks_the_header(login, frozen, hr, clocks):
    response = login(hr).get(CLOCK, {"sort": "note", "day": "2026-03-10"})
    assert response.context["listing"].sort == "-day"
    assert rows(response) == [("A1", 10), ("A2", 10), ("A3", 10)]
    body = response.text
    assert 'aria-sort="descending"' in body
    assert 'href="?day=2026-03-10&amp;sort=clock_in"' in body


# --- daily status and violations --------------------------------------------------------------


@pytest.fixture
def statuses(people):
    for person, late in zip(people, (30, 5, 0), strict=True):
        DailyStatus.objects.create(
            staff=person, day=D(2026, 3, 10), code="LATE" if late else "ON_TIME", late_minutes=late
        )


def numbers(response) -> list[str]:
    return [row.staff.employee_no for row in response.context["page"]]


def test_daily_sorts_by_department_number_and_lateness(login, frozen, hr, statuses):
    client = login(hr)
    day = {"day": "2026-03-10"}
    assert numbers(client.get(DAILY, day)) == ["A2", "A3", "A1"]  # by department, as before
    assert numbers(client.get(DAILY, {**day, "sort": "number"})) == ["A1", "A2", "A3"]
    assert numbers(client.get(DAILY, {**day, "sort": "-late"})) == ["A1", "A2", "A3"]
    assert numbers(client.get(DAILY, {**day, "sort": "late"})) == ["A3", "A2", "A1"]
    assert client.get(DAILY, {**day, "sort": "code"}).context["listing"].sort == "department"


@pytest.fixture
def violations(people):
    for person, day, minutes in zip(people, (9, 10, 10), (30, 5, 15), strict=True):
        ViolationRecord.objects.create(
            staff=person, day=D(2026, 3, day), kind="LATE", minutes=minutes
        )


def test_violations_sort_by_day_number_and_minutes(login, frozen, hr, violations):
    client = login(hr)
    month = {"month": "2026-03"}
    assert rows(client.get(VIOLATIONS, month)) == [("A2", 10), ("A3", 10), ("A1", 9)]
    assert numbers(client.get(VIOLATIONS, {**month, "sort": "minutes"})) == ["A2", "A3", "A1"]
    assert numbers(client.get(VIOLATIONS, {**month, "sort": "-number"})) == ["A3", "A2", "A1"]
    unknown = client.get(VIOLATIONS, {**month, "sort": "kind"})
    assert unknown.context["listing"].sort == "-day"


@pytest.mark.parametrize(
    ("url", "params", "queries"),
    [
        (CLOCK, {"sort": "number"}, 6),
        (DAILY, {"day": "2026-03-10", "sort": "-late"}, 6),
        (VIOLATIONS, {"month": "2026-03", "sort": "number"}, 6),
    ],
)
@pytest.mark.parametrize("count", [5, 50])
def test_sorted_report_query_count_is_fixed(
    login, frozen, hr, django_assert_num_queries, url, params, queries, count
):
    for n in range(count):
        person = StaffFactory(employee_no=f"B{n:03d}")
        ClockRecordFactory(
            staff=person, day=D(2026, 3, 10), clock_in=beijing(2026, 3, 10, 9, n % 30)
        )
        DailyStatus.objects.create(staff=person, day=D(2026, 3, 10), code="LATE", late_minutes=n)
        ViolationRecord.objects.create(staff=person, day=D(2026, 3, 10), kind="LATE", minutes=n)
    client = login(hr)
    params = {**params, "per_page": "50"}
    client.get(url, params)
    with django_assert_num_queries(queries):
        assert client.get(url, params).status_code == 200


# --- leave ------------------------------------------------------------------------------------


def pending(chain, start: dt.date, days: int):
    leave = LeaveRequestFactory(
        staff=chain.clerk,
        status=LeaveStatus.PENDING,
        start_day=start,
        end_day=start + dt.timedelta(days=days - 1),
        days=Decimal(days),
    )
    LeaveApprovalFactory(request=leave, approver=chain.lead, level=1)
    return leave


@pytest.fixture
def requests(chain):
    """Starting 4-01 for 3 days, 4-10 for 1 day, 4-05 for 2 days."""
    return [pending(chain, D(2026, 4, day), days) for day, days in ((1, 3), (10, 1), (5, 2))]


def starts(response) -> list[int]:
    return [leave.start_day.day for leave in response.context["page"]]


def test_my_leave_sorts_by_start_and_days(login, chain, frozen, requests):
    client = login(chain.clerk)
    assert starts(client.get(LEAVE)) == [10, 5, 1]  # latest first, as before
    assert starts(client.get(LEAVE, {"sort": "start"})) == [1, 5, 10]
    assert starts(client.get(LEAVE, {"sort": "-days"})) == [1, 5, 10]
    assert starts(client.get(LEAVE, {"sort": "days", "status": "PENDING"})) == [10, 5, 1]
    assert client.get(LEAVE, {"sort": "reason"}).context["listing"].sort == "-start"


def test_approvals_sort_by_start_and_days(login, chain, frozen, requests):
    client = login(chain.lead)
    assert starts(client.get(APPROVALS)) == [1, 5, 10]  # the earliest first, as before
    assert starts(client.get(APPROVALS, {"sort": "-start"})) == [10, 5, 1]
    assert starts(client.get(APPROVALS, {"sort": "days"})) == [10, 5, 1]
    response = client.get(APPROVALS, {"sort": "staff"})
    assert response.context["listing"].sort == "start"
    assert 'data-sort="days"' in response.text


@pytest.mark.parametrize(("url", "who", "queries"), [(LEAVE, "clerk", 7), (APPROVALS, "lead", 10)])
@pytest.mark.parametrize("count", [5, 50])
def test_sorted_leave_query_count_is_fixed(
    login, chain, frozen, django_assert_num_queries, url, who, queries, count
):
    for n in range(count):
        pending(chain, D(2026, 4, 1) + dt.timedelta(days=n), 1 + n % 3)
    client = login(getattr(chain, who))
    params = {"sort": "-days", "per_page": "50"}
    client.get(url, params)
    with django_assert_num_queries(queries):
        assert client.get(url, params).status_code == 200
