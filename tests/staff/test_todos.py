"""Notifications that resolve (issue 15): a to-do is tied to its object and step and is marked
done when that step is done, by whoever does it; the bell counts unread, the home shows only
open to-dos."""

import datetime as dt
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation

from attendance import services as attendance_services
from attendance.services import pay as pay_services
from complaints import services as complaint_services
from leads.services import closures
from staff import queries
from staff.models import Department, Notification, Role
from staff.services import notify, notify_many, resolve_todos
from tests.attendance.conftest import chain  # noqa: F401 - fixture
from tests.attendance.pay_factories import MARCH, employee
from tests.complaints.conftest import category, engineer, register  # noqa: F401 - fixtures
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def open_todos(person, target=None):
    rows = Notification.objects.filter(recipient=person, done_at__isnull=True).exclude(step="")
    if target is not None:
        rows = rows.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=target.pk
        )
    return rows


# ---------------------------------------------------------------- the tie and the resolver


def test_todo_is_tied_to_its_object_and_step(front_desk, customer_manager):
    lead = LeadFactory()
    note = notify(recipient=customer_manager, text="请处理", target=lead, step="dispatch")
    assert (note.target, note.step, note.done_at, note.is_todo) == (lead, "dispatch", None, True)
    plain = notify(recipient=customer_manager, text="通知")
    assert (plain.target, plain.is_todo) == (None, False)


def test_todo_without_a_step_is_refused(customer_manager):
    with pytest.raises(ValueError):
        notify(recipient=customer_manager, text="x", target=LeadFactory())


def test_resolve_marks_every_recipients_todo_of_that_step_done_and_read(
    front_desk, cs_agent, customer_manager
):
    lead, other = LeadFactory(), LeadFactory()
    notify_many(recipients=[front_desk, cs_agent], text="回访", target=lead, step="callback")
    kept_step = notify(recipient=front_desk, text="派单", target=lead, step="dispatch")
    kept_other = notify(recipient=front_desk, text="回访", target=other, step="callback")
    assert queries.unread_count(front_desk) == 3

    assert resolve_todos(lead, "callback") == 2
    assert not open_todos(cs_agent).exists()
    assert list(open_todos(front_desk)) == [kept_other, kept_step]
    assert queries.unread_count(front_desk) == 2  # the bell counts only what is left
    done = Notification.objects.get(recipient=cs_agent)
    assert done.done_at is not None and done.read_at == done.done_at


def test_resolve_keeps_the_time_a_todo_was_read(customer_manager):
    lead = LeadFactory()
    note = notify(recipient=customer_manager, text="x", target=lead, step="s")
    read_at = timezone.now() - timedelta(hours=1)
    Notification.objects.filter(pk=note.pk).update(read_at=read_at)
    resolve_todos(lead)  # no step: every open to-do about the lead
    note.refresh_from_db()
    assert note.read_at == read_at and note.done_at is not None


def test_home_shows_open_todos_only(login, customer_manager):
    lead = LeadFactory()
    notify(recipient=customer_manager, text="TODO-OPEN", target=lead, step="a")
    notify(recipient=customer_manager, text="TODO-DONE", target=lead, step="b")
    resolve_todos(lead, "b")
    page = login(customer_manager).get(reverse("home")).content.decode()
    assert "TODO-OPEN" in page and "TODO-DONE" not in page


# ---------------------------------------------------------------- each step resolves its to-do


@pytest.fixture
def monday(time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 11, 0, tzinfo=BEIJING), tick=False)


@pytest.mark.usefixtures("monday")
def test_complaint_close_marks_follow_up_and_close_done(
    cs_agent,
    front_desk,
    customer_manager,
    engineer,  # noqa: F811
    category,  # noqa: F811
):
    colleague = StaffFactory(roles=[Role.CS_AGENT], name="客服郑")
    complaint = register(front_desk, category)
    assert open_todos(cs_agent, complaint).get().step == "REGISTERED"
    complaint = complaint_services.record_investigation(
        complaint=complaint, by=cs_agent, findings="属实", proposal="返工"
    )
    assert not open_todos(cs_agent, complaint).filter(step="REGISTERED").exists()
    complaint = complaint_services.decide_complaint(
        complaint=complaint,
        by=customer_manager,
        handling_method="返工",
        responsible_department=Department.ENGINEERING,
    )
    complaint = complaint_services.record_handling(
        complaint=complaint, by=engineer, handling_record="已返工"
    )
    complaint = complaint_services.record_reply(
        complaint=complaint,
        by=cs_agent,
        channel="PHONE",
        text="已告知",
        replied_at=datetime(2026, 3, 2, 10, 50, tzinfo=BEIJING),
    )
    # "answered; make the follow-up visit and close it" waits for the agents and the manager.
    waiting = open_todos(colleague, complaint).get()
    assert waiting.step == "REPLIED"
    complaint = complaint_services.record_follow_up(
        complaint=complaint,
        by=cs_agent,
        visited_at=datetime(2026, 3, 2, 10, 55, tzinfo=BEIJING),
        outcome="满意",
        satisfaction=4,
    )
    assert open_todos(customer_manager, complaint).get().step == "REPLIED"  # until closed
    complaint_services.close_complaint(complaint=complaint, by=customer_manager, gm_report="已处理")
    # Closed by a colleague: every to-do about the complaint is done for everybody.
    assert not Notification.objects.filter(
        target_type=ContentType.objects.get_for_model(complaint),
        target_id=complaint.pk,
        done_at__isnull=True,
    ).exists()
    waiting.refresh_from_db()
    assert waiting.read_at is not None


