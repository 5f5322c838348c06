"""The 工作台 (issue 15, finding 2): each role's home shows what waits for this person today,
with counts that link to the filtered lists, in a fixed number of queries."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from attendance.models import LeaveStatus
from complaints.models import ComplaintStatus
from leads.models import Contract, LeadState
from reports.workbench import periods
from staff.models import Notification
from tests.attendance.factories import LeaveApprovalFactory, LeaveRequestFactory
from tests.complaints.factories import ComplaintFactory
from tests.dispatch.factories import ReadyLeadFactory
from tests.frontdesk.factories import AppointmentFactory
from tests.leads.factories import LeadFactory

NOW = datetime(2026, 4, 15, 10, 0, tzinfo=timezone.get_fixed_timezone(480))
HOME_QUERY_BUDGET = 12


def _home(client):
    """The home in English (the language cookie wins over the default Chinese)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get("/")


def _queue(response, key):
    section_queues = [q for s in response.context["sections"] for q in s.queues if q.key == key]
    assert section_queues, f"no queue {key}"
    return section_queues[0]


def _kpi(response, key):
    return next(k for s in response.context["sections"] for k in s.kpis if k.key == key)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


# --- customer manager -----------------------------------------------------------------------------


def test_workbench_customer_manager_counts_ready_and_not_ready_with_what_is_missing(
    customer_manager, login
):
    ReadyLeadFactory.create_batch(2)
    LeadFactory(planned_decoration_date=None)
    LeadFactory(budget=None, levels_introduced=False)
    response = _home(login(customer_manager))
    ready, not_ready = _queue(response, "ready"), _queue(response, "not-ready")
    assert (ready.count, not_ready.count) == (2, 2)
    assert ready.url == "/dispatch/?tab=ready"
    assert not_ready.url == "/dispatch/?tab=waiting"
    assert "planned decoration date 1" in str(not_ready.detail)
    assert "budget 1" in str(not_ready.detail)
    assert "designer levels not introduced 2" in str(not_ready.detail)


def test_workbench_customer_manager_overdue_complaints_link_to_filtered_register(
    customer_manager, login
):
    ComplaintFactory(received_at=timezone.now() - timedelta(days=3))  # investigation late
    ComplaintFactory()  # on time
    response = _home(login(customer_manager))
    overdue = _queue(response, "complaints-overdue")
    assert overdue.count == 1
    assert overdue.url == "/complaints/?overdue=on"
    assert login(customer_manager).get(overdue.url).context["page"].paginator.count == 1


# --- agent, front desk, design manager, designer ------------------------------------------------


def test_workbench_agent_sees_callbacks_and_complaints_at_their_step(cs_agent, login):
    ComplaintFactory.create_batch(2)
    ComplaintFactory(status=ComplaintStatus.HANDLED)
    ComplaintFactory(status=ComplaintStatus.INVESTIGATED)  # the manager decides: not mine
    response = _home(login(cs_agent))
    assert _queue(response, "complaints-registered").count == 2
    assert _queue(response, "complaints-handled").count == 1
    assert _queue(response, "complaints-registered").url == "/complaints/?status=REGISTERED"
    keys = {q.key for s in response.context["sections"] for q in s.queues}
    assert "complaints-investigated" not in keys
    assert _queue(response, "callbacks").count == 0


def test_workbench_front_desk_counts_todays_appointments(front_desk, login):
    AppointmentFactory.create_batch(3)
    AppointmentFactory(starts_at=timezone.now() + timedelta(days=1))
    response = _home(login(front_desk))
    queue = _queue(response, "appointments")
    assert queue.count == 3
    assert queue.url == "/frontdesk/appointments/"


def test_workbench_design_manager_counts_closures_to_confirm(design_manager, login):
    response = _home(login(design_manager))
    queue = _queue(response, "closures-awaiting")
    assert queue.count == 0
    assert queue.url == "/leads/closures/?tab=awaiting"


