"""ATT-5 in a real browser: an agent asks for personal leave, two supervisors approve in turn."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from attendance.models import LeaveRequest, LeaveStatus
from staff.models import Department, Role
from tests.factories import StaffFactory

# serialized_rollback: the rows data migrations create (approval levels, default schedule)
# are back even after an earlier transactional test flushed the database.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def next_monday_after_a_week() -> dt.date:
    day = timezone.localdate() + dt.timedelta(days=7)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def label(status: LeaveStatus) -> str:
    with translation.override("zh-hans"):
        return str(status.label)


def approve_as(page, sign_in, live_server, person, leave):
    page.context.clear_cookies()
    sign_in(person)
    page.goto(f"{live_server.url}/attendance/approvals/")
    page.click(f"[data-testid=approve-{leave.pk}]")
    page.wait_for_url(f"{live_server.url}/attendance/approvals/")
    assert page.locator(f"[data-testid=awaiting-{leave.pk}]").count() == 0


def test_att5_agent_requests_personal_leave_and_two_supervisors_approve_in_turn(
    live_server, page, sign_in
):
    gm = StaffFactory(roles=[Role.GM], name="总经理王", department=Department.GM_OFFICE)
    manager = StaffFactory(roles=[Role.CUSTOMER_MANAGER], name="经理张", supervisor=gm)
    agent = StaffFactory(roles=[Role.CS_AGENT], name="客服吴", supervisor=manager)
    team_lead = StaffFactory(roles=[Role.CS_AGENT], name="组长周", supervisor=manager)
    agent.supervisor = team_lead
    agent.save(update_fields=["supervisor"])
    monday = next_monday_after_a_week()

    sign_in(agent)
    page.goto(f"{live_server.url}/attendance/")
    page.click("[data-testid=new-leave]")
    page.select_option("#id_leave_type", "PERSONAL")
    page.fill("#id_start_day", monday.isoformat())
    page.fill("#id_end_day", (monday + dt.timedelta(days=1)).isoformat())
    page.fill("#id_reason", "回老家办理房产手续")
    page.click("[data-testid=leave-form] [type=submit]")
    page.wait_for_url(f"{live_server.url}/attendance/leave/*/")
    leave = LeaveRequest.objects.get(staff=agent)
    assert page.locator("[data-testid=leave-status]").inner_text() == label(LeaveStatus.PENDING)
    assert page.locator("[data-testid=approval-chain] li").all_inner_texts()[0].startswith("组长周")

    approve_as(page, sign_in, live_server, team_lead, leave)
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.PENDING

    approve_as(page, sign_in, live_server, manager, leave)
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.APPROVED

    page.context.clear_cookies()
    sign_in(agent)
    page.goto(f"{live_server.url}{leave.get_absolute_url()}")
    assert page.locator("[data-testid=leave-status]").inner_text() == label(LeaveStatus.APPROVED)
