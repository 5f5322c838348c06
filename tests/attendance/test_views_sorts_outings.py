"""Sortable headers on the off-post records, my outings, the outing register and the schedules
(issue 15): each offered sort orders the rows, an unknown one falls back to the old order, and
the query count stays the same for 5 and 50 rows whatever the sort."""

import datetime as dt

import pytest
from django.urls import reverse

from attendance.models import OutingStatus, ScheduleScope, WorkSchedule
from staff.models import Department
from tests.attendance.factories import (
    BusinessOutingFactory,
    OffPostRecordFactory,
    WorkScheduleFactory,
)
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
OFF_POST = reverse("attendance:off-post")
OUTINGS = reverse("attendance:outings")
REGISTER = reverse("attendance:outing-register")
SCHEDULES = reverse("attendance:schedules")
D = dt.date
T = dt.time


def pks(response) -> list[int]:
    return [row.pk for row in response.context["page"]]


@pytest.fixture
def people(db):
    """A1 陈, A2 鹰, A3 魏: by name (pinyin; code point agrees) 陈, 魏, 鹰, that is A1, A3, A2."""
    return [
        StaffFactory(employee_no=f"A{n}", name=name)
        for n, name in enumerate(("陈", "鹰", "魏"), start=1)
    ]


# --- off-post records -------------------------------------------------------------------------


@pytest.fixture
def absences(people):
    """A1 on 3-09 for 20 minutes; A2 on 3-10 at 09:00 for 10; A3 on 3-10 at 15:00 for 30."""
    a1, a2, a3 = people
    return [
        OffPostRecordFactory(
            staff=person, day=D(2026, 3, day), started_at=start, minutes=minutes
        ).pk
        for person, day, start, minutes in (
            (a1, 9, T(14, 0), 20),
            (a2, 10, T(9, 0), 10),
            (a3, 10, T(15, 0), 30),
        )
    ]


def test_off_post_sorts_by_day_name_and_minutes(login, frozen, hr, absences):
    first, second, third = absences
    client = login(hr)
    assert pks(client.get(OFF_POST)) == [third, second, first]  # newest first, as before
    assert pks(client.get(OFF_POST, {"sort": "day"})) == [first, second, third]
    assert pks(client.get(OFF_POST, {"sort": "name"})) == [first, third, second]
    assert pks(client.get(OFF_POST, {"sort": "-name"})) == [second, third, first]
    assert pks(client.get(OFF_POST, {"sort": "minutes"})) == [second, first, third]
    assert pks(client.get(OFF_POST, {"sort": "-minutes"})) == [third, first, second]


def test_off_post_ignores_an_unknown_sort_and_marks_the_header(login, frozen, hr, absences):
    first, second, third = absences
    client = login(hr)
    response = client.get(OFF_POST, {"sort": "note"})
    assert response.context["listing"].sort == "-day"
    assert pks(response) == [third, second, first]
    body = client.get(OFF_POST, {"per_page": "50", "sort": "minutes"}).text
    assert 'aria-sort="ascending"' in body
    assert 'href="?per_page=50&amp;sort=-minutes"' in body  # the page size kept in the header


def test_off_post_keeps_a_supervisors_own_people_when_sorted(login, frozen, chain):
    mine = OffPostRecordFactory(staff=chain.clerk, recorded_by=chain.lead)
    OffPostRecordFactory()
    assert pks(login(chain.lead).get(OFF_POST, {"sort": "-minutes"})) == [mine.pk]


# --- my outings -------------------------------------------------------------------------------


@pytest.fixture
def my_outings(chain):
    """The clerk's outings: 3-10 to 西单 (approved), 3-11 to 望京 (rejected), 3-09 to 大兴
    (pending); someone else's outing besides."""
    BusinessOutingFactory(day=D(2026, 3, 11))
    return [
        BusinessOutingFactory(
            staff=chain.clerk, day=D(2026, 3, day), destination=destination, status=status
        ).pk
        for day, destination, status in (
            (10, "西单", OutingStatus.APPROVED),
            (11, "望京", OutingStatus.REJECTED),
            (9, "大兴", OutingStatus.PENDING),
        )
    ]


