"""The shared list pattern on the lead list and the callbacks (issue 15): sort, page size,
count, filters kept in the links, cards on phones."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.models import LeadState
from tests.leads.factories import LeadFactory
from tests.leads.lifecycle_factories import CallbackFactory

pytestmark = pytest.mark.django_db
LIST = reverse("leads:index")
CALLBACKS = reverse("leads:callbacks")


def names(response) -> list[str]:
    return [lead.customer_name for lead in response.context["page"]]


@pytest.fixture
def three_leads():
    return [
        LeadFactory(customer_name=name, consultation_date=date(2026, 11, day))
        for name, day in (("甲", 3), ("乙", 1), ("丙", 2))
    ]


def test_lead_list_sorts_by_an_offered_key(login, customer_manager, three_leads):
    client = login(customer_manager)
    assert names(client.get(LIST, {"sort": "consulted"})) == ["乙", "丙", "甲"]
    assert names(client.get(LIST, {"sort": "-consulted"})) == ["甲", "丙", "乙"]
    assert names(client.get(LIST)) == ["丙", "乙", "甲"]  # newest registered first


def test_lead_list_ignores_an_unknown_sort(login, customer_manager, three_leads):
    response = login(customer_manager).get(LIST, {"sort": "phone"})
    assert response.status_code == 200
    assert response.context["listing"].sort == "-created"
    assert names(response) == ["丙", "乙", "甲"]


def test_lead_list_header_marks_the_sort_and_keeps_the_filters(login, customer_manager):
    LeadFactory()
    body = login(customer_manager).get(LIST, {"sort": "consulted", "state": "NEW"}).content
    body = body.decode()
    assert 'aria-sort="ascending"' in body
    assert 'href="?state=NEW&amp;sort=-consulted"' in body


@pytest.mark.parametrize(("asked", "size"), [("50", 50), ("100", 100), ("7", 25), ("", 25)])
def test_lead_list_page_size_is_whitelisted(login, customer_manager, asked, size):
    response = login(customer_manager).get(LIST, {"per_page": asked})
    assert response.context["listing"].per_page == size


def test_lead_list_shows_the_total_and_page_numbers_with_filters(login, customer_manager):
    LeadFactory.create_batch(27, state=LeadState.NEW)
    LeadFactory(state=LeadState.INVALID)
    body = login(customer_manager).get(LIST, {"state": "NEW"}).content.decode()
    assert "27 in all" in body
    assert 'href="?state=NEW&amp;page=2"' in body
    assert 'href="?state=NEW&amp;per_page=50"' in body


def test_lead_list_filters_through_the_filterset(login, customer_manager):
    LeadFactory(customer_name="王先生", state=LeadState.NEW)
    LeadFactory(customer_name="李女士", state=LeadState.INVALID)
    client = login(customer_manager)
    assert names(client.get(LIST, {"state": "INVALID"})) == ["李女士"]
    assert names(client.get(LIST, {"q": "王先"})) == ["王先生"]
    # An invalid filter form filters nothing, as before.
    assert len(names(client.get(LIST, {"date_from": "not a date"}))) == 2


@pytest.mark.parametrize("rows", [5, 50])
def test_lead_list_sorted_query_count_is_fixed(
    login, customer_manager, django_assert_num_queries, rows
):
    LeadFactory.create_batch(rows)
    client = login(customer_manager)
    client.get(LIST)
    # 3 to sign in; the count, the page, the owners, the community suggestions.
    with django_assert_num_queries(7):
        assert client.get(LIST, {"sort": "consulted", "per_page": "100"}).status_code == 200


def test_lead_list_rows_carry_their_labels_for_phone_cards(login, customer_manager):
    LeadFactory()
    body = login(customer_manager).get(LIST).content.decode()
    assert 'class="table table-sm table-hover bg-white mt-3 table-cards"' in body
    assert 'data-label="Phone"' in body


def test_callbacks_sort_by_due_both_ways(login, cs_agent):
    now = timezone.now()
    later = CallbackFactory(assignee=cs_agent, due_at=now + timedelta(hours=5))
    sooner = CallbackFactory(assignee=cs_agent, due_at=now - timedelta(hours=5))
    client = login(cs_agent)
    assert list(client.get(CALLBACKS).context["page"]) == [sooner, later]
    assert list(client.get(CALLBACKS, {"sort": "-due"}).context["page"]) == [later, sooner]
    response = client.get(CALLBACKS, {"sort": "done"})  # only offered on the done tab
    assert response.context["listing"].sort == "due"


def test_callbacks_done_tab_newest_done_first(login, cs_agent):
    now = timezone.now()
    old = CallbackFactory(assignee=cs_agent, done_at=now - timedelta(days=2), outcome="ok")
    new = CallbackFactory(assignee=cs_agent, done_at=now - timedelta(days=1), outcome="ok")
    response = login(cs_agent).get(CALLBACKS, {"tab": "done"})
    assert list(response.context["page"]) == [new, old]
    assert "2 in all" in response.content.decode()