@pytest.fixture
def frozen_leave():
    with time_machine.travel(datetime(2026, 3, 11, 10, 0, tzinfo=BEIJING), tick=False):
        yield


def test_leave_approval_marks_the_approval_todo_done(frozen_leave, chain):  # noqa: F811
    leave = attendance_services.file_leave(
        staff=chain.clerk,
        by=chain.clerk,
        leave_type="PERSONAL",
        start_day=dt.date(2026, 3, 16),
        end_day=dt.date(2026, 3, 17),
        reason="家里有事",
    )
    assert open_todos(chain.lead, leave).get().step == "approve"
    attendance_services.approve_leave(leave=leave, by=chain.lead)
    assert not open_todos(chain.lead, leave).exists()
    assert open_todos(chain.manager, leave).count() == 1  # the next level's turn
    attendance_services.approve_leave(leave=leave, by=chain.manager)
    assert not open_todos(chain.manager, leave).exists()


def test_leave_refusal_and_cancellation_end_the_todo(frozen_leave, chain):  # noqa: F811
    def file(start):
        return attendance_services.file_leave(
            staff=chain.clerk,
            by=chain.clerk,
            leave_type="PERSONAL",
            start_day=start,
            end_day=start,
            reason="x",
        )

    refused = file(dt.date(2026, 3, 16))
    attendance_services.reject_leave(leave=refused, by=chain.lead, comment="人手不够")
    assert not open_todos(chain.lead, refused).exists()
    cancelled = file(dt.date(2026, 3, 18))
    attendance_services.cancel_leave(leave=cancelled, by=chain.clerk)
    assert not open_todos(chain.lead, cancelled).exists()


@pytest.fixture
def early_april():
    with time_machine.travel(datetime(2026, 4, 3, 10, 0, tzinfo=BEIJING), tick=False):
        yield


@pytest.fixture
def ledger(monkeypatch):
    monkeypatch.setattr("attendance.services.pay_build.commission_lines", lambda *a: [])
    monkeypatch.setattr("attendance.services.pay.commission_lines", lambda *a: [])


def test_pay_approval_marks_the_gms_todo_done(early_april, ledger, hr, gm):
    employee(name="前台孙丽")
    pay_services.prepare_month(month=MARCH, by=hr)
    pay_month = pay_services.submit_month(month=MARCH, by=hr)
    assert open_todos(gm, pay_month).get().step == "approve"
    pay_services.return_month(month=MARCH, reason="核对奖金", by=gm)
    assert not open_todos(gm, pay_month).exists()
    assert open_todos(hr, pay_month).get().step == "submit"
    pay_services.submit_month(month=MARCH, by=hr)
    assert not open_todos(hr, pay_month).exists()
    pay_services.approve_month(month=MARCH, by=gm)
    assert not open_todos(gm, pay_month).exists()


def test_closure_confirmation_marks_every_design_managers_todo_done(
    customer_manager, design_manager
):
    second = StaffFactory(roles=[Role.DESIGN_MANAGER], name="设计部经理二")
    closure = closures.propose_closure(
        lead=LeadFactory(),
        reason="NO_PLAN",
        customer_words="明年再装修",
        by=customer_manager,
        explanation="客户搬家",
    )
    assert open_todos(design_manager, closure).count() == 1
    assert open_todos(second, closure).count() == 1
    closures.confirm_closure(closure=closure, by=design_manager, note="属实")
    assert not open_todos(design_manager, closure).exists()
    assert not open_todos(second, closure).exists()  # done by a colleague, done for them too
