"""The dispatch dashboard's 未就绪 tab: search by phone, name or lead number (issue 15)."""

import pytest
from django.urls import reverse

from tests.dispatch.factories import ReadyLeadFactory
from tests.leads.factories import LeadFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]
INDEX = reverse("dispatch:index")


@pytest.fixture
def waiting(db):
    return [
        LeadFactory(customer_name="王先生", phone="13800138000"),
        LeadFactory(customer_name="李女士", phone="13912345678"),
    ]


def found(client, q: str) -> list[str]:
    response = client.get(INDEX, {"tab": "waiting", "q": q})
    assert response.status_code == 200
    return [lead.customer_name for lead in response.context["rows"]]


@pytest.mark.parametrize("q", ["138 0013 8000", "138-0013-8000", "13800138000", "王先生"])
def test_not_ready_tab_finds_a_lead_by_phone_or_name(login, customer_manager, waiting, q):
    assert found(login(customer_manager), q) == ["王先生"]


def test_not_ready_tab_finds_a_lead_by_number(login, customer_manager, waiting):
    assert found(login(customer_manager), str(waiting[1].pk)) == ["李女士"]


def test_not_ready_search_keeps_to_its_tab_and_pages(login, customer_manager, waiting):
    ready = ReadyLeadFactory(customer_name="王先生二")
    client = login(customer_manager)
    response = client.get(INDEX, {"tab": "waiting", "q": "王先生"})
    assert ready.pk not in [lead.pk for lead in response.context["rows"]]
    assert response.context["query_string"] == "tab=waiting&q=%E7%8E%8B%E5%85%88%E7%94%9F"
    assert 'data-testid="not-ready-search"' in response.content.decode()
    # The other tabs ignore the search.
    assert client.get(INDEX, {"tab": "ready", "q": "nobody"}).context["rows"]


def test_not_ready_tab_finds_a_lead_by_the_phones_last_digits(login, customer_manager, waiting):
    assert found(login(customer_manager), "5678") == ["李女士"]
