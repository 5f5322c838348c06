"""Every front desk list page runs the same number of queries for 5 and for 50 rows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdesk.models import AgentDailyMetric, GoodCase, MoodCheckIn
from frontdesk.services import documents
from staff.models import Role
from tests.factories import StaffFactory
from tests.frontdesk.factories import (
    AppointmentFactory,
    CallRecordFactory,
    HandoverNoteFactory,
    PhoneConsultationFactory,
    ReceptionEntryFactory,
)
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db


def reception(rows: int, **_) -> None:
    for number in range(rows):
        ReceptionEntryFactory(lead=LeadFactory() if number % 2 else None)


def calls_log(rows: int, **_) -> None:
    for number in range(rows):
        PhoneConsultationFactory(lead=LeadFactory() if number % 2 else None)


def appointments(rows: int, house, **_) -> None:
    soon = timezone.now() + timedelta(minutes=5)
    for number in range(rows):
        AppointmentFactory(
            sample_house=house,
            starts_at=soon + timedelta(seconds=number),
            lead=LeadFactory(),
            invited_by=StaffFactory(),
        )


def handover(rows: int, **_) -> None:
    HandoverNoteFactory.create_batch(rows)


def agents(rows: int, **_) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    for agent in StaffFactory.create_batch(rows, roles=[Role.CS_AGENT]):
        AgentDailyMetric.objects.create(
            agent=agent,
            day=yesterday,
            calls=10,
            answered_in_time=9,
            talk_seconds=1000,
            rated_calls=5,
            satisfaction_total=20,
            first_contact_resolved=7,
            complaints=1,
            ring_seconds_limit=15,
            computed_at=timezone.now(),
        )
        MoodCheckIn.objects.create(agent=agent, day=yesterday, mood=3)


def call_records(rows: int, **_) -> None:
    agent = StaffFactory(roles=[Role.CS_AGENT])
    CallRecordFactory.create_batch(rows, agent=agent)


def good_cases(rows: int, manager, **_) -> None:
    for call in CallRecordFactory.create_batch(rows):
        GoodCase.objects.create(
            staff=call.agent,
            call_record=call,
            note="好",
            marked_by=manager,
            marked_at=timezone.now(),
        )


def register(rows: int, manager, **_) -> None:
    for number in range(rows):
        data = documents.DocumentData(
            category=["LETTER", "FAX", "CONTRACT"][number % 3],
            direction="INCOMING",
            document_date=timezone.localdate(),
            title=f"文件{number}",
            sender="物业",
            recipient="客服部",
            handler=manager,
            filing_location="A-1",
        )
        documents.register_document(data=data, by=manager)


# url, builder, queries: session, user with the unread count, roles and permissions (one query,
# staff.backends), then the page's own (count and rows, or one query per section).
PAGES = {
    "reception": ("/frontdesk/reception/", reception, 5),
    "phone": ("/frontdesk/calls/", calls_log, 5),
    "appointments": ("/frontdesk/appointments/", appointments, 5),
    "home": ("/frontdesk/", appointments, 9),
    "handover": ("/frontdesk/handover/", handover, 11),
    "quality": ("/frontdesk/quality/", agents, 10),
    "calls": ("/frontdesk/quality/calls/", call_records, 6),
    "good_cases": ("/frontdesk/good-cases/", good_cases, 5),
    "documents": ("/frontdesk/documents/", register, 5),
}


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize("page", list(PAGES))
def test_list_page_query_count_is_fixed(
    login, customer_manager, house, django_assert_num_queries, page, rows
):
    url, build, queries = PAGES[page]
    build(rows, house=house, manager=customer_manager)
    client = login(customer_manager)
    client.get(url)  # warm up
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
