"""decline_dispatch: the designer declines through a manager; next in rotation (DISP-7)."""

import pytest

from dispatch import queries
from dispatch.models import Assignment
from dispatch.services import DispatchError, decline_dispatch, dispatch_lead, force_dispatch
from leads.models import LeadEvent, LeadState
from staff.models import Notification
from tests.dispatch.factories import AssignmentFactory, ReadyLeadFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


@pytest.fixture
def two_designers(make_designer):
    return make_designer(employee_no="101", name="韩雪"), make_designer(employee_no="102")


def test_disp7_decline_goes_to_next_in_rotation(two_designers, customer_manager):
    first, second = two_designers
    lead = ReadyLeadFactory()
    dispatch_lead(lead=lead, by=customer_manager)

    assignment = decline_dispatch(lead=lead, by=customer_manager, reason="档期已满")

    lead.refresh_from_db()
    assert (lead.state, lead.designer) == (LeadState.DISPATCHED, second)
    assert assignment.method == Assignment.Method.AFTER_DECLINE
    assert assignment.reason == "韩雪 declined: 档期已满"
    declined = Assignment.objects.get(designer=first)
    assert (declined.decline_reason, declined.declined_by) == ("档期已满", customer_manager)
    assert declined.declined_at is not None
    kinds = list(LeadEvent.objects.filter(lead=lead).values_list("kind", flat=True))
    assert kinds[-2:] == [LeadEvent.Kind.DECLINE, LeadEvent.Kind.REDISPATCH]
    assert Notification.objects.filter(recipient=second).count() == 1


def test_disp7_design_manager_may_record_a_decline(two_designers, customer_manager, design_manager):
    lead = ReadyLeadFactory()
    dispatch_lead(lead=lead, by=customer_manager)
    assignment = decline_dispatch(lead=lead, by=design_manager, reason="不擅长此风格")
    assert assignment.designer == two_designers[1]


def test_disp7_designer_cannot_record_their_own_decline(two_designers, customer_manager):
    lead = ReadyLeadFactory()
    dispatch_lead(lead=lead, by=customer_manager)
    with pytest.raises(DispatchError) as refusal:
        decline_dispatch(lead=lead, by=two_designers[0], reason="不想做")
    assert str(refusal.value) == (
        "Only the customer manager or the design manager records a designer's decline."
    )


def test_disp7_decline_needs_a_reason(two_designers, customer_manager):
    lead = ReadyLeadFactory()
    dispatch_lead(lead=lead, by=customer_manager)
    with pytest.raises(DispatchError, match="Say why the designer declines the lead."):
        decline_dispatch(lead=lead, by=customer_manager, reason="  ")


def test_disp7_declined_dispatch_no_longer_counts_against_caps(two_designers, customer_manager):
    first, _second = two_designers
    lead = ReadyLeadFactory()
    dispatch_lead(lead=lead, by=customer_manager)
    decline_dispatch(lead=lead, by=customer_manager, reason="档期已满")
    day = queries.dispatch_day()
    snapshot = next(s for s in queries.designer_snapshots(day) if s.designer_id == first.pk)
    assert (snapshot.today_count, snapshot.week_count, snapshot.open_this_week) == (0, 0, 0)


def test_disp7_nobody_left_returns_lead_to_queue(make_designer, customer_manager):
    only = make_designer(name="韩雪")
    lead = ReadyLeadFactory(customer_name="李女士")
    dispatch_lead(lead=lead, by=customer_manager)

    assert decline_dispatch(lead=lead, by=customer_manager, reason="出差") is None

    lead.refresh_from_db()
    assert (lead.state, lead.designer) == (LeadState.NEW, None)
    note = Notification.objects.filter(recipient=customer_manager).get()
    assert note.text == (
        "The lead of 李女士 is back in the dispatch queue: Every eligible designer has declined; "
        "a forced dispatch with a reason is needed"
    )
    assert note.link == f"/dispatch/?lead={lead.pk}"
    assert only.pk in queries.declined_ids(lead)


def test_disp7_declined_designer_is_skipped_when_dispatched_again(two_designers, customer_manager):
    first, second = two_designers
    lead = ReadyLeadFactory()
    dispatch_lead(lead=lead, by=customer_manager)
    decline_dispatch(lead=lead, by=customer_manager, reason="档期已满")  # -> second
    decline_dispatch(lead=lead, by=customer_manager, reason="出差")  # nobody: back to queue
    with pytest.raises(DispatchError) as refusal:
        dispatch_lead(lead=lead, by=customer_manager)
    assert str(refusal.value) == (
        "Every eligible designer has declined; a forced dispatch with a reason is needed"
    )
    ranking, _rows = queries.lead_ranking(lead, queries.dispatch_day())
    assert ranking.skip_decision(first.pk).message == "Declined this lead"
    forced = force_dispatch(lead=lead, designer=second, by=customer_manager, reason="客户坚持")
    assert forced.overridden == "Declined this lead"


def test_disp7_only_a_dispatched_lead_can_be_declined(customer_manager):
    lead = ReadyLeadFactory()
    with pytest.raises(DispatchError) as refusal:
        decline_dispatch(lead=lead, by=customer_manager, reason="x")
    assert str(refusal.value) == "Only a dispatched lead can be declined; this one is New."


def test_disp7_decline_of_a_lead_dispatched_outside_the_log_is_kept(
    make_designer, customer_manager
):
    """Imported leads: DISPATCHED with no assignment row; the decline still gets a record."""
    designer = make_designer(employee_no="101")
    make_designer(employee_no="102")
    assignment = AssignmentFactory(designer=designer)
    lead = assignment.lead
    assignment.delete()
    decline_dispatch(lead=lead, by=customer_manager, reason="不接")
    declined = Assignment.objects.get(lead=lead, designer=designer)
    assert declined.reason == "Dispatched before the dispatch log was kept."
    assert declined.is_declined is True
