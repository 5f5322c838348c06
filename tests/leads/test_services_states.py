"""LEAD-3: every state change goes through leads.services.states."""

import pytest

from leads.models import Channel, LeadEvent, LeadState
from leads.services.errors import LeadError
from leads.services.states import mark_dispatched, return_to_queue, transition
from tests.leads.factories import LeadFactory, SlipFactory

pytestmark = pytest.mark.django_db


def kinds(lead) -> list[str]:
    return list(lead.events.values_list("kind", flat=True))


def test_lead3_new_lead_is_dispatched(customer_manager, designer):
    lead = LeadFactory()
    mark_dispatched(lead=lead, designer=designer, by=customer_manager)
    lead.refresh_from_db()
    assert (lead.state, lead.designer, lead.dispatched_at is not None) == (
        LeadState.DISPATCHED,
        designer,
        True,
    )
    event = lead.events.get()
    assert (event.kind, event.text, event.actor) == (
        LeadEvent.Kind.DISPATCH,
        "Dispatched to 设计师韩.",
        customer_manager,
    )


def test_lead3_dispatch_is_audited(customer_manager, designer):
    lead = LeadFactory()
    mark_dispatched(lead=lead, designer=designer, by=customer_manager)
    latest = lead.history.first()
    assert (latest.state, latest.history_user, latest.history_change_reason) == (
        LeadState.DISPATCHED,
        customer_manager,
        "dispatch",
    )


def test_disp7_redispatch_to_another_designer(customer_manager, designer, make_designer):
    other = make_designer(name="设计师周")
    lead = LeadFactory()
    mark_dispatched(lead=lead, designer=designer, by=customer_manager)
    mark_dispatched(lead=lead, designer=other, by=customer_manager)
    assert (lead.state, lead.designer) == (LeadState.DISPATCHED, other)
    assert kinds(lead) == [LeadEvent.Kind.DISPATCH, LeadEvent.Kind.REDISPATCH]


def test_disp7_same_designer_again_is_refused(customer_manager, designer):
    lead = LeadFactory()
    mark_dispatched(lead=lead, designer=designer, by=customer_manager)
    with pytest.raises(LeadError, match="already dispatched to this designer"):
        mark_dispatched(lead=lead, designer=designer, by=customer_manager)


def test_disp7_forced_dispatch_is_marked(customer_manager, designer):
    lead = LeadFactory()
    mark_dispatched(lead=lead, designer=designer, by=customer_manager, forced=True)
    assert kinds(lead) == [LeadEvent.Kind.FORCED_DISPATCH]


def test_lead3_measured_lead_cannot_be_dispatched(customer_manager, designer):
    lead = LeadFactory(state=LeadState.MEASURED)
    with pytest.raises(LeadError) as refused:
        mark_dispatched(lead=lead, designer=designer, by=customer_manager)
    assert str(refused.value) == "A lead cannot go back to an earlier step."


def test_lead3_closed_lead_cannot_be_dispatched(customer_manager, designer):
    lead = LeadFactory(state=LeadState.INVALID)
    with pytest.raises(LeadError) as refused:
        mark_dispatched(lead=lead, designer=designer, by=customer_manager)
    assert "only the customer manager can reopen it" in str(refused.value)


def test_lead3_only_designers_receive_leads(customer_manager, front_desk):
    with pytest.raises(LeadError, match="前台小孙 is not an active designer."):
        mark_dispatched(lead=LeadFactory(), designer=front_desk, by=customer_manager)


def test_slip2_marketing_lead_without_signed_slip_is_not_dispatched(customer_manager, designer):
    slip = SlipFactory()
    with pytest.raises(LeadError) as refused:
        mark_dispatched(lead=slip.lead, designer=designer, by=customer_manager)
    assert str(refused.value).startswith("This marketing lead cannot be dispatched yet")
    slip.lead.refresh_from_db()
    assert slip.lead.state == LeadState.NEW


def test_slip1_marketing_lead_without_slip_is_not_dispatched(customer_manager, designer):
    lead = LeadFactory(channel=Channel.MARKETING)
    with pytest.raises(LeadError, match="has not filled its transfer slip"):
        mark_dispatched(lead=lead, designer=designer, by=customer_manager)


