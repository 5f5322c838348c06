"""Issue 10: the customer manager's dispatch POST runs a fixed number of queries, however many
designers there are and however many leads they had before, and still writes everything."""

import datetime
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dispatch.models import Assignment, Skip
from leads.models import Callback, LeadEvent, LeadState
from staff.models import Notification, Role
from tests.dispatch.conftest import NOW
from tests.dispatch.factories import AssignmentFactory, DesignerFactory, ReadyLeadFactory
from tests.dispatch.test_services_dispatch import signed_slip
from tests.factories import StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

# Every write a dispatch makes (DISP-5, DISP-8, CB-1, RPT-2, audit history), one statement each.
WRITES = Counter(
    {
        "UPDATE leads_lead": 1,  # state, designer, dispatched_at
        "INSERT leads_historicallead": 1,
        "INSERT leads_leadevent": 1,  # the timeline
        "INSERT leads_callback": 1,  # the callback a day after dispatch
        "INSERT leads_historicalcallback": 1,
        "INSERT dispatch_assignment": 1,
        "INSERT dispatch_historicalassignment": 1,
        "INSERT dispatch_skip": 1,  # every designer passed over, in one insert
        "INSERT staff_notification": 1,  # the designer is told
        "INSERT staff_outboundevent": 1,  # lead.dispatched for webhooks and robots (issue 16)
    }
)
# Reads: session, user (with the unread count), roles and permissions; the lead locked and read
# with its slip; the designers locked; the day's caps, tiers and season; who is on leave; the
# designers' load, titles and declines; the callback's agent, delay and open callback.
READS = 9
# The service's transaction: SAVEPOINT and RELEASE here (the test runs in a transaction), BEGIN
# and COMMIT in production.
TRANSACTION = 2
DISPATCH_POST = READS + sum(WRITES.values()) + TRANSACTION  # 21
# A marketing lead also reads its slip's signatures, writes the designer on the slip (with its
# history) and tells the salesperson.
MARKETING_EXTRA = 4


@pytest.fixture
def manager_client(login, customer_manager):
    return login(customer_manager)


def _designers(count: int, past_each: int, first_no: int) -> list:
    """`count` designers, each with `past_each` leads dispatched in earlier weeks (measured, so
    they count for nothing today); the first one has reached today's cap, so a dispatch passes
    them over (a Skip row)."""
    manager = StaffFactory(roles=[Role.CUSTOMER_MANAGER])
    designers = [DesignerFactory(employee_no=str(first_no + n)) for n in range(count)]
    for weeks, designer in enumerate(designers, start=1):
        for n in range(past_each):
            AssignmentFactory(
                designer=designer,
                dispatched_by=manager,
                dispatched_at=NOW - datetime.timedelta(weeks=weeks + n),
                lead__state=LeadState.MEASURED,
            )
    AssignmentFactory.create_batch(2, designer=designers[0], dispatched_by=manager)
    return designers


def _dispatch(client, lead) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(reverse("dispatch:dispatch", args=[lead.pk]))
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.state == LeadState.DISPATCHED
    return [query["sql"] for query in ctx.captured_queries]


def _writes(statements: list[str]) -> Counter:
    labels = Counter()
    for sql in statements:
        words = sql.replace('"', "").split()
        if words[0] == "INSERT":
            labels[f"INSERT {words[2]}"] += 1
        elif words[0] == "UPDATE":
            labels[f"UPDATE {words[1]}"] += 1
    return labels


@pytest.mark.parametrize(("designers", "past_each"), [(3, 1), (30, 4)])
def test_dispatch_post_runs_a_fixed_number_of_queries(manager_client, designers, past_each):
    _designers(designers, past_each, first_no=1000)
    StaffFactory(roles=[Role.CS_AGENT])
    _dispatch(manager_client, ReadyLeadFactory())  # warm-up (content types, sessions)
    lead = ReadyLeadFactory()

    statements = _dispatch(manager_client, lead)

    assert len(statements) == DISPATCH_POST, "\n".join(statements)
    assert _writes(statements) == WRITES
    assert sum(sql.startswith("SAVEPOINT") for sql in statements) == 1  # no nested savepoints


def test_dispatch_post_still_writes_everything(manager_client):
    _designers(3, 1, first_no=1000)
    agent = StaffFactory(roles=[Role.CS_AGENT])
    lead = ReadyLeadFactory()

    _dispatch(manager_client, lead)

    assignment = Assignment.objects.get(lead=lead)
    assert assignment.history.count() == 1
    assert lead.history.filter(history_change_reason="dispatch").count() == 1
    assert LeadEvent.objects.filter(lead=lead, kind=LeadEvent.Kind.DISPATCH).count() == 1
    callback = Callback.objects.get(lead=lead)
    assert callback.assignee == agent
    assert callback.due_at == lead.dispatched_at + datetime.timedelta(days=1)
    assert callback.history.count() == 1
    assert Skip.objects.filter(assignment=assignment).count() == 1
    assert Notification.objects.filter(recipient=assignment.designer).count() == 1


def test_dispatch_post_of_a_marketing_lead_adds_only_the_slip(manager_client):
    designers = _designers(3, 1, first_no=1000)
    _dispatch(manager_client, ReadyLeadFactory())  # warm-up
    slip = signed_slip(preferred_designer=designers[1])

    statements = _dispatch(manager_client, slip.lead)

    assert len(statements) == DISPATCH_POST + MARKETING_EXTRA, "\n".join(statements)
    slip.refresh_from_db()
    assert slip.designer == designers[1]
    assert Notification.objects.filter(recipient=slip.salesperson).count() == 1


def test_dispatch_post_of_an_unknown_lead_is_not_found(manager_client):
    """The view leaves reading the lead to the service's lock; a missing lead is still a 404."""
    response = manager_client.post(reverse("dispatch:dispatch", args=[987654]))
    assert response.status_code == 404
