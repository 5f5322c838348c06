"""CB-1: callbacks scheduled at each event, reminded once, escalated after a day overdue."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from dispatch.services import dispatch_lead
from leads.models import Callback, CallbackKind, CallbackPolicy
from leads.services import callbacks
from leads.services.errors import LeadError
from leads.tasks import send_callback_reminders
from staff.models import Notification
from tests.dispatch.factories import ReadyLeadFactory
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory
from tests.leads.lifecycle_factories import dispatched_lead, ensure_lifecycle_defaults

pytestmark = pytest.mark.django_db

T0 = timezone.make_aware(datetime(2026, 6, 1, 10, 0))


def dispatched_at_t0(designer, by, **fields):
    with time_machine.travel(T0, tick=False):
        return dispatched_lead(designer=designer, by=by, **fields)


def run_at(moment: datetime) -> callbacks.ReminderRun:
    with time_machine.travel(moment, tick=False):
        return callbacks.send_due_reminders()


def texts(person) -> list[str]:
    return list(Notification.objects.filter(recipient=person).values_list("text", flat=True))


# --- scheduling ---------------------------------------------------------------------------------


def test_cb1_dispatch_schedules_a_callback_a_day_later(customer_manager, designer, cs_agent):
    lead = dispatched_at_t0(designer, customer_manager)
    callback = Callback.objects.get(lead=lead)
    assert (callback.kind, callback.assignee, callback.due_at) == (
        CallbackKind.AFTER_DISPATCH,
        cs_agent,
        T0 + timedelta(days=1),
    )
    assert callback.note == "Did designer 设计师韩 contact the customer?"


def test_cb1_every_dispatch_path_schedules_it(customer_manager, designer):
    lead = ReadyLeadFactory()
    dispatch_lead(lead=lead, by=customer_manager, designer=designer)
    assert Callback.objects.filter(lead=lead, kind=CallbackKind.AFTER_DISPATCH).count() == 1


def test_cb1_without_agents_the_dispatcher_makes_the_callback(customer_manager, designer):
    lead = dispatched_at_t0(designer, customer_manager)
    assert Callback.objects.get(lead=lead).assignee == customer_manager


def test_cb1_callbacks_go_to_the_least_loaded_agent(customer_manager, designer, cs_agent):
    second = StaffFactory(roles=["CS_AGENT"], name="客服二")
    first_lead = dispatched_at_t0(designer, customer_manager)
    second_lead = dispatched_at_t0(designer, customer_manager)
    assignees = {
        Callback.objects.get(lead=first_lead).assignee,
        Callback.objects.get(lead=second_lead).assignee,
    }
    assert assignees == {cs_agent, second}


def test_cb1_redispatch_moves_the_open_callback(customer_manager, designer, make_designer):
    lead = dispatched_at_t0(designer, customer_manager)
    later = T0 + timedelta(hours=30)
    run_at(later)  # reminded for the first designer
    other = make_designer(name="设计师杨")
    with time_machine.travel(later, tick=False):
        from leads.services.states import mark_dispatched

        mark_dispatched(lead=lead, designer=other, by=customer_manager)
    callback = Callback.objects.get(lead=lead)
    assert (callback.due_at, callback.reminded_at) == (later + timedelta(days=1), None)
    assert callback.note == "Did designer 设计师杨 contact the customer?"


def test_cb1_policy_rows_set_the_delays(customer_manager, designer):
    CallbackPolicy.objects.create(effective_from=date(2026, 5, 1), after_dispatch_hours=4)
    lead = dispatched_at_t0(designer, customer_manager)
    assert Callback.objects.get(lead=lead).due_at == T0 + timedelta(hours=4)


# --- the reminder job ---------------------------------------------------------------------------


def test_cb1_no_reminder_before_the_callback_is_due(customer_manager, designer, cs_agent):
    dispatched_at_t0(designer, customer_manager)
    assert run_at(T0 + timedelta(hours=23)) == callbacks.ReminderRun(0, 0)
    assert texts(cs_agent) == []


def test_cb1_reminder_sent_once_even_if_the_task_runs_twice(
    customer_manager, designer, cs_agent, eager_celery
):
    lead = dispatched_at_t0(designer, customer_manager)
    due = T0 + timedelta(days=1, minutes=5)

    first = send_callback_reminders.delay(due.isoformat()).get()
    second = send_callback_reminders.delay(due.isoformat()).get()

    assert (first, second) == ({"reminded": 1, "escalated": 0}, {"reminded": 0, "escalated": 0})
    assert texts(cs_agent) == [
        f"Callback due 2026-06-02 10:00: {lead.customer_name} (After dispatch). "
        "Did designer 设计师韩 contact the customer?"
    ]
    assert Callback.objects.get(lead=lead).reminded_at == due


def test_cb1_escalation_after_a_day_overdue_goes_to_the_supervisor(
    customer_manager, designer, design_manager
):
    agent = StaffFactory(roles=["CS_AGENT"], name="客服小吴", supervisor=customer_manager)
    lead = dispatched_at_t0(designer, customer_manager)
    due = T0 + timedelta(days=1)
    run_at(due)
    assert run_at(due + timedelta(hours=23)).escalated == 0

    assert run_at(due + timedelta(days=1)) == callbacks.ReminderRun(reminded=0, escalated=1)
    assert run_at(due + timedelta(days=1, minutes=15)).escalated == 0

    assert texts(customer_manager) == [
        f"Overdue callback: 客服小吴 has not called {lead.customer_name} back "
        "(due 2026-06-02 10:00)."
    ]
    assert Callback.objects.get(lead=lead).escalated_to == customer_manager
    assert len(texts(agent)) == 1  # the reminder only


def test_cb1_a_late_run_reminds_and_escalates_once_each(customer_manager, designer, cs_agent, gm):
    dispatched_at_t0(designer, customer_manager)
    assert run_at(T0 + timedelta(days=5)) == callbacks.ReminderRun(reminded=1, escalated=1)
    assert run_at(T0 + timedelta(days=5)) == callbacks.ReminderRun(reminded=0, escalated=0)


def test_cb1_without_a_supervisor_the_gm_office_is_told(customer_manager, designer, gm):
    dispatched_at_t0(designer, customer_manager)  # the customer manager has no supervisor
    run_at(T0 + timedelta(days=3))
    assert len(texts(gm)) == 1


def test_cb1_done_callbacks_are_not_reminded(customer_manager, designer, cs_agent):
    lead = dispatched_at_t0(designer, customer_manager)
    callbacks.record_outcome(
        callback=Callback.objects.get(lead=lead), outcome="设计师已联系", by=cs_agent
    )
    assert run_at(T0 + timedelta(days=3)) == callbacks.ReminderRun(0, 0)


# --- doing a callback ----------------------------------------------------------------------------


def test_cb1_assignee_records_the_outcome_on_the_timeline(customer_manager, designer, cs_agent):
    lead = dispatched_at_t0(designer, customer_manager)
    callback = callbacks.record_outcome(
        callback=Callback.objects.get(lead=lead), outcome="设计师已上门沟通", by=cs_agent
    )
    assert (callback.done_by, callback.outcome, callback.is_open) == (
        cs_agent,
        "设计师已上门沟通",
        False,
    )
    assert lead.events.get(kind="CALLBACK").text == "After dispatch: 设计师已上门沟通"


def test_cb1_outcome_is_recorded_by_the_assignee_or_the_customer_manager(
    customer_manager, designer, cs_agent, front_desk
):
    callback = Callback.objects.get(lead=dispatched_at_t0(designer, customer_manager))
    with pytest.raises(LeadError, match="Only the assignee or the customer manager"):
        callbacks.record_outcome(callback=callback, outcome="?", by=front_desk)
    with pytest.raises(LeadError, match="Write down what the customer said."):
        callbacks.record_outcome(callback=callback, outcome=" ", by=cs_agent)
    callbacks.record_outcome(callback=callback, outcome="已联系", by=customer_manager)
    with pytest.raises(LeadError, match="This callback is already closed."):
        callbacks.record_outcome(callback=callback, outcome="again", by=cs_agent)


def test_cb1_closure_callback_is_answered_by_the_decision(customer_manager, design_manager):
    from leads.services.closures import propose_closure

    closure = propose_closure(
        lead=LeadFactory(), reason="NO_PLAN", customer_words="不装了", by=customer_manager
    )
    with pytest.raises(LeadError, match="Answer this callback by confirming or rejecting"):
        callbacks.record_outcome(
            callback=closure.callbacks.get(), outcome="同意", by=design_manager
        )


def test_cb1_customer_manager_reassigns_an_open_callback(customer_manager, designer, cs_agent):
    other = StaffFactory(roles=["CS_AGENT"], name="客服二")
    callback = Callback.objects.get(lead=dispatched_at_t0(designer, customer_manager))
    with pytest.raises(LeadError, match="Only the customer manager reassigns callbacks."):
        callbacks.reassign_callback(callback=callback, assignee=other, by=cs_agent)
    callbacks.reassign_callback(callback=callback, assignee=other, by=customer_manager)
    callback.refresh_from_db()
    assert callback.assignee == other
    assert texts(other) == [
        f"A callback to {callback.lead.customer_name} is now yours, due 2026-06-02 10:00."
    ]


def test_cb1_beat_runs_the_reminder_task_every_15_minutes():
    from django_celery_beat.models import PeriodicTask

    ensure_lifecycle_defaults()  # the data migration's row, idempotent
    task = PeriodicTask.objects.get(task="leads.tasks.send_callback_reminders")
    assert (task.enabled, task.interval.every, task.interval.period) == (True, 15, "minutes")
