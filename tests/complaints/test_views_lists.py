"""The shared list pattern on the complaint register (issue 15): sort, page size, count,
the django-filter FilterSet, and a query count fixed for 5 and 50 rows whatever the sort."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import ComplaintStatus
from staff.models import Department
from tests.complaints.factories import ComplaintFactory

pytestmark = pytest.mark.django_db
INDEX = reverse("complaints:index")


def numbers(response) -> list[str]:
    return [complaint.number for complaint in response.context["page"]]


@pytest.fixture
def three(db):
    now = timezone.now()
    return [
        ComplaintFactory(seq=seq, received_at=now - timedelta(hours=hours))
        for seq, hours in ((1, 2), (2, 3), (3, 1))
    ]


def test_register_sorts_by_received_and_by_number(login, customer_manager, three):
    first, second, third = (c.number for c in three)
    client = login(customer_manager)
    assert numbers(client.get(INDEX)) == [third, first, second]  # newest received first
    assert numbers(client.get(INDEX, {"sort": "received"})) == [second, first, third]
    assert numbers(client.get(INDEX, {"sort": "number"})) == [first, second, third]
    assert numbers(client.get(INDEX, {"sort": "-number"})) == [third, second, first]


def test_register_ignores_an_unknown_sort_and_page_size(login, customer_manager, three):
    response = login(customer_manager).get(INDEX, {"sort": "summary", "per_page": "1000"})
    assert response.context["listing"].sort == "-received"
    assert response.context["listing"].per_page == 25


def test_register_filters_through_the_filterset_and_counts(login, customer_manager):
    ComplaintFactory.create_batch(3, status=ComplaintStatus.DECIDED)
    ComplaintFactory(status=ComplaintStatus.REGISTERED, customer_name="赵先生")
    client = login(customer_manager)
    response = client.get(INDEX, {"status": "DECIDED", "sort": "number"})
    assert len(numbers(response)) == 3
    body = response.content.decode()
    assert "共 3 条" in body
    assert 'href="?status=DECIDED&amp;sort=-number"' in body  # the filter kept in the header
    assert len(numbers(client.get(INDEX, {"q": "赵先生"}))) == 1
    reversed_range = {"received_from": "2026-12-01", "received_to": "2026-01-01"}
    assert len(numbers(client.get(INDEX, reversed_range))) == 4  # a reversed range is ignored


@pytest.mark.parametrize("rows", [5, 50])
def test_register_sorted_query_count_is_fixed(
    login, customer_manager, django_assert_num_queries, rows
):
    ComplaintFactory.create_batch(rows)
    client = login(customer_manager)
    client.get(INDEX)
    # session, user, roles and permissions, deadlines, count, rows, the category choices.
    with django_assert_num_queries(7):
        assert client.get(INDEX, {"sort": "number", "per_page": "50"}).status_code == 200


# The department's list ("my complaints") sorts the same way, over its own complaints.
MINE = reverse("complaints:mine")


@pytest.fixture
def three_mine(three):
    for complaint in three:
        complaint.responsible_department = Department.CUSTOMER_SERVICE
        complaint.status = ComplaintStatus.DECIDED
        complaint.save()
    return three


def test_department_list_sorts_by_received_and_by_number(login, customer_manager, three_mine):
    first, second, third = (c.number for c in three_mine)
    client = login(customer_manager)
    assert numbers(client.get(MINE)) == [third, first, second]  # newest received first
    assert numbers(client.get(MINE, {"sort": "received"})) == [second, first, third]
    assert numbers(client.get(MINE, {"sort": "-number"})) == [third, second, first]
    response = client.get(MINE, {"sort": "summary", "show_closed": "on"})
    assert response.context["listing"].sort == "-received"
    body = response.content.decode()
    assert 'href="?show_closed=on&amp;sort=number"' in body  # the filter kept in the header
    assert 'data-testid="complaint-table"' in body


@pytest.mark.parametrize("rows", [5, 50])
def test_department_list_sorted_query_count_is_fixed(
    login, customer_manager, django_assert_num_queries, rows
):
    ComplaintFactory.create_batch(
        rows, status=ComplaintStatus.DECIDED, responsible_department=Department.CUSTOMER_SERVICE
    )
    client = login(customer_manager)
    client.get(MINE)
    # session, user, roles and permissions, deadlines, count, rows.
    with django_assert_num_queries(6):
        assert client.get(MINE, {"sort": "number", "per_page": "50"}).status_code == 200
