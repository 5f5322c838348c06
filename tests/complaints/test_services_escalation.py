"""Escalation (CMP-4, CMP-5): the same-working-day investigation and the per-step deadlines,
flagged once and told to the customer managers; the beat job that runs it."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django_celery_beat.models import PeriodicTask

from attendance.models import CalendarDay
from complaints import services
from complaints.models import Escalation, StepDeadline
from complaints.tasks import escalate_overdue_complaints
from staff.models import Notification
from tests.complaints.conftest import register

BEIJING = ZoneInfo("Asia/Shanghai")
MONDAY_10 = datetime(2026, 3, 2, 10, 0, tzinfo=BEIJING)

pytestmark = pytest.mark.django_db


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=BEIJING)


@pytest.fixture
def monday_complaint(time_machine, cs_agent, category, customer_manager):
    time_machine.move_to(MONDAY_10, tick=False)
    complaint = register(cs_agent, category)
    Notification.objects.all().delete()
    return complaint


def escalate(now):
    return services.escalate_overdue(now=now)


# ---------------------------------------------------------------- CMP-4 same working day


def test_cmp4_investigation_on_time_until_the_end_of_the_day(monday_complaint):
    assert escalate(at(2, 18, 0)) == []


def test_cmp4_investigation_not_done_by_the_end_of_the_day_is_escalated(
    monday_complaint, customer_manager
):
    [flag] = escalate(at(2, 18, 1))
    assert (flag.complaint, flag.status, flag.due_at) == (monday_complaint, "REGISTERED", at(2, 18))
    note = Notification.objects.get()
    assert (note.recipient, note.link) == (customer_manager, monday_complaint.get_absolute_url())
    assert note.text == (
        "Complaint TS2026-0001 (刘女士): the investigation due 2026-03-02 18:00 is not done."
    )


def test_cmp4_escalation_is_idempotent(monday_complaint):
    assert len(escalate(at(2, 18, 30))) == 1
    assert escalate(at(2, 19, 0)) == []
    assert escalate(at(3, 9, 0)) == []
    assert Escalation.objects.count() == 1
    assert Notification.objects.count() == 1


def test_cmp4_an_overdue_step_is_one_outbound_event_for_the_managers_robot(monday_complaint):
    """Issue 16: 'overdue complaints to the managers' group' — recorded with the escalation,
    once per complaint and step, like the escalation itself."""
    from staff.outbound.models import OutboundEvent

    escalate(at(2, 18, 30))
    escalate(at(3, 9, 0))
    [event] = OutboundEvent.objects.filter(kind="complaint.overdue")
    complaint = event.payload["complaint"]
    assert (complaint["number"], complaint["status"]) == ("TS2026-0001", "REGISTERED")
    assert datetime.fromisoformat(complaint["due_at"]) == at(2, 18)


def test_cmp4_investigated_in_time_is_never_escalated(monday_complaint, cs_agent):
    services.record_investigation(
        complaint=monday_complaint, by=cs_agent, findings="属实", proposal="返工"
    )
    assert escalate(at(2, 23, 0)) == []


def test_cmp4_holiday_receipt_is_due_the_next_working_day(
    time_machine, cs_agent, category, customer_manager
):
    CalendarDay.objects.create(day=date(2026, 3, 2), kind="HOLIDAY", name="测试假日")
    time_machine.move_to(MONDAY_10, tick=False)
    register(cs_agent, category)
    assert escalate(at(2, 23, 0)) == []
    assert escalate(at(3, 18, 0)) == []
    assert len(escalate(at(3, 18, 1))) == 1


# ---------------------------------------------------------------- CMP-5 per-step deadlines


@pytest.fixture
def decided(monday_complaint, walk_to):
    return walk_to(monday_complaint, "DECIDED")  # decided at Monday 10:00


def test_cmp5_a_step_past_its_deadline_is_escalated_once(decided):
    assert escalate(at(5, 10, 0)) == []  # DECIDED allows 72 hours by default
    [flag] = escalate(at(5, 10, 1))
    assert (flag.status, flag.due_at) == ("DECIDED", at(5, 10))
    assert escalate(at(6, 10, 0)) == []


def test_cmp5_escalation_text_names_the_late_step(decided, customer_manager):
    Notification.objects.all().delete()
    escalate(at(5, 11, 0))
    assert Notification.objects.get(recipient=customer_manager).text == (
        "Complaint TS2026-0001 (刘女士) is late: the handling was due 2026-03-05 10:00."
    )


def test_cmp5_step_deadlines_are_data(decided):
    StepDeadline.objects.filter(status="DECIDED").update(hours=4)
    assert len(escalate(at(2, 14, 1))) == 1


def test_cmp5_a_step_without_a_deadline_row_is_never_late(decided):
    StepDeadline.objects.filter(status="DECIDED").delete()
    assert escalate(at(30, 10, 0)) == []


def test_cmp5_each_late_step_is_escalated_separately(monday_complaint, walk_to, time_machine):
    escalate(at(2, 19, 0))  # the investigation was late
    time_machine.move_to(at(3, 9, 0), tick=False)
    walk_to(monday_complaint, "INVESTIGATED")
    [flag] = escalate(at(4, 9, 1))  # INVESTIGATED allows 24 hours
    assert flag.status == "INVESTIGATED"
    assert Escalation.objects.count() == 2


def test_cmp5_closed_complaints_are_never_late(monday_complaint, walk_to):
    walk_to(monday_complaint, "CLOSED")
    assert escalate(at(30, 10, 0)) == []


# ---------------------------------------------------------------- the beat job


def test_cmp4_beat_runs_the_escalation_every_fifteen_minutes():
    task = PeriodicTask.objects.get(name="complaints: escalate overdue complaints")
    assert task.task == "complaints.tasks.escalate_overdue_complaints"
    assert (task.interval.every, task.interval.period, task.enabled) == (15, "minutes", True)


def test_cmp4_task_escalates_for_a_given_moment(monday_complaint, eager_celery):
    assert escalate_overdue_complaints.delay("2026-03-02T18:30:00+08:00").get() == 1
    assert escalate_overdue_complaints.delay("2026-03-02T18:45:00").get() == 0  # naive: Beijing


def test_cmp4_task_uses_the_clock_without_a_moment(monday_complaint, time_machine, eager_celery):
    time_machine.move_to(at(2, 18, 5), tick=False)
    assert escalate_overdue_complaints.delay().get() == 1
    assert Escalation.objects.get().escalated_at == at(2, 18, 5)


def test_cmp4_no_managers_no_notifications_but_still_flagged(time_machine, cs_agent, category):
    time_machine.move_to(MONDAY_10, tick=False)
    register(cs_agent, category)
    Notification.objects.all().delete()
    assert len(escalate(at(2, 18, 1) + timedelta(minutes=1))) == 1
    assert Notification.objects.count() == 0
