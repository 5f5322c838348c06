"""My callbacks page (CB-1): overdue first, record the outcome, everyone's for the manager."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.models import Callback
from tests.factories import StaffFactory
from tests.leads.lifecycle_factories import CallbackFactory, ClosureFactory

pytestmark = pytest.mark.django_db

LIST = reverse("leads:callbacks")


def test_cb1_my_callbacks_overdue_first(login, cs_agent):
    now = timezone.now()
    later = CallbackFactory(assignee=cs_agent, due_at=now + timedelta(hours=5))
    overdue = CallbackFactory(assignee=cs_agent, due_at=now - timedelta(days=2))
    soon = CallbackFactory(assignee=cs_agent, due_at=now - timedelta(minutes=5))
    CallbackFactory(due_at=now - timedelta(days=9))  # someone else's
    page = login(cs_agent).get(LIST)
    rows = list(page.context["page"])
    assert rows == [overdue, soon, later]
    assert [row.is_overdue for row in rows] == [True, True, False]
    assert page.context["counts"] == {"open": 3, "overdue": 2}


def test_cb1_done_tab_lists_done_callbacks_latest_first(login, cs_agent):
    CallbackFactory(assignee=cs_agent)
    done = CallbackFactory(assignee=cs_agent, done_at=timezone.now(), outcome="已联系")
    assert list(login(cs_agent).get(LIST, {"tab": "done"}).context["page"]) == [done]


def test_cb1_customer_manager_sees_everyones(login, customer_manager, cs_agent):
    CallbackFactory(assignee=cs_agent)
    CallbackFactory()
    client = login(customer_manager)
    assert len(client.get(LIST).context["page"]) == 0  # their own by default
    assert len(client.get(LIST, {"assignee": "all"}).context["page"]) == 2
    assert len(client.get(LIST, {"assignee": str(cs_agent.pk)}).context["page"]) == 1


def test_cb1_agents_cannot_look_at_other_peoples_callbacks(login, cs_agent):
    CallbackFactory()
    assert len(login(cs_agent).get(LIST, {"assignee": "all"}).context["page"]) == 0


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("CS_AGENT", 200),
        ("CUSTOMER_MANAGER", 200),
        ("DESIGN_MANAGER", 200),
        ("FRONT_DESK", 200),
        ("GM", 200),
        ("DESIGNER", 403),
        ("HR", 403),
    ],
    indirect=["persona"],
)
def test_cb1_callbacks_page_per_role(login, persona, status):
    assert login(persona).get(LIST).status_code == status


def test_cb1_outcome_recorded_from_the_list(login, cs_agent):
    callback = CallbackFactory(assignee=cs_agent)
    response = login(cs_agent).post(
        reverse("leads:callback_done", args=[callback.pk]),
        {"outcome": "设计师已约好量房", "next": LIST},
    )
    assert response.url == LIST
    callback.refresh_from_db()
    assert (callback.outcome, callback.done_by) == ("设计师已约好量房", cs_agent)


def test_cb1_someone_elses_callback_is_not_found(login, cs_agent):
    callback = CallbackFactory()
    response = login(cs_agent).post(
        reverse("leads:callback_done", args=[callback.pk]), {"outcome": "x"}
    )
    assert response.status_code == 404


def test_cb1_manager_reassigns_from_the_list(login, customer_manager, cs_agent):
    other = StaffFactory(roles=["CS_AGENT"])
    callback = CallbackFactory(assignee=cs_agent)
    login(customer_manager).post(
        reverse("leads:callback_reassign", args=[callback.pk]), {"assignee": other.pk}
    )
    callback.refresh_from_db()
    assert callback.assignee == other


def test_cb1_closure_call_links_to_the_closure(login, design_manager):
    closure = ClosureFactory()
    CallbackFactory(
        lead=closure.lead, kind="CLOSURE_PENDING", closure=closure, assignee=design_manager
    )
    html = login(design_manager).get(LIST).content.decode()
    assert reverse("leads:closure_detail", args=[closure.pk]) in html
    assert 'data-testid="callback-outcome"' not in html


@pytest.mark.parametrize("rows", [5, 50])
def test_callbacks_page_query_count_is_fixed(
    login, customer_manager, django_assert_num_queries, rows
):
    CallbackFactory.create_batch(rows, assignee=customer_manager)
    client = login(customer_manager)
    client.get(LIST)
    with django_assert_num_queries(9):
        assert client.get(LIST).status_code == 200
    assert Callback.objects.count() == rows
