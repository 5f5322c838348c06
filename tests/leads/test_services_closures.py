"""CLOSE-1..3, 5: two-step closure of a lead (跑单), its record, and reopening."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from leads.models import (
    Callback,
    CallbackKind,
    Closure,
    ClosureStatus,
    LeadEvent,
    LeadState,
)
from leads.services import closures
from leads.services.errors import LeadError
from staff.models import Notification
from tests.leads.factories import LeadFactory
from tests.leads.lifecycle_factories import dispatched_lead, measured_lead, signed_lead

pytestmark = pytest.mark.django_db


def propose(lead, by, reason="NO_PLAN", words="明年再装修", **extra):
    return closures.propose_closure(
        lead=lead, reason=reason, customer_words=words, by=by, explanation="客户搬家", **extra
    )


# --- CLOSE-1: kind by state, reasons by kind ----------------------------------------------------


def test_close1_invalid_proposed_before_measurement(customer_manager, design_manager):
    closure = propose(LeadFactory(), customer_manager)
    assert (closure.kind, closure.reason, closure.status) == ("INVALID", "NO_PLAN", "PROPOSED")


def test_close1_invalid_refused_after_measurement(customer_manager, designer):
    lead = measured_lead(designer=designer, by=customer_manager)
    with pytest.raises(LeadError) as refused:
        propose(lead, customer_manager, kind="INVALID")
    assert str(refused.value) == (
        "Before measurement a lead can only be invalid; after it, only dead."
    )
    assert not Closure.objects.exists()


def test_close1_dead_refused_before_measurement(customer_manager, designer):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    with pytest.raises(LeadError) as refused:
        propose(lead, customer_manager, kind="DEAD", reason="PRICE")
    assert str(refused.value) == (
        "Before measurement a lead can only be invalid; after it, only dead."
    )


def test_close1_reason_must_belong_to_the_kind(customer_manager, designer, design_manager):
    lead = measured_lead(designer=designer, by=customer_manager)
    with pytest.raises(LeadError, match="Choose a reason for this closure."):
        propose(lead, customer_manager, reason="UNREACHABLE")
    assert propose(lead, customer_manager, reason="PRICE").kind == "DEAD"


def test_close1_refund_only_for_a_signed_lead(customer_manager, designer, design_manager):
    lead = measured_lead(designer=designer, by=customer_manager)
    with pytest.raises(LeadError, match="Only a signed lead can be refunded."):
        propose(lead, customer_manager, reason="REFUND")


# --- CLOSE-2: two steps -------------------------------------------------------------------------


def test_close2_proposal_needs_the_customers_own_words(customer_manager, design_manager):
    with pytest.raises(LeadError, match="Record what the customer said."):
        propose(LeadFactory(), customer_manager, words="  ")


def test_close2_agent_may_not_propose_invalid(cs_agent, design_manager):
    with pytest.raises(LeadError, match="Your role may not propose this closure."):
        propose(LeadFactory(), cs_agent)


def test_close2_no_proposal_without_a_design_manager_to_call_again(customer_manager):
    with pytest.raises(LeadError, match="no active design manager to make the second callback"):
        propose(LeadFactory(), customer_manager)


def test_close2_agent_proposes_dead(cs_agent, customer_manager, designer, design_manager):
    lead = measured_lead(designer=designer, by=customer_manager)
    assert propose(lead, cs_agent, reason="COMPETITION").proposed_by == cs_agent


def test_close2_one_step_closure_is_impossible(customer_manager, design_manager):
    lead = LeadFactory()
    closure = propose(lead, customer_manager)

    lead.refresh_from_db()
    assert lead.state == LeadState.NEW  # a proposal closes nothing
    with pytest.raises(LeadError, match="Only the design manager confirms a closure."):
        closures.confirm_closure(closure=closure, by=customer_manager)
    with pytest.raises(LeadError, match="A closure of this lead is already awaiting"):
        propose(lead, customer_manager)
    lead.refresh_from_db()
    assert lead.state == LeadState.NEW


def test_close2_the_proposer_cannot_confirm_their_own_proposal(customer_manager, design_manager):
    design_manager.groups.add(*customer_manager.groups.all())  # holds both roles
    design_manager._role_codes = None
    closure = propose(LeadFactory(), design_manager)
    with pytest.raises(LeadError, match="You cannot confirm your own proposal."):
        closures.confirm_closure(closure=closure, by=design_manager)


def test_close2_confirmation_closes_the_lead_at_that_moment(customer_manager, design_manager):
    lead = LeadFactory()
    closure = propose(lead, customer_manager)
    moment = timezone.now() + timedelta(days=2)
    with time_machine.travel(moment, tick=False):
        closures.confirm_closure(closure=closure, by=design_manager, note="再次回访属实")
    lead.refresh_from_db()
    closure.refresh_from_db()
    assert (lead.state, lead.closed_at, lead.state_before_closure) == ("INVALID", moment, "NEW")
    assert (closure.status, closure.decided_by, closure.decided_at) == (
        ClosureStatus.CONFIRMED,
        design_manager,
        moment,
    )
    assert lead.events.filter(kind=LeadEvent.Kind.CLOSURE_CONFIRMED).get().text == (
        "Closed as Invalid lead (No renovation planned for now), confirmed by 设计部经理李. "
        "再次回访属实"
    )


def test_close2_rejection_returns_the_lead_to_work(customer_manager, design_manager, designer):
    lead = measured_lead(designer=designer, by=customer_manager)
    closure = propose(lead, customer_manager, reason="PRICE")

    closures.reject_closure(closure=closure, by=design_manager, note="客户仍有意向，再跟进")

    lead.refresh_from_db()
    closure.refresh_from_db()
    assert (lead.state, lead.closed_at, closure.status) == (
        LeadState.MEASURED,
        None,
        ClosureStatus.REJECTED,
    )
    assert Notification.objects.filter(
        recipient=customer_manager, text__contains="was rejected: 客户仍有意向，再跟进"
    ).exists()
    assert propose(lead, customer_manager, reason="PRICE").status == "PROPOSED"  # may try again


def test_close2_rejection_needs_a_note(customer_manager, design_manager):
    closure = propose(LeadFactory(), customer_manager)
    with pytest.raises(LeadError, match="Say why the closure is rejected."):
        closures.reject_closure(closure=closure, by=design_manager, note="")


def test_close2_a_decided_closure_is_not_decided_again(customer_manager, design_manager):
    closure = propose(LeadFactory(), customer_manager)
    closures.reject_closure(closure=closure, by=design_manager, note="继续跟进")
    with pytest.raises(LeadError, match="This closure has already been decided."):
        closures.confirm_closure(closure=closure, by=design_manager)


def test_close2_stale_proposal_is_not_confirmed(customer_manager, design_manager, designer):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    closure = propose(lead, customer_manager)
    from leads.services.measurement import record_measurement

    record_measurement(lead=lead, measured_on=timezone.localdate(), by=designer)
    with pytest.raises(LeadError, match="The lead has moved on since the proposal"):
        closures.confirm_closure(closure=closure, by=design_manager)


# --- CLOSE-3: the record --------------------------------------------------------------------------


def test_close3_record_with_responsible_staff_penalty_and_gm_notified(
    customer_manager, design_manager, designer, gm
):
    lead = measured_lead(designer=designer, by=customer_manager)
    closure = propose(lead, customer_manager, reason="SERVICE", words="设计师不回电话")
    closures.confirm_closure(
        closure=closure, by=design_manager, note="属实", responsible=designer, penalty=Decimal(100)
    )
    closure.refresh_from_db()
    assert (closure.responsible, closure.penalty) == (designer, 100)
    assert closure.gm_notified_at == closure.decided_at
    note = Notification.objects.get(recipient=gm)
    assert note.text == f"Closure confirmed: {lead.customer_name}, Dead lead (Service)."
    assert note.link == closure.get_absolute_url()
    assert Notification.objects.filter(recipient=designer, text__contains="is closed as").exists()


def test_close3_negative_penalty_is_refused(customer_manager, design_manager):
    with pytest.raises(LeadError, match="The penalty cannot be negative."):
        propose(LeadFactory(), customer_manager, penalty=Decimal(-1))


def test_close3_closure_history_is_audited(customer_manager, design_manager):
    closure = propose(LeadFactory(), customer_manager)
    closures.confirm_closure(closure=closure, by=design_manager, note="属实")
    users = list(closure.history.order_by("history_date").values_list("history_user", flat=True))
    assert users == [customer_manager.pk, design_manager.pk, design_manager.pk]


# --- CLOSE-5: reopening ---------------------------------------------------------------------------


def _closed(customer_manager, design_manager, lead=None):
    lead = lead or LeadFactory()
    closure = propose(lead, customer_manager)
    closures.confirm_closure(closure=closure, by=design_manager, note="属实")
    lead.refresh_from_db()
    return lead, closure


def test_close5_only_the_customer_manager_reopens(customer_manager, design_manager, gm, cs_agent):
    lead, _closure = _closed(customer_manager, design_manager)
    for person in (design_manager, gm, cs_agent):
        with pytest.raises(LeadError, match="Only the customer manager reopens a lead."):
            closures.reopen_lead(lead=lead, reason="客户回来了", by=person)
    lead.refresh_from_db()
    assert lead.state == LeadState.INVALID


def test_close5_reopen_needs_a_reason(customer_manager, design_manager):
    lead, _closure = _closed(customer_manager, design_manager)
    with pytest.raises(LeadError, match="Give a reason for reopening."):
        closures.reopen_lead(lead=lead, reason=" ", by=customer_manager)


def test_close5_reopen_returns_to_the_previous_state_and_is_audited(
    customer_manager, design_manager, designer
):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    lead, closure = _closed(customer_manager, design_manager, lead)

    closures.reopen_lead(lead=lead, reason="客户重新来电", by=customer_manager)

    lead.refresh_from_db()
    closure.refresh_from_db()
    assert (lead.state, lead.designer) == (LeadState.DISPATCHED, designer)
    assert (closure.status, closure.reopened_by, closure.reopen_reason) == (
        ClosureStatus.REOPENED,
        customer_manager,
        "客户重新来电",
    )
    assert lead.events.filter(kind=LeadEvent.Kind.REOPENED).get().text == (
        "Reopened by 客户经理张: 客户重新来电"
    )
    assert lead.history.first().history_user == customer_manager


def test_close5_an_open_lead_is_not_reopened(customer_manager):
    with pytest.raises(LeadError, match="This lead is not closed."):
        closures.reopen_lead(lead=LeadFactory(), reason="?", by=customer_manager)


# --- CB-1 on closures, refunds -------------------------------------------------------------------


def test_cb1_proposal_schedules_the_design_managers_second_callback(
    customer_manager, design_manager
):
    moment = timezone.make_aware(datetime(2026, 6, 3, 9, 0))
    with time_machine.travel(moment, tick=False):
        closure = propose(LeadFactory(), customer_manager)
    callback = Callback.objects.get(kind=CallbackKind.CLOSURE_PENDING)
    assert (callback.assignee, callback.closure, callback.due_at) == (
        design_manager,
        closure,
        moment + timedelta(days=1),
    )
    assert Notification.objects.filter(recipient=design_manager, link=closure.get_absolute_url())


def test_cb1_decision_completes_the_second_callback_and_closing_cancels_the_rest(
    customer_manager, design_manager, designer
):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    closure = propose(lead, customer_manager)
    closures.confirm_closure(closure=closure, by=design_manager, note="属实")
    pending = Callback.objects.get(kind=CallbackKind.CLOSURE_PENDING)
    after_dispatch = Callback.objects.get(kind=CallbackKind.AFTER_DISPATCH)
    assert (pending.done_by, pending.outcome) == (design_manager, "属实")
    assert after_dispatch.cancelled_at is not None


def test_com4_refund_confirmed_marks_contracts_refunded(customer_manager, design_manager, designer):
    lead, contract = signed_lead(designer=designer, by=customer_manager)
    closure = propose(lead, customer_manager, reason="REFUND", words="退单")
    closures.confirm_closure(closure=closure, by=design_manager, note="已退定金")
    contract.refresh_from_db()
    lead.refresh_from_db()
    assert (lead.state, lead.state_before_closure, contract.is_refunded) == ("DEAD", "SIGNED", True)