def test_my_outings_sort_by_day_destination_and_status(login, frozen, chain, my_outings):
    first, second, third = my_outings
    client = login(chain.clerk)
    assert pks(client.get(OUTINGS)) == [second, first, third]  # latest first, as before
    assert pks(client.get(OUTINGS, {"sort": "day"})) == [third, first, second]
    # 大兴 < 望京 < 西单 (pinyin on PostgreSQL; code point on SQLite agrees).
    assert pks(client.get(OUTINGS, {"sort": "destination"})) == [third, second, first]
    # In the workflow's order (awaiting, approved, rejected), not by the codes' spelling.
    assert pks(client.get(OUTINGS, {"sort": "status"})) == [third, first, second]
    assert pks(client.get(OUTINGS, {"sort": "-status"})) == [second, first, third]


def test_my_outings_ignore_an_unknown_sort_and_mark_the_header(login, frozen, chain, my_outings):
    first, second, third = my_outings
    client = login(chain.clerk)
    response = client.get(OUTINGS, {"sort": "purpose"})
    assert response.context["listing"].sort == "-day"
    assert pks(response) == [second, first, third]
    body = client.get(OUTINGS, {"per_page": "50", "sort": "status"}).text
    assert 'aria-sort="ascending"' in body
    assert 'href="?per_page=50&amp;sort=-status"' in body


# --- the outing register ----------------------------------------------------------------------


@pytest.fixture
def register(people):
    """Today's (3-11) approved outings: A1 at 14:00 to 西单, A2 at 09:00 to 望京, A3 at 10:00
    to 大兴; a pending one today and an approved one yesterday are not on the register."""
    BusinessOutingFactory(day=D(2026, 3, 11), status=OutingStatus.PENDING)
    BusinessOutingFactory(day=D(2026, 3, 10), status=OutingStatus.APPROVED)
    return [
        BusinessOutingFactory(
            staff=person,
            day=D(2026, 3, 11),
            planned_out=T(hour, 0),
            planned_back=T(hour + 1, 0),
            destination=destination,
            status=OutingStatus.APPROVED,
        ).pk
        for person, hour, destination in zip(
            people, (14, 9, 10), ("西单", "望京", "大兴"), strict=True
        )
    ]


def test_register_sorts_by_planned_time_name_and_destination(login, frozen, front_desk, register):
    first, second, third = register
    client = login(front_desk)
    assert pks(client.get(REGISTER)) == [second, third, first]  # the earliest first, as before
    assert pks(client.get(REGISTER, {"sort": "-planned"})) == [first, third, second]
    assert pks(client.get(REGISTER, {"sort": "name"})) == [first, third, second]
    assert pks(client.get(REGISTER, {"sort": "-destination"})) == [first, second, third]


def test_register_ignores_an_unknown_sort_and_marks_the_header(login, frozen, front_desk, register):
    first, second, third = register
    client = login(front_desk)
    response = client.get(REGISTER, {"sort": "out_at"})
    assert response.context["listing"].sort == "planned"
    assert pks(response) == [second, third, first]
    body = response.text
    assert 'aria-sort="ascending"' in body
    assert 'href="?sort=-planned"' in body
    assert 'data-testid="outing-register"' in body


# --- schedules --------------------------------------------------------------------------------


