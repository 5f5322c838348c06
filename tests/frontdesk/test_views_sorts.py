"""The shared list pattern on the front desk's lists (issue 15): the reception and phone logs,
the hotline calls and the document register sort by a whitelisted key, fall back to their
default order, and send as many queries for 50 rows as for 5."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdesk.services import documents
from leads.models import Channel
from tests.frontdesk.factories import (
    CallRecordFactory,
    PhoneConsultationFactory,
    ReceptionEntryFactory,
)
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
RECEPTION = reverse("frontdesk:reception_log")
PHONE = reverse("frontdesk:phone_log")
CALLS = reverse("frontdesk:calls")
DOCUMENTS = reverse("frontdesk:documents")


@pytest.fixture(autouse=True)
def _noon(time_machine):
    """Midday, so "minutes ago" stays today."""
    time_machine.move_to(
        datetime(2026, 11, 10, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False
    )


def rows(response, field: str) -> list:
    return [getattr(row, field) for row in response.context["page"]]


def ago(minutes: int):
    return timezone.now() - timedelta(minutes=minutes)


@pytest.fixture
def visitors():
    """Three visitors today (arrived 鹰 2nd, 魏 last, 陈 first) and one yesterday."""
    ReceptionEntryFactory(visitor_name="昨天", arrived_at=ago(24 * 60 + 5))
    for name, minutes in (("鹰", 20), ("魏", 10), ("陈", 30)):
        ReceptionEntryFactory(visitor_name=name, arrived_at=ago(minutes))


def test_reception_log_sorts_and_keeps_today(login, front_desk, visitors):
    client = login(front_desk)
    assert rows(client.get(RECEPTION), "visitor_name") == ["魏", "鹰", "陈"]  # newest first
    assert rows(client.get(RECEPTION, {"sort": "arrived"}), "visitor_name") == ["陈", "鹰", "魏"]
    # A sort alone keeps today's log (yesterday's visitor is not listed).
    assert rows(client.get(RECEPTION, {"sort": "-visitor"}), "visitor_name") == ["鹰", "魏", "陈"]


def test_reception_log_sorts_the_walk_ins_read_from_leads(login, front_desk, visitors):
    LeadFactory(customer_name="艾", channel=Channel.WALK_IN)
    client = login(front_desk)
    assert rows(client.get(RECEPTION), "visitor_name") == ["艾", "魏", "鹰", "陈"]
    assert rows(client.get(RECEPTION, {"sort": "visitor"}), "visitor_name") == [
        "艾",
        "陈",
        "魏",
        "鹰",
    ]


def test_reception_log_header_and_unknown_sort(login, front_desk, visitors):
    client = login(front_desk)
    response = client.get(RECEPTION, {"sort": "notes"})
    assert response.context["listing"].sort == "-arrived"
    assert rows(response, "visitor_name") == ["魏", "鹰", "陈"]
    body = client.get(RECEPTION, {"sort": "visitor", "day": ""}).content.decode()
    assert 'aria-sort="ascending"' in body
    assert 'href="?day=&amp;sort=-visitor"' in body  # the filter kept in the header
    assert 'data-testid="reception-table"' in body


def test_phone_log_sorts_by_time_and_caller(login, front_desk):
    for name, minutes in (("鹰", 20), ("魏", 10), ("陈", 30)):
        PhoneConsultationFactory(caller_name=name, called_at=ago(minutes))
    client = login(front_desk)
    assert rows(client.get(PHONE), "caller_name") == ["魏", "鹰", "陈"]
    assert rows(client.get(PHONE, {"sort": "caller"}), "caller_name") == ["陈", "魏", "鹰"]
    assert rows(client.get(PHONE, {"sort": "-caller"}), "caller_name") == ["鹰", "魏", "陈"]
    assert client.get(PHONE, {"sort": "topic"}).context["listing"].sort == "-called"


def test_call_list_sorts_by_start_number_and_talk(login, customer_manager):
    calls = [
        CallRecordFactory(started_at=ago(minutes), talk_seconds=talk)
        for minutes, talk in ((20, 300), (10, 60), (30, 120))
    ]
    first, second, third = (call.pk for call in calls)
    client = login(customer_manager)
    assert rows(client.get(CALLS), "pk") == [second, first, third]  # newest first
    assert rows(client.get(CALLS, {"sort": "number"}), "pk") == [first, second, third]
    assert rows(client.get(CALLS, {"sort": "-talk"}), "pk") == [first, third, second]
    response = client.get(CALLS, {"sort": "satisfaction"})
    assert response.context["listing"].sort == "-started"
    assert 'data-testid="call-table"' in response.content.decode()


def test_call_list_keeps_an_agents_own_calls_when_sorted(login):
    mine = CallRecordFactory(talk_seconds=90)
    CallRecordFactory(talk_seconds=30)
    response = login(mine.agent).get(CALLS, {"sort": "talk"})
    assert rows(response, "pk") == [mine.pk]


def test_document_register_sorts_by_number_and_date(login, front_desk):
    today = timezone.localdate()
    registered = [
        documents.register_document(
            data=documents.DocumentData(
                category=category,
                direction="INCOMING",
                document_date=today - timedelta(days=days),
                title=f"文件{days}",
                sender="王先生",
                recipient="客服部",
                handler=front_desk,
                filing_location="档案柜A-3",
            ),
            by=front_desk,
        )
        for category, days in (("LETTER", 2), ("CONTRACT", 1), ("LETTER", 3))
    ]
    xh1, ht1, xh2 = (document.number for document in registered)
    client = login(front_desk)
    assert rows(client.get(DOCUMENTS), "number") == [ht1, xh1, xh2]  # newest date first
    assert rows(client.get(DOCUMENTS, {"sort": "number"}), "number") == [ht1, xh1, xh2]
    assert rows(client.get(DOCUMENTS, {"sort": "-number"}), "number") == [xh2, xh1, ht1]
    assert rows(client.get(DOCUMENTS, {"sort": "date"}), "number") == [xh2, xh1, ht1]
    assert client.get(DOCUMENTS, {"sort": "title"}).context["listing"].sort == "-date"


@pytest.mark.parametrize("count", [5, 50])
def test_sorted_front_desk_lists_send_a_fixed_number_of_queries(
    login, customer_manager, django_assert_num_queries, count
):
    ReceptionEntryFactory.create_batch(count)
    PhoneConsultationFactory.create_batch(count)
    CallRecordFactory.create_batch(count)
    client = login(customer_manager)
    client.get(RECEPTION)
    # session, user, permissions, the day's entries, the walk-ins read from leads.
    with django_assert_num_queries(5):
        assert client.get(RECEPTION, {"sort": "visitor", "per_page": "50"}).status_code == 200
    # session, user, permissions, count, rows.
    with django_assert_num_queries(5):
        assert client.get(PHONE, {"sort": "caller", "per_page": "50"}).status_code == 200
    # session, user, permissions, count, rows, the agents to filter by.
    with django_assert_num_queries(6):
        assert client.get(CALLS, {"sort": "-talk", "per_page": "50"}).status_code == 200
