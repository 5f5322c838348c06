"""The shared list pattern on the dispatch log (issue 15): sorted by dispatch time or by how,
an unknown sort falls back to newest first, the filters stay in the header links, and 50 rows
take as many queries as 5."""

from datetime import timedelta

import pytest
from django.urls import reverse

from dispatch.models import Assignment
from tests.dispatch.conftest import NOW
from tests.dispatch.factories import AssignmentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]
LOG = reverse("dispatch:log")


def pks(response) -> list[int]:
    return [item.pk for item in response.context["page"]]


@pytest.fixture
def three():
    """Dispatched 2 h ago (rotation), 1 h ago (forced), 3 h ago (chosen)."""
    return [
        AssignmentFactory(dispatched_at=NOW - timedelta(hours=hours), method=method, reason="原因")
        for hours, method in (
            (2, Assignment.Method.ROTATION),
            (1, Assignment.Method.FORCED),
            (3, Assignment.Method.CHOSEN),
        )
    ]


def test_dispatch_log_sorts_by_time_and_by_how(login, customer_manager, three):
    rotation, forced, chosen = (item.pk for item in three)
    client = login(customer_manager)
    assert pks(client.get(LOG)) == [forced, rotation, chosen]  # newest first
    assert pks(client.get(LOG, {"sort": "dispatched"})) == [chosen, rotation, forced]
    assert pks(client.get(LOG, {"sort": "method"})) == [chosen, forced, rotation]
    assert pks(client.get(LOG, {"sort": "-method"})) == [rotation, forced, chosen]


def test_dispatch_log_ignores_an_unknown_sort_and_keeps_the_filters(login, customer_manager, three):
    client = login(customer_manager)
    response = client.get(LOG, {"sort": "reason", "per_page": "7"})
    assert response.context["listing"].sort == "-dispatched"
    assert response.context["listing"].per_page == 25
    body = client.get(LOG, {"method": "FORCED", "sort": "dispatched"}).content.decode()
    assert 'aria-sort="ascending"' in body
    assert 'href="?method=FORCED&amp;sort=-dispatched"' in body
    assert 'data-testid="dispatch-log"' in body


@pytest.mark.parametrize("rows", [5, 50])
def test_sorted_dispatch_log_query_count_is_fixed(login, gm, django_assert_num_queries, rows):
    AssignmentFactory.create_batch(rows)
    client = login(gm)
    client.get(LOG)
    # session, user, permissions, the designers to filter by, count, rows.
    with django_assert_num_queries(6):
        assert client.get(LOG, {"sort": "-method", "per_page": "50"}).status_code == 200