@pytest.fixture
def schedules(people):
    """The firm default (migration 0002: 09:00 from 2000-01-01) and three more: design at 09:30
    from 2024, engineering at 08:30 from 2026, A1 alone at 10:00 from 2025-06-01."""
    firm = WorkSchedule.objects.get(scope=ScheduleScope.FIRM)
    design = WorkScheduleFactory(
        department=Department.DESIGN, start=T(9, 30), valid_from=D(2024, 1, 1)
    )
    engineering = WorkScheduleFactory(
        department=Department.ENGINEERING, start=T(8, 30), valid_from=D(2026, 1, 1)
    )
    person = WorkScheduleFactory(
        scope=ScheduleScope.PERSON,
        department="",
        staff=people[0],
        start=T(10, 0),
        end=T(19, 0),
        valid_from=D(2025, 6, 1),
    )
    return [row.pk for row in (firm, design, engineering, person)]


def test_schedules_sort_by_scope_start_and_valid_from(login, frozen, hr, schedules):
    firm, design, engineering, person = schedules
    client = login(hr)
    # By scope from the broadest (firm, department, person), then department.
    assert pks(client.get(SCHEDULES)) == [firm, design, engineering, person]
    assert pks(client.get(SCHEDULES, {"sort": "start"})) == [engineering, firm, design, person]
    by_date = pks(client.get(SCHEDULES, {"sort": "-valid_from"}))
    assert by_date == [engineering, person, design, firm]


def test_schedules_ignore_an_unknown_sort_and_mark_the_header(login, frozen, hr, schedules):
    firm, design, engineering, person = schedules
    client = login(hr)
    response = client.get(SCHEDULES, {"sort": "end"})
    assert response.context["listing"].sort == "scope"
    assert pks(response) == [firm, design, engineering, person]
    body = client.get(SCHEDULES, {"per_page": "50", "sort": "-start"}).text
    assert 'aria-sort="descending"' in body
    assert 'href="?per_page=50&amp;sort=start"' in body


# --- query counts -----------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [5, 50])
def test_sorted_off_post_query_count_is_fixed(login, frozen, hr, django_assert_num_queries, rows):
    OffPostRecordFactory.create_batch(rows)
    client = login(hr)
    params = {"sort": "-name", "per_page": "50"}
    client.get(OFF_POST, params)
    # session, user, permissions, count, rows (with person, recorder, violation), whether I
    # supervise anyone (the tabs), the people the form offers.
    with django_assert_num_queries(7):
        assert client.get(OFF_POST, params).status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
def test_sorted_my_outings_query_count_is_fixed(
    login, frozen, chain, django_assert_num_queries, rows
):
    BusinessOutingFactory.create_batch(rows, staff=chain.clerk, approver=chain.lead)
    client = login(chain.clerk)
    params = {"sort": "destination", "per_page": "50"}
    client.get(OUTINGS, params)
    # session, user, permissions, count, whether I supervise anyone (the tabs), rows with
    # their approvers.
    with django_assert_num_queries(6):
        assert client.get(OUTINGS, params).status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
def test_sorted_register_query_count_is_fixed(
    login, frozen, front_desk, django_assert_num_queries, rows
):
    BusinessOutingFactory.create_batch(
        rows, day=D(2026, 3, 11), status=OutingStatus.APPROVED, registered_by=front_desk
    )
    client = login(front_desk)
    params = {"sort": "name", "per_page": "50"}
    client.get(REGISTER, params)
    # session, user, permissions, count, whether I supervise anyone (the tabs), rows with
    # their people and who registered them.
    with django_assert_num_queries(6):
        assert client.get(REGISTER, params).status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
def test_sorted_schedules_query_count_is_fixed(login, frozen, hr, django_assert_num_queries, rows):
    for person in StaffFactory.create_batch(rows):
        WorkScheduleFactory(scope=ScheduleScope.PERSON, department="", staff=person)
    client = login(hr)
    params = {"sort": "-valid_from", "per_page": "50"}
    client.get(SCHEDULES, params)
    # session, user, permissions, count, whether I supervise anyone (the tabs), rows with
    # their people.
    with django_assert_num_queries(6):
        assert client.get(SCHEDULES, params).status_code == 200