def test_disp7_declined_lead_returns_to_queue(customer_manager, designer):
    lead = LeadFactory()
    mark_dispatched(lead=lead, designer=designer, by=customer_manager)
    return_to_queue(lead=lead, by=customer_manager, reason="设计师婉拒，暂无人接")
    assert (lead.state, lead.designer, lead.dispatched_at) == (LeadState.NEW, None, None)
    event = lead.events.last()
    assert (event.kind, event.text) == (
        LeadEvent.Kind.RETURNED_TO_QUEUE,
        "Back in the dispatch queue (was with 设计师韩): 设计师婉拒，暂无人接",
    )
    assert lead.history.first().history_change_reason == "return to queue"


def test_disp7_return_to_queue_needs_reason_and_dispatched_lead(customer_manager):
    with pytest.raises(LeadError, match="Say why"):
        return_to_queue(
            lead=LeadFactory(state=LeadState.DISPATCHED), by=customer_manager, reason=" "
        )
    with pytest.raises(LeadError, match="Only a dispatched lead"):
        return_to_queue(lead=LeadFactory(), by=customer_manager, reason="x")


@pytest.mark.parametrize(
    ("start", "target", "kind"),
    [
        (LeadState.DISPATCHED, LeadState.MEASURED, LeadEvent.Kind.MEASUREMENT),
        (LeadState.MEASURED, LeadState.SIGNED, LeadEvent.Kind.CONTRACT),
        (LeadState.NEW, LeadState.INVALID, LeadEvent.Kind.CLOSURE_CONFIRMED),
        (LeadState.SIGNED, LeadState.DEAD, LeadEvent.Kind.CLOSURE_CONFIRMED),
    ],
)
def test_lead3_legal_transitions(customer_manager, start, target, kind):
    lead = LeadFactory(state=start)
    transition(lead=lead, target=target, by=customer_manager, note="按规定")
    lead.refresh_from_db()
    assert lead.state == target
    assert lead.events.values_list("kind", "text").get() == (kind, "按规定")


@pytest.mark.parametrize(
    ("start", "target", "message"),
    [
        (
            LeadState.NEW,
            LeadState.MEASURED,
            "A lead goes new, dispatched, measured, signed, one step at a time.",
        ),
        (
            LeadState.MEASURED,
            LeadState.INVALID,
            "Only a new or dispatched lead can be marked invalid",
        ),
        (
            LeadState.DISPATCHED,
            LeadState.DEAD,
            "Only a measured or signed lead can become a dead lead",
        ),
        (LeadState.SIGNED, LeadState.MEASURED, "A lead cannot go back to an earlier step."),
    ],
)
def test_lead3_illegal_transitions_are_refused(customer_manager, start, target, message):
    lead = LeadFactory(state=start)
    with pytest.raises(LeadError) as refused:
        transition(lead=lead, target=target, by=customer_manager)
    assert str(refused.value).startswith(message)
    lead.refresh_from_db()
    assert lead.state == start
    assert not lead.events.exists()


def test_lead3_closing_keeps_the_state_before_closure(customer_manager):
    lead = LeadFactory(state=LeadState.MEASURED)
    transition(lead=lead, target=LeadState.DEAD, by=customer_manager)
    assert (lead.state, lead.state_before_closure, lead.closed_at is not None) == (
        LeadState.DEAD,
        LeadState.MEASURED,
        True,
    )


def test_close5_reopen_returns_to_previous_state(customer_manager):
    lead = LeadFactory(state=LeadState.MEASURED)
    transition(lead=lead, target=LeadState.DEAD, by=customer_manager)
    transition(lead=lead, target=LeadState.MEASURED, by=customer_manager, note="客户回心转意")
    assert (lead.state, lead.state_before_closure, lead.closed_at) == (LeadState.MEASURED, "", None)
    assert lead.events.last().kind == LeadEvent.Kind.REOPENED


def test_lead2_reopen_refused_while_another_open_lead_exists(customer_manager):
    lead = LeadFactory(state=LeadState.NEW)
    transition(lead=lead, target=LeadState.INVALID, by=customer_manager)
    LeadFactory(phone=lead.phone)
    with pytest.raises(LeadError, match="another open lead"):
        transition(lead=lead, target=LeadState.NEW, by=customer_manager)


def test_lead3_transition_to_dispatched_must_use_mark_dispatched(customer_manager):
    with pytest.raises(ValueError, match="mark_dispatched"):
        transition(lead=LeadFactory(), target=LeadState.DISPATCHED, by=customer_manager)
