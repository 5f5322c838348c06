"""The handling form's steps: who may take each (CMP-5/7), follow-up by severity (CMP-6),
never closed without a reply (CMP-7), every step audited (SEC-3) and announced to who is next."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction

from complaints import services
from complaints.models import Complaint, ComplaintEvent, ComplaintStatus
from staff.models import Department, Notification, Role
from tests.complaints.conftest import register
from tests.factories import StaffFactory

BEIJING = ZoneInfo("Asia/Shanghai")
S = ComplaintStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday(time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 11, 0, tzinfo=BEIJING), tick=False)


def refusal(call) -> str:
    with pytest.raises(services.ComplaintError) as refused:
        call()
    return str(refused.value)


def investigate(complaint, by):
    return services.record_investigation(
        complaint=complaint, by=by, findings="现场查看属实", proposal="安排返工"
    )


def decide(complaint, by, department=Department.ENGINEERING):
    return services.decide_complaint(
        complaint=complaint, by=by, handling_method="工长返工", responsible_department=department
    )


def handle(complaint, by):
    return services.record_handling(complaint=complaint, by=by, handling_record="已返工")


def reply(complaint, by, at=None):
    at = at or datetime(2026, 3, 2, 10, 50, tzinfo=BEIJING)
    return services.record_reply(
        complaint=complaint, by=by, channel="PHONE", text="已电话告知", replied_at=at
    )


def follow_up(complaint, by, satisfaction=4):
    return services.record_follow_up(
        complaint=complaint,
        by=by,
        visited_at=datetime(2026, 3, 2, 10, 55, tzinfo=BEIJING),
        outcome="业主满意",
        satisfaction=satisfaction,
    )


def close(complaint, by):
    return services.close_complaint(complaint=complaint, by=by, gm_report="已处理完毕")


# ---------------------------------------------------------------- CMP-7 the whole path


def test_cmp7_a_complaint_walks_every_step_to_closed(
    registered, cs_agent, customer_manager, engineer
):
    complaint = investigate(registered, cs_agent)
    assert complaint.status == S.INVESTIGATED
    complaint = decide(complaint, customer_manager)
    assert (complaint.status, complaint.responsible_department) == (S.DECIDED, "ENGINEERING")
    complaint = handle(complaint, engineer)
    assert (complaint.status, complaint.handled_by) == (S.HANDLED, engineer)
    complaint = reply(complaint, cs_agent)
    assert (complaint.status, complaint.reply_channel) == (S.REPLIED, "PHONE")
    complaint = follow_up(complaint, cs_agent)
    assert complaint.status == S.REPLIED
    complaint = close(complaint, customer_manager)
    complaint.refresh_from_db()
    assert (complaint.status, complaint.gm_report, complaint.closed_by) == (
        S.CLOSED,
        "已处理完毕",
        customer_manager,
    )


def test_cmp7_a_step_cannot_be_taken_twice(registered, cs_agent):
    investigate(registered, cs_agent)
    assert refusal(lambda: investigate(registered, cs_agent)) == (
        "A complaint moves one step at a time; this is not its next step."
    )


def test_cmp7_no_skipping_straight_to_the_decision(registered, customer_manager):
    assert refusal(lambda: decide(registered, customer_manager)) == (
        "A complaint moves one step at a time; this is not its next step."
    )


def test_cmp7_closed_complaint_takes_no_more_steps(registered, walk_to, cs_agent):
    closed = walk_to(registered, S.CLOSED)
    assert refusal(lambda: follow_up(closed, cs_agent)) == "The complaint is already closed."


# ---------------------------------------------------------------- CMP-5/7 who may take each step

ROLE_REFUSED = "Your role may not take this step."


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        (Role.CS_AGENT, True),
        (Role.CUSTOMER_MANAGER, True),
        (Role.FRONT_DESK, False),
        (Role.DESIGN_MANAGER, False),
        (Role.GM, False),
    ],
    indirect=["persona"],
)
def test_cmp4_who_records_the_investigation(registered, persona, allowed):
    if allowed:
        assert investigate(registered, persona).status == S.INVESTIGATED
    else:
        assert refusal(lambda: investigate(registered, persona)) == ROLE_REFUSED


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        (Role.CUSTOMER_MANAGER, True),
        (Role.CS_AGENT, False),
        (Role.DESIGN_MANAGER, False),
        (Role.GM, False),
    ],
    indirect=["persona"],
)
def test_cmp5_only_the_department_manager_decides(registered, walk_to, persona, allowed):
    complaint = walk_to(registered, S.INVESTIGATED)
    if allowed:
        assert decide(complaint, persona).status == S.DECIDED
    else:
        assert refusal(lambda: decide(complaint, persona)) == ROLE_REFUSED


def test_cmp5_staff_of_the_responsible_department_handle_it(registered, walk_to, engineer):
    complaint = walk_to(registered, S.DECIDED, department=Department.ENGINEERING)
    assert handle(complaint, engineer).status == S.HANDLED


def test_cmp5_staff_of_another_department_may_not_handle_it(registered, walk_to, designer):
    complaint = walk_to(registered, S.DECIDED, department=Department.ENGINEERING)
    assert refusal(lambda: handle(complaint, designer)) == ROLE_REFUSED


def test_cmp5_the_design_manager_handles_what_design_is_responsible_for(
    registered, walk_to, design_manager
):
    complaint = walk_to(registered, S.DECIDED, department=Department.DESIGN)
    assert handle(complaint, design_manager).handled_by == design_manager


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [(Role.CS_AGENT, True), (Role.CUSTOMER_MANAGER, True), (Role.DESIGN_MANAGER, False)],
    indirect=["persona"],
)
def test_cmp5_customer_service_replies_to_the_customer(registered, walk_to, persona, allowed):
    complaint = walk_to(registered, S.HANDLED)
    if allowed:
        assert reply(complaint, persona).status == S.REPLIED
    else:
        assert refusal(lambda: reply(complaint, persona)) == ROLE_REFUSED


def test_cmp7_only_the_customer_manager_closes(registered, walk_to, cs_agent):
    complaint = walk_to(registered, "FOLLOWED_UP")
    assert refusal(lambda: close(complaint, cs_agent)) == ROLE_REFUSED


def test_cmp5_decision_needs_a_responsible_department(registered, walk_to, customer_manager):
    complaint = walk_to(registered, S.INVESTIGATED)
    assert refusal(lambda: decide(complaint, customer_manager, department="")) == (
        "Choose the department responsible for handling the complaint."
    )


def test_cmp4_investigation_needs_findings(registered, cs_agent):
    call = lambda: services.record_investigation(  # noqa: E731
        complaint=registered, by=cs_agent, findings="  ", proposal="返工"
    )
    assert refusal(call) == "Write down what the investigation found."


def test_cmp5_reply_cannot_be_before_the_complaint_arrived(registered, walk_to, cs_agent):
    complaint = walk_to(registered, S.HANDLED)
    early = registered.received_at - timedelta(minutes=1)
    assert refusal(lambda: reply(complaint, cs_agent, at=early)) == (
        "The reply cannot be before the complaint arrived."
    )


def test_cmp5_reply_cannot_be_in_the_future(registered, walk_to, cs_agent):
    complaint = walk_to(registered, S.HANDLED)
    later = datetime(2026, 3, 2, 12, 0, tzinfo=BEIJING)
    assert refusal(lambda: reply(complaint, cs_agent, at=later)) == (
        "The reply cannot be in the future."
    )


# ---------------------------------------------------------------- CMP-7 never closed without reply


def test_cmp7_never_closed_without_a_reply(registered, walk_to, customer_manager):
    complaint = walk_to(registered, "FOLLOWED_UP")
    Complaint.objects.filter(pk=complaint.pk).update(reply_text="")  # e.g. damaged data
    assert refusal(lambda: close(complaint, customer_manager)) == (
        "Record the reply to the customer before closing the complaint."
    )
    assert Complaint.objects.get(pk=complaint.pk).status == S.REPLIED


def test_cmp7_the_database_refuses_a_closed_complaint_without_reply(registered):
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.filter(pk=registered.pk).update(status=S.CLOSED, reply_text="")


def test_cmp6_not_closed_before_the_follow_up_visit(registered, walk_to, customer_manager):
    complaint = walk_to(registered, S.REPLIED)
    assert refusal(lambda: close(complaint, customer_manager)) == (
        "Record the follow-up visit before closing the complaint."
    )


# ---------------------------------------------------------------- CMP-6 follow-up


@pytest.mark.parametrize(("severity", "method"), [("MINOR", "PHONE"), ("MAJOR", "ON_SITE")])
def test_cmp6_follow_up_method_follows_severity(cs_agent, category, walk_to, severity, method):
    complaint = walk_to(register(cs_agent, category, severity=severity), "FOLLOWED_UP")
    assert (complaint.follow_up_method, complaint.satisfaction) == (method, 5)


@pytest.mark.parametrize("score", [0, 6])
def test_cmp6_satisfaction_is_one_to_five(registered, walk_to, cs_agent, score):
    complaint = walk_to(registered, S.REPLIED)
    assert refusal(lambda: follow_up(complaint, cs_agent, satisfaction=score)) == (
        "Choose a score from 1 to 5."
    )


def test_cmp6_follow_up_only_after_the_reply(registered, walk_to, cs_agent):
    complaint = walk_to(registered, S.HANDLED)
    assert refusal(lambda: follow_up(complaint, cs_agent)) == (
        "The follow-up visit comes after the reply to the customer."
    )


def test_cmp6_design_manager_does_not_record_follow_ups(registered, walk_to, design_manager):
    complaint = walk_to(registered, S.REPLIED)
    assert refusal(lambda: follow_up(complaint, design_manager)) == ROLE_REFUSED


# ---------------------------------------------------------------- SEC-3 audit, notifications


def test_sec3_every_step_is_in_the_history_with_who_took_it(
    registered, walk_to, cs_agent, customer_manager
):
    walk_to(registered, S.CLOSED)
    rows = list(
        registered.history.order_by("history_id").values_list(
            "history_change_reason", "history_user", "status"
        )
    )
    assert rows == [
        (ComplaintEvent.REGISTERED, cs_agent.pk, S.REGISTERED),
        (ComplaintEvent.INVESTIGATED, cs_agent.pk, S.INVESTIGATED),
        (ComplaintEvent.DECIDED, customer_manager.pk, S.DECIDED),
        (ComplaintEvent.HANDLED, customer_manager.pk, S.HANDLED),
        (ComplaintEvent.REPLIED, cs_agent.pk, S.REPLIED),
        (ComplaintEvent.FOLLOWED_UP, cs_agent.pk, S.REPLIED),
        (ComplaintEvent.CLOSED, customer_manager.pk, S.CLOSED),
    ]


def test_cmp5_the_decision_is_announced_to_the_responsible_department(
    registered, walk_to, customer_manager, engineer
):
    worker = StaffFactory(
        roles=[Role.ENGINEERING], department=Department.ENGINEERING, supervisor=engineer
    )
    complaint = walk_to(registered, S.INVESTIGATED)
    Notification.objects.all().delete()
    decide(complaint, customer_manager)
    recipients = {n.recipient for n in Notification.objects.all()}
    assert engineer in recipients  # heads the department (supervisor outside it)
    assert worker not in recipients
    assert customer_manager not in recipients  # took the step
    text = Notification.objects.get(recipient=engineer).text
    assert text == "Complaint TS2026-0001 is for Engineering to handle."


def test_cmp5_the_investigation_is_announced_to_the_customer_manager(
    registered, cs_agent, customer_manager
):
    Notification.objects.all().delete()
    investigate(registered, cs_agent)
    note = Notification.objects.get()
    assert (note.recipient, note.text) == (
        customer_manager,
        "Complaint TS2026-0001 is investigated and waits for a decision.",
    )


def test_cmp5_closing_reports_to_the_general_manager(registered, walk_to, gm, customer_manager):
    complaint = walk_to(registered, "FOLLOWED_UP")
    Notification.objects.all().delete()
    close(complaint, customer_manager)
    note = Notification.objects.get(recipient=gm)
    assert note.text == "Complaint TS2026-0001 is closed. Report: 已处理完毕"
    assert note.link == complaint.get_absolute_url()


def test_cmp6_follow_up_is_recorded_once(registered, walk_to, cs_agent):
    complaint = walk_to(registered, "FOLLOWED_UP")
    assert refusal(lambda: follow_up(complaint, cs_agent, satisfaction=1)) == (
        "The follow-up visit is already recorded."
    )
