"""The designer's own leads (issue 15): the list pattern's sorts and page sizes, newest dispatch
first when no sort is asked."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.models import LeadState
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
MY_LEADS = reverse("dispatch:my_leads")


def names(response) -> list[str]:
    return [lead.customer_name for lead in response.context["page"]]


@pytest.fixture
def three(designer):
    now = timezone.now()
    return [
        LeadFactory(
            designer=designer,
            state=LeadState.DISPATCHED,
            customer_name=name,
            dispatched_at=now - timedelta(hours=hours),
            planned_decoration_date=date(2027, month, 1),
        )
        for name, hours, month in (("甲", 3, 2), ("乙", 1, 3), ("丙", 2, 1))
    ]


def test_my_leads_sort_by_dispatch_and_by_decoration_date(login, designer, three):
    client = login(designer)
    assert names(client.get(MY_LEADS)) == ["乙", "丙", "甲"]  # newest dispatch first
    assert names(client.get(MY_LEADS, {"sort": "dispatched"})) == ["甲", "丙", "乙"]
    assert names(client.get(MY_LEADS, {"sort": "decoration"})) == ["丙", "甲", "乙"]
    assert names(client.get(MY_LEADS, {"sort": "-decoration"})) == ["乙", "甲", "丙"]
    assert names(client.get(MY_LEADS, {"sort": "phone"})) == ["乙", "丙", "甲"]  # not a sort


def test_my_leads_headers_link_the_sorts_and_keep_the_filter(login, designer, three):
    body = login(designer).get(MY_LEADS, {"state": "DISPATCHED"}).content.decode()
    assert 'href="?state=DISPATCHED&amp;sort=dispatched"' in body
    assert 'href="?state=DISPATCHED&amp;sort=decoration"' in body
