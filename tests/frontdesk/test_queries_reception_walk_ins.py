"""FD-1: a walk-in registered through 登记客户 (the leads intake) is in that day's 来访登记,
read from its lead (leads may not call up into frontdesk), once, and only on that day."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from frontdesk.models import LeadLink, VisitPurpose
from frontdesk.queries.logs import reception_log
from leads.models import Channel, Lead
from tests.frontdesk.factories import ReceptionEntryFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
LOG = reverse("frontdesk:reception_log")


@pytest.fixture(autouse=True)
def _mid_morning():
    """Mid-morning in Beijing: "30 minutes ago" stays today whenever the suite runs."""
    with time_machine.travel(datetime(2026, 4, 15, 10, 0, tzinfo=timezone.get_fixed_timezone(480))):
        yield


def intake(client, **overrides) -> Lead:
    data = {
        "phone": "13812345678",
        "customer_name": "王先生",
        "channel": Channel.WALK_IN,
        "in_person": "on",
        "community": "阳光小区",
        "building": "3-2-501",
        "consultation_date": timezone.localdate().isoformat(),
        **overrides,
    }
    assert client.post(reverse("leads:intake"), data).status_code == 302
    return Lead.objects.get(phone=data["phone"])


def test_fd1_walk_in_registered_at_intake_is_in_the_days_reception_log(login, front_desk):
    client = login(front_desk)
    lead = intake(client)
    page = client.get(LOG)
    (row,) = list(page.context["page"])
    assert (row.visitor_name, row.lead, row.lead_link) == ("王先生", lead, LeadLink.CREATED)
    assert (row.purpose, row.receiver, row.recorded_by) == (
        VisitPurpose.NEW_CUSTOMER,
        front_desk,
        front_desk,
    )
    assert f'href="{lead.get_absolute_url()}"' in page.content.decode()


def test_fd1_phone_lead_is_not_a_visit(login, front_desk):
    client = login(front_desk)
    intake(client, channel=Channel.PHONE, in_person="")
    assert list(client.get(LOG).context["page"]) == []


def test_fd1_walk_in_with_its_own_entry_is_listed_once():
    lead = LeadFactory(channel=Channel.SHOWROOM)
    ReceptionEntryFactory(lead=lead, purpose=VisitPurpose.NEW_CUSTOMER, lead_link="ATTACHED")
    rows = reception_log(day=timezone.localdate())
    assert [row.lead for row in rows] == [lead]
    assert rows[0].pk is not None  # the log's own row, not the one read from the lead


def test_fd1_walk_in_of_another_day_is_not_listed():
    lead = LeadFactory(channel=Channel.WALK_IN)
    Lead.objects.filter(pk=lead.pk).update(created_at=timezone.now() - timedelta(days=1))
    assert reception_log(day=timezone.localdate()) == []


def test_fd1_walk_ins_follow_the_purpose_and_search_filters():
    LeadFactory(channel=Channel.WALK_IN, customer_name="李女士")
    today = timezone.localdate()
    assert reception_log(day=today, purpose=VisitPurpose.DELIVERY).count() == 0
    assert [r.visitor_name for r in reception_log(day=today, q="李")] == ["李女士"]
    assert reception_log(day=today, q="张") == []


def test_fd1_entries_and_walk_ins_newest_first():
    now = timezone.now()
    walk_in = LeadFactory(channel=Channel.WALK_IN)
    Lead.objects.filter(pk=walk_in.pk).update(created_at=now - timedelta(minutes=5))
    entry = ReceptionEntryFactory(arrived_at=now - timedelta(minutes=1))
    older = ReceptionEntryFactory(arrived_at=now - timedelta(minutes=30))
    rows = reception_log(day=timezone.localdate())
    assert [row.pk or row.lead.pk for row in rows] == [entry.pk, walk_in.pk, older.pk]


@pytest.mark.parametrize("walk_ins", [1, 10])
def test_fd1_reception_log_query_count_fixed_with_walk_ins(
    login, customer_manager, django_assert_num_queries, walk_ins
):
    for _n in range(walk_ins):
        LeadFactory(channel=Channel.WALK_IN)
        ReceptionEntryFactory()
    client = login(customer_manager)
    client.get(LOG)
    with django_assert_num_queries(5):
        client.get(LOG)