def test_workbench_designer_counts_new_leads_and_measurements_due(designer, login):
    LeadFactory(designer=designer, state=LeadState.DISPATCHED, dispatched_at=timezone.now())
    LeadFactory(
        designer=designer,
        state=LeadState.DISPATCHED,
        dispatched_at=timezone.now() - timedelta(days=3),
    )
    LeadFactory(state=LeadState.DISPATCHED, dispatched_at=timezone.now())  # someone else's
    response = _home(login(designer))
    assert _queue(response, "new-leads").count == 1
    assert _queue(response, "to-measure").count == 2
    assert _queue(response, "to-measure").url == "/dispatch/my-leads/?state=DISPATCHED"


# --- HR and GM ------------------------------------------------------------------------------------


def test_workbench_hr_counts_leave_at_their_level(hr, login):
    LeaveApprovalFactory(approver=hr, request=LeaveRequestFactory(status=LeaveStatus.PENDING))
    response = _home(login(hr))
    assert _queue(response, "approvals").count == 1
    assert _queue(response, "approvals").url == "/attendance/approvals/"
    assert str(_queue(response, "approvals").detail) == "1 leave, 0 outings"
    assert "not prepared yet" in str(_queue(response, "pay").detail)


def test_finding2_gm_home_shows_no_approved_leave_as_a_todo(gm, login):
    request = LeaveRequestFactory(status=LeaveStatus.APPROVED)
    LeaveApprovalFactory(approver=gm, request=request, decision="APPROVED", decided_at=NOW)
    done = Notification.objects.create(recipient=gm, text="请审批 已批准的假", done_at=NOW)
    read = Notification.objects.create(recipient=gm, text="已读", read_at=NOW)
    still_open = Notification.objects.create(recipient=gm, text="请审批 新的请假")
    response = _home(login(gm))
    assert _queue(response, "approvals").count == 0
    assert list(response.context["todos"]) == [still_open]
    assert done.text not in response.content.decode()
    assert read.text not in response.content.decode()


def test_workbench_gm_kpis_compare_with_same_days_last_month(gm, login):
    LeadFactory.create_batch(4, consultation_date=date(2026, 4, 2))
    LeadFactory.create_batch(2, consultation_date=date(2026, 3, 10))
    LeadFactory(consultation_date=date(2026, 3, 20))  # after 15 March: not compared
    signed = LeadFactory(consultation_date=date(2026, 4, 3), state=LeadState.SIGNED)
    Contract.objects.create(
        lead=signed,
        number="HT-1",
        amount=Decimal(123456),
        signed_on=date(2026, 4, 5),
        recorded_by=gm,
    )
    response = _home(login(gm))
    leads = _kpi(response, "leads")
    assert (leads.value, leads.previous, leads.change) == (5, 2, 3)
    conversion = _kpi(response, "conversion")
    assert (conversion.value, conversion.previous) == (20.0, 0.0)
    amount = _kpi(response, "amount")
    assert (amount.value, amount.change) == (Decimal(123456), Decimal(123456))
    assert "¥123,456" in response.content.decode()


def test_workbench_periods_cut_last_month_at_its_end():
    current, previous = periods(date(2026, 3, 31))
    assert (current.first, current.last) == (date(2026, 3, 1), date(2026, 3, 31))
    assert (previous.first, previous.last) == (date(2026, 2, 1), date(2026, 2, 28))


# --- fixed query counts ---------------------------------------------------------------------------


def _rows(n, customer_manager, designer, gm):
    ReadyLeadFactory.create_batch(n)
    LeadFactory.create_batch(n, budget=None)
    LeadFactory.create_batch(
        n, designer=designer, state=LeadState.DISPATCHED, dispatched_at=timezone.now()
    )
    ComplaintFactory.create_batch(n)
    AppointmentFactory.create_batch(n)
    for _ in range(n):
        Notification.objects.create(recipient=gm, text="请审批")


@pytest.mark.parametrize(
    "role",
    ["front_desk", "cs_agent", "customer_manager", "design_manager", "designer", "hr", "gm"],
)
def test_workbench_query_count_is_fixed_and_within_budget(role, request, login):
    user = request.getfixturevalue(role)
    designer = request.getfixturevalue("designer")
    cm, gm = request.getfixturevalue("customer_manager"), request.getfixturevalue("gm")
    counts = []
    for n in (5, 45):
        _rows(n, cm, designer, gm)
        client = login(user)
        with CaptureQueriesContext(connection) as ctx:
            assert _home(client).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
    assert counts[0] <= HOME_QUERY_BUDGET, counts
