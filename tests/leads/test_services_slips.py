"""Transfer slips: filling, signing order, delegation, and the dispatch gate (SLIP-1..5)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from leads.models import Channel, LeadEvent, SlipStep
from leads.services.errors import LeadError
from leads.services.slip_checks import preferred_designer, slip_refusal
from leads.services.slips import fill_slip, record_dispatch_on_slip, sign_slip
from staff.models import Delegation, Notification, Role
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory, SlipFactory

pytestmark = pytest.mark.django_db


def texts_for(person) -> list[str]:
    return list(Notification.objects.filter(recipient=person).values_list("text", flat=True))


def test_slip1_salesperson_fills_slip_and_marketing_manager_is_asked(
    marketing_sales, marketing_manager, designer
):
    lead = LeadFactory(
        channel=Channel.MARKETING, brought_by=marketing_sales, customer_name="王先生"
    )
    slip = fill_slip(
        lead=lead, by=marketing_sales, customer_intent="北欧风", preferred_designer=designer
    )
    assert (slip.salesperson, slip.preferred_designer, slip.designer) == (
        marketing_sales,
        designer,
        None,
    )
    assert lead.events.get().kind == LeadEvent.Kind.SLIP_FILED
    assert texts_for(marketing_manager) == ["A transfer slip for 王先生 waits for your signature."]


@pytest.mark.parametrize(
    ("channel", "message"),
    [
        (Channel.WALK_IN, "Only a marketing lead has a transfer slip."),
        (Channel.MARKETING, "Only the salesperson who brought the lead fills its transfer slip."),
    ],
)
def test_slip1_only_the_salesperson_fills_a_marketing_lead_slip(marketing_sales, channel, message):
    lead = LeadFactory(channel=channel)
    with pytest.raises(LeadError) as refused:
        fill_slip(lead=lead, by=marketing_sales)
    assert str(refused.value) == message


def test_slip1_one_slip_per_lead(marketing_sales):
    slip = SlipFactory(salesperson=marketing_sales)
    with pytest.raises(LeadError, match="already has a transfer slip"):
        fill_slip(lead=slip.lead, by=marketing_sales)


def test_slip2_sign_order_marketing_manager_then_store_manager(
    marketing_manager, store_manager, customer_manager
):
    slip = SlipFactory()
    with pytest.raises(LeadError) as refused:
        sign_slip(slip=slip, by=store_manager)
    assert (
        str(refused.value) == "Only the manager of this step, or their named delegate, may sign it."
    )
    first = sign_slip(slip=slip, by=marketing_manager)
    assert (first.step, first.signer, first.on_behalf_of) == (
        SlipStep.MARKETING_MANAGER,
        marketing_manager,
        None,
    )
    assert texts_for(store_manager) == [
        f"A transfer slip for {slip.lead.customer_name} waits for your signature."
    ]
    assert slip_refusal(slip.lead) is not None
    second = sign_slip(slip=slip, by=store_manager)
    assert second.step == SlipStep.STORE_MANAGER
    assert slip_refusal(slip.lead) is None
    ready = (
        f"The transfer slip for {slip.lead.customer_name} is fully signed; "
        "the lead can be dispatched."
    )
    assert texts_for(slip.salesperson) == [ready]
    assert texts_for(customer_manager) == [ready]
    assert list(slip.lead.events.values_list("kind", flat=True)) == [LeadEvent.Kind.SLIP_SIGNED] * 2


def test_slip2_fully_signed_slip_cannot_be_signed_again(
    marketing_manager, store_manager, sign_fully
):
    slip = sign_fully(SlipFactory())
    with pytest.raises(LeadError, match="already signed"):
        sign_slip(slip=slip, by=store_manager)


def test_slip2_slip_refusal_messages(sign_fully):
    assert slip_refusal(LeadFactory(channel=Channel.WALK_IN)) is None
    assert slip_refusal(LeadFactory(channel=Channel.MARKETING)) == (
        "This marketing lead cannot be dispatched yet: the salesperson has not filled its "
        "transfer slip."
    )
    slip = SlipFactory()
    assert slip_refusal(slip.lead) == (
        "This marketing lead cannot be dispatched yet: its transfer slip must first be signed by "
        "the marketing manager and then the store manager."
    )
    sign_fully(slip)
    assert slip_refusal(slip.lead) is None


def test_slip4_delegate_signs_within_the_period_as_x_for_y(marketing_manager, store_manager):
    deputy = StaffFactory(roles=[Role.MARKETING_SALES], name="副手孙")
    today = timezone.localdate()
    Delegation.objects.create(
        principal=store_manager,
        delegate=deputy,
        start=today - timedelta(days=1),
        end=today + timedelta(days=2),
        reason="出差",
    )
    slip = SlipFactory()
    sign_slip(slip=slip, by=marketing_manager)
    signature = sign_slip(slip=slip, by=deputy, today=today)
    assert (signature.signer, signature.on_behalf_of) == (deputy, store_manager)
    assert signature.signed_by_label == "副手孙 for 店面经理陈"
    assert (
        slip.lead.events.last().text
        == "Transfer slip signed (Store manager) by 副手孙 for 店面经理陈."
    )


def test_slip4_delegate_cannot_sign_outside_the_period(marketing_manager, store_manager):
    deputy = StaffFactory(roles=[Role.MARKETING_SALES], name="副手孙")
    Delegation.objects.create(
        principal=store_manager,
        delegate=deputy,
        start=date(2026, 5, 1),
        end=date(2026, 5, 3),
        reason="出差",
    )
    slip = SlipFactory()
    sign_slip(slip=slip, by=marketing_manager)
    with pytest.raises(LeadError) as refused:
        sign_slip(slip=slip, by=deputy, today=date(2026, 5, 4))
    assert str(refused.value) == "Your delegation does not cover this date."
    assert sign_slip(slip=slip, by=deputy, today=date(2026, 5, 3)).on_behalf_of == store_manager


def test_slip4_delegates_are_asked_to_sign_while_in_force(marketing_manager, store_manager):
    deputy = StaffFactory(roles=[Role.MARKETING_SALES])
    today = timezone.localdate()
    Delegation.objects.create(
        principal=store_manager, delegate=deputy, start=today, end=today, reason="休假"
    )
    slip = SlipFactory()
    sign_slip(slip=slip, by=marketing_manager)
    assert len(texts_for(deputy)) == 1


def test_slip2_same_person_cannot_sign_both_steps(marketing_manager, store_manager):
    both = StaffFactory(roles=[Role.MARKETING_MANAGER, Role.STORE_MANAGER])
    slip = SlipFactory()
    sign_slip(slip=slip, by=both)
    with pytest.raises(LeadError, match="needs a different person"):
        sign_slip(slip=slip, by=both)


def test_disp6_preferred_designer_from_the_slip(designer):
    slip = SlipFactory(preferred_designer=designer)
    assert preferred_designer(slip.lead) == designer
    assert preferred_designer(LeadFactory()) is None


def test_slip3_dispatch_writes_designer_and_tells_the_salesperson(customer_manager, designer):
    slip = SlipFactory(lead__customer_name="李女士")
    record_dispatch_on_slip(lead=slip.lead, designer=designer, by=customer_manager)
    slip.refresh_from_db()
    assert (slip.designer, slip.dispatched_by, slip.dispatched_at is not None) == (
        designer,
        customer_manager,
        True,
    )
    assert texts_for(slip.salesperson) == [
        "Your marketing lead 李女士 was dispatched to designer 设计师韩."
    ]


def test_slip3_lead_without_slip_needs_nothing(customer_manager, designer):
    lead = LeadFactory()
    record_dispatch_on_slip(lead=lead, designer=designer, by=customer_manager)
    assert Notification.objects.count() == 0
