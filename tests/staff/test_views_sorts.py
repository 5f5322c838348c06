"""The shared list pattern on the staff directory (issue 15): sorted by employee number (the
default), name or department; an unknown sort falls back; 50 rows take as many queries as 5."""

import pytest

from staff.models import Department
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
DIRECTORY = "/staff/"


def numbers(response) -> list[str]:
    return [person.employee_no for person in response.context["page"]]


@pytest.fixture
def three():
    for number, name, department in (
        ("S03", "鹰", Department.DESIGN),
        ("S01", "魏", Department.ENGINEERING),
        ("S02", "陈", Department.DESIGN),
    ):
        StaffFactory(employee_no=number, name=name, department=department)


def test_directory_sorts_by_number_name_and_department(login, hr, three):
    client = login(hr)
    params = {"q": "S0"}
    assert numbers(client.get(DIRECTORY, params)) == ["S01", "S02", "S03"]
    assert numbers(client.get(DIRECTORY, {**params, "sort": "-number"})) == ["S03", "S02", "S01"]
    assert numbers(client.get(DIRECTORY, {**params, "sort": "name"})) == ["S02", "S01", "S03"]
    by_department = numbers(client.get(DIRECTORY, {**params, "sort": "department"}))
    assert by_department == ["S02", "S03", "S01"]  # DESIGN before ENGINEERING, then by number


def test_directory_ignores_an_unknown_sort_and_keeps_the_filters(login, hr, three):
    client = login(hr)
    response = client.get(DIRECTORY, {"q": "S0", "sort": "base_salary"})
    assert response.context["listing"].sort == "number"
    assert numbers(response) == ["S01", "S02", "S03"]
    body = client.get(DIRECTORY, {"q": "S0", "sort": "name"}).content.decode()
    assert 'aria-sort="ascending"' in body
    assert 'href="?q=S0&amp;sort=-name"' in body


@pytest.mark.parametrize("rows", [5, 50])
def test_sorted_directory_query_count_is_fixed(login, hr, rows, django_assert_num_queries):
    boss = StaffFactory()
    StaffFactory.create_batch(rows, supervisor=boss, roles=["DESIGNER"])
    client = login(hr)
    # session, user, permissions, count, rows with supervisors, their roles.
    with django_assert_num_queries(6):
        response = client.get(DIRECTORY, {"sort": "-name", "per_page": "50"})
    assert response.status_code == 200
