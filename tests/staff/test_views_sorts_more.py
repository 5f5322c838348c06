"""The shared list pattern on the staff app's other lists (issue 15): notifications, delegations,
fault slips and the requests for instructions sort by a whitelisted key, fall back to their
default order (keeping the filters in the header links), and send as many queries for 50 rows
as for 5."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from staff import services
from staff.models import Delegation, FaultType, ReportKind, Role
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
NOTIFICATIONS = reverse("notifications")
DELEGATIONS = reverse("staff:delegations")
FAULTS = reverse("staff:faults")
MY_REPORTS = reverse("staff:reports")
AWAITING = reverse("staff:reports_awaiting")
PASSED = reverse("staff:reports_passed")
TODAY = date(2026, 4, 15)


def at(time_machine, hour: int, minute: int = 0) -> None:
    """Stop the clock on TODAY at hour:minute, Beijing time (far from midnight)."""
    moment = datetime(2026, 4, 15, hour, minute, tzinfo=ZoneInfo("Asia/Shanghai"))
    time_machine.move_to(moment, tick=False)


@pytest.fixture(autouse=True)
def _ten_oclock(time_machine):
    at(time_machine, 10)


def rows(response, field: str) -> list:
    """`field` of each row on the page ("staff__name" reads row.staff.name)."""
    values = []
    for row in response.context["page"]:
        for name in field.split("__"):
            row = getattr(row, name)
        values.append(row)
    return values


# --- notifications ------------------------------------------------------------------------------


def test_notifications_sort_by_time(login, designer, time_machine):
    for hour, minute, text in ((9, 0, "鹰"), (8, 0, "魏"), (9, 30, "陈")):
        at(time_machine, hour, minute)
        services.notify(recipient=designer, text=text)
    at(time_machine, 10)
    client = login(designer)
    assert rows(client.get(NOTIFICATIONS), "text") == ["陈", "鹰", "魏"]  # newest first
    assert rows(client.get(NOTIFICATIONS, {"sort": "time"}), "text") == ["魏", "鹰", "陈"]
    response = client.get(NOTIFICATIONS, {"sort": "recipient"})
    assert response.context["listing"].sort == "-time"
    assert rows(response, "text") == ["陈", "鹰", "魏"]
    body = response.content.decode()
    assert 'aria-sort="descending"' in body
    assert 'href="?sort=time"' in body
    assert 'data-testid="notification-table"' in body


def test_unread_notifications_say_so_in_words_not_only_in_colour(login, designer):
    services.notify(recipient=designer, text="鹰")
    read = services.notify(recipient=designer, text="魏")
    services.mark_read(notification=read, by=designer)
    body = login(designer).get(NOTIFICATIONS).content.decode()
    assert body.count('data-testid="unread"') == 1


@pytest.mark.parametrize("count", [5, 50])
def test_sorted_notifications_query_count_is_fixed(
    login, designer, django_assert_num_queries, count
):
    for number in range(count):
        services.notify(recipient=designer, text=f"n{number}")
    client = login(designer)
    client.get(NOTIFICATIONS)  # warm the session and permission caches
    # session, user (with the unread count), roles and permissions, count, rows.
    with django_assert_num_queries(5):
        response = client.get(NOTIFICATIONS, {"sort": "time", "per_page": "50"})
    assert response.status_code == 200


# --- delegations --------------------------------------------------------------------------------


def delegate(principal: str, deputy: str, start: int, end: int, reason: str) -> Delegation:
    """A delegation from TODAY + start to TODAY + end days."""
    return Delegation.objects.create(
        principal=StaffFactory(name=principal, roles=[Role.STORE_MANAGER]),
        delegate=StaffFactory(name=deputy),
        start=TODAY + timedelta(days=start),
        end=TODAY + timedelta(days=end),
        reason=reason,
    )


@pytest.fixture
def delegations():
    """Three in force or to come (A, B, C) and one over (not listed)."""
    delegate("艾", "艾代", -5, -1, "over")
    delegate("鹰", "陈代", 2, 5, "A")
    delegate("魏", "鹰代", 0, 9, "B")
    delegate("陈", "魏代", 1, 3, "C")


def test_delegations_sort_by_start_end_and_names(login, hr, delegations):
    client = login(hr)
    assert rows(client.get(DELEGATIONS), "reason") == ["B", "C", "A"]  # soonest first
    assert rows(client.get(DELEGATIONS, {"sort": "-end"}), "reason") == ["B", "A", "C"]
    assert rows(client.get(DELEGATIONS, {"sort": "principal"}), "reason") == ["C", "B", "A"]
    assert rows(client.get(DELEGATIONS, {"sort": "delegate"}), "reason") == ["A", "C", "B"]


def test_delegations_ignore_an_unknown_sort(login, hr, delegations):
    client = login(hr)
    response = client.get(DELEGATIONS, {"sort": "reason"})
    assert response.context["listing"].sort == "start"
    assert rows(response, "reason") == ["B", "C", "A"]
    body = client.get(DELEGATIONS, {"sort": "end"}).content.decode()
    assert 'aria-sort="ascending"' in body
    assert 'href="?sort=-end"' in body


@pytest.mark.parametrize("count", [5, 50])
def test_sorted_delegations_query_count_is_fixed(login, hr, django_assert_num_queries, count):
    for number in range(count):
        delegate(f"经理{number}", f"代理{number}", 0, number % 3, "x")
    client = login(hr)
    client.get(DELEGATIONS)
    # session, user (with the unread count), roles and permissions, count, rows with both people.
    with django_assert_num_queries(5):
        response = client.get(DELEGATIONS, {"sort": "-delegate", "per_page": "50"})
    assert response.status_code == 200


# --- fault slips --------------------------------------------------------------------------------


@pytest.fixture
def kind(db):
    return FaultType.objects.create(code="sort-test", name="区域不整洁", default_deduction=50)


def fault(by, kind, name: str, day: date, deduction: int):
    person = StaffFactory(name=name, roles=[Role.FRONT_DESK])
    return services.record_fault(
        staff=person,
        fault_type=kind,
        occurred_on=day,
        note=f"{name}的过失",
        by=by,
        deduction=Decimal(deduction),
    )


@pytest.fixture
def faults(customer_manager, kind):
    """Three slips in April 2026 and one in March (left out by the month filter)."""
    fault(customer_manager, kind, "艾", date(2026, 3, 20), 10)
    for name, day, deduction in (("鹰", 10, 50), ("魏", 12, 20), ("陈", 5, 100)):
        fault(customer_manager, kind, name, date(2026, 4, day), deduction)


def test_faults_sort_by_date_employee_and_deduction(login, customer_manager, faults):
    client = login(customer_manager)
    april = {"month": "2026-04"}
    assert rows(client.get(FAULTS, april), "staff__name") == ["魏", "鹰", "陈"]  # latest first
    by_employee = rows(client.get(FAULTS, {**april, "sort": "employee"}), "staff__name")
    assert by_employee == ["陈", "魏", "鹰"]
    by_deduction = rows(client.get(FAULTS, {**april, "sort": "-deduction"}), "staff__name")
    assert by_deduction == ["陈", "鹰", "魏"]
    assert rows(client.get(FAULTS, {"sort": "date"}), "staff__name") == ["艾", "陈", "鹰", "魏"]


def test_faults_ignore_an_unknown_sort_and_keep_the_filters(login, customer_manager, faults):
    client = login(customer_manager)
    response = client.get(FAULTS, {"month": "2026-04", "sort": "note"})
    assert response.context["listing"].sort == "-date"
    assert rows(response, "staff__name") == ["魏", "鹰", "陈"]
    body = client.get(FAULTS, {"month": "2026-04", "sort": "deduction"}).content.decode()
    assert 'aria-sort="ascending"' in body
    assert 'href="?month=2026-04&amp;sort=-deduction"' in body


def test_faults_sorted_keep_a_persons_own(login, customer_manager, kind):
    mine = fault(customer_manager, kind, "鹰", date(2026, 4, 10), 50)
    fault(customer_manager, kind, "魏", date(2026, 4, 12), 20)
    response = login(mine.staff).get(FAULTS, {"sort": "employee"})
    assert rows(response, "pk") == [mine.pk]


@pytest.mark.parametrize("count", [5, 50])
def test_sorted_faults_query_count_is_fixed(
    login, customer_manager, kind, django_assert_num_queries, count
):
    for number in range(count):
        fault(customer_manager, kind, f"员工{number}", TODAY - timedelta(days=number), number)
    client = login(customer_manager)
    client.get(FAULTS)
    # session, user (with the unread count), roles and permissions, the filter's staff choices,
    # count, rows with their people and types.
    with django_assert_num_queries(6):
        response = client.get(FAULTS, {"sort": "-employee", "per_page": "50"})
    assert response.status_code == 200


# --- requests for instructions ------------------------------------------------------------------


def report(by, subject: str, **extra):
    return services.file_report(
        by=by, kind=ReportKind.BEYOND_REMIT, subject=subject, details="客户要求退定金。", **extra
    )


@pytest.fixture
def chain():
    gm = StaffFactory(roles=[Role.GM], name="总经理")
    manager = StaffFactory(roles=[Role.CUSTOMER_MANAGER], name="客户经理", supervisor=gm)
    return manager, gm


@pytest.fixture
def awaiting(chain, time_machine):
    """Three reports waiting for the manager: A at 9:00, B (urgent) at 9:20, C at 9:40."""
    manager, _gm = chain
    for minute, name, subject in ((0, "鹰", "A"), (20, "魏", "B"), (40, "陈", "C")):
        at(time_machine, 9, minute)
        agent = StaffFactory(roles=[Role.CS_AGENT], name=name, supervisor=manager)
        report(agent, subject, urgent=subject == "B")
    at(time_machine, 10)
    return manager


def test_reports_awaiting_me_sort_urgent_first_then_by_filing_and_reporter(login, awaiting):
    client = login(awaiting)
    assert rows(client.get(AWAITING), "subject") == ["B", "A", "C"]  # urgent, then oldest
    assert rows(client.get(AWAITING, {"sort": "-filed"}), "subject") == ["C", "B", "A"]
    assert rows(client.get(AWAITING, {"sort": "reporter"}), "subject") == ["C", "B", "A"]
    assert rows(client.get(AWAITING, {"sort": "-reporter"}), "subject") == ["A", "B", "C"]


def test_my_reports_sort_by_filing_and_who_holds_them(login, chain, time_machine):
    manager, gm = chain
    agent = StaffFactory(roles=[Role.CS_AGENT], name="客服", supervisor=manager)
    at(time_machine, 9)
    report(agent, "A")
    at(time_machine, 9, 30)
    report(agent, "B", urgent=True, target=gm)
    at(time_machine, 8)
    report(agent, "C")
    at(time_machine, 10)
    client = login(agent)
    assert rows(client.get(MY_REPORTS), "subject") == ["B", "A", "C"]  # newest first
    assert rows(client.get(MY_REPORTS, {"sort": "filed"}), "subject") == ["C", "A", "B"]
    # 客户经理 holds A and C, 总经理 holds B.
    assert rows(client.get(MY_REPORTS, {"sort": "-with"}), "subject") == ["B", "A", "C"]


def test_report_tabs_ignore_an_unknown_sort(login, awaiting):
    client = login(awaiting)
    response = client.get(AWAITING, {"sort": "subject"})
    assert response.context["listing"].sort == "urgent"
    assert rows(response, "subject") == ["B", "A", "C"]
    body = client.get(AWAITING, {"sort": "filed"}).content.decode()
    assert 'aria-sort="ascending"' in body
    assert 'href="?sort=-filed"' in body
    assert client.get(MY_REPORTS, {"sort": "kind"}).context["listing"].sort == "-filed"
    assert client.get(PASSED, {"sort": "kind"}).context["listing"].sort == "-filed"


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("tab", ["mine", "awaiting", "passed"])
def test_sorted_report_tabs_query_count_is_fixed(
    login, chain, django_assert_num_queries, count, tab
):
    """Urgent reports straight to the GM: the agent's own, awaiting the GM, and passed the
    manager (skipped and told)."""
    manager, gm = chain
    agent = StaffFactory(roles=[Role.CS_AGENT], name="客服", supervisor=manager)
    for number in range(count):
        report(agent, f"事项{number}", urgent=True, target=gm)
    url, viewer = {"mine": (MY_REPORTS, agent), "awaiting": (AWAITING, gm)}.get(
        tab, (PASSED, manager)
    )
    client = login(viewer)
    client.get(url)
    # session, user (with the unread count), count, awaiting count, roles and permissions,
    # rows with their people.
    with django_assert_num_queries(6):
        response = client.get(url, {"sort": "-reporter", "per_page": "50"})
    assert response.status_code == 200
    assert len(response.context["page"]) == count
