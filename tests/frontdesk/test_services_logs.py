"""FD-1, FD-2: the reception and phone logs register customers only through the leads intake,
so the one-customer-one-lead rule (LEAD-2) holds for them too."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from frontdesk.models import LeadLink, PhoneConsultation, ReceptionEntry
from frontdesk.services import logs
from frontdesk.services.errors import FrontDeskError
from leads.models import Channel, ClaimBasis, Lead, LeadEvent, LeadState
from staff.models import Notification
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db


def walk_in(**overrides) -> logs.ReceptionData:
    fields = {
        "visitor_name": "王先生",
        "purpose": "NEW_CUSTOMER",
        "arrived_at": timezone.now(),
        "phone": "138 1234 5678",
        "notes": "想做三室两厅，现代简约",
        "customer": logs.CustomerDetails(
            channel=Channel.WALK_IN,
            community="阳光小区",
            building="3号楼2单元501",
            area_m2=Decimal(96),
            budget=Decimal(45000),
        ),
    }
    return logs.ReceptionData(**{**fields, **overrides})


def call(**overrides) -> logs.CallData:
    fields = {
        "caller_name": "李女士",
        "topic": "NEW_ENQUIRY",
        "summary": "问老房翻新报价，120平",
        "called_at": timezone.now(),
        "phone": "139 8765 4321",
        "customer": logs.CustomerDetails(community="望京花园", area_m2=Decimal(120)),
    }
    return logs.CallData(**{**fields, **overrides})


def test_fd1_new_customer_at_reception_is_registered_as_a_walk_in_lead(front_desk):
    result = logs.log_reception(data=walk_in(), by=front_desk)
    entry, lead = result.entry, Lead.objects.get()
    assert (entry.lead, entry.lead_link, entry.phone) == (lead, LeadLink.CREATED, "13812345678")
    assert (lead.channel, lead.customer_name, lead.created_by) == (
        Channel.WALK_IN,
        "王先生",
        front_desk,
    )
    assert lead.first_visit_at is not None  # in person
    assert result.message == f"Lead registered (No. {lead.pk})."


def test_fd1_lead2_second_walk_in_of_the_same_phone_attaches_to_the_open_lead(front_desk):
    first = logs.log_reception(data=walk_in(), by=front_desk).lead
    result = logs.log_reception(
        data=walk_in(visitor_name="王太太", phone="13812345678"), by=front_desk
    )
    assert Lead.objects.count() == 1
    assert (result.entry.lead, result.entry.lead_link) == (first, LeadLink.ATTACHED)
    assert result.message == (
        f"This customer is already registered (lead No. {first.pk}). Your entry was recorded on it."
    )
    kinds = list(first.events.values_list("kind", flat=True))
    assert kinds.count(LeadEvent.Kind.INTAKE) == 2  # the leads intake handled the second one


def test_fd1_lead2_same_address_other_phone_attaches_too(front_desk):
    first = logs.log_reception(data=walk_in(), by=front_desk).lead
    result = logs.log_reception(data=walk_in(phone="13900001111"), by=front_desk)
    assert Lead.objects.count() == 1
    assert result.entry.lead == first


def test_fd1_named_colleague_gets_a_customer_statement_claim(front_desk, marketing_sales):
    details = logs.CustomerDetails(channel=Channel.WALK_IN, named_by_customer=marketing_sales)
    lead = logs.log_reception(data=walk_in(customer=details), by=front_desk).lead
    claim = lead.claims.get()
    assert (claim.claimant, claim.basis) == (marketing_sales, ClaimBasis.CUSTOMER_STATEMENT)


def test_fd1_existing_customer_visit_is_recorded_on_their_lead(front_desk):
    lead = LeadFactory(phone="13812345678", state=LeadState.DISPATCHED)
    result = logs.log_reception(
        data=walk_in(purpose="EXISTING_CUSTOMER", notes="来看效果图"), by=front_desk
    )
    assert (result.entry.lead, result.entry.lead_link) == (lead, LeadLink.VISIT)
    assert result.message == f"Visit recorded on lead No. {lead.pk}."
    assert lead.events.filter(kind=LeadEvent.Kind.VISIT, text="来看效果图").count() == 1
    assert Lead.objects.count() == 1


def test_fd1_visitor_who_is_not_a_customer_leaves_leads_alone(front_desk, gm):
    result = logs.log_reception(
        data=walk_in(visitor_name="快递员", purpose="DELIVERY", phone="", receiver=gm),
        by=front_desk,
    )
    assert (result.entry.lead, result.entry.lead_link, result.message) == (None, "", "")
    assert Lead.objects.count() == 0


def test_fd1_new_customer_needs_a_phone_and_a_bad_phone_saves_nothing(front_desk):
    with pytest.raises(FrontDeskError) as exc:
        logs.log_reception(data=walk_in(phone=""), by=front_desk)
    assert str(exc.value) == "A new customer's phone number is needed to register them."
    with pytest.raises(FrontDeskError):
        logs.log_reception(data=walk_in(phone="12345"), by=front_desk)
    assert (ReceptionEntry.objects.count(), Lead.objects.count()) == (0, 0)


def test_fd1_lead_refusal_rolls_back_the_entry(front_desk):
    with pytest.raises(FrontDeskError) as exc:
        logs.log_reception(data=walk_in(visitor_name="  "), by=front_desk)
    assert str(exc.value) == "Enter the visitor's name."
    assert ReceptionEntry.objects.count() == 0


@pytest.mark.parametrize("persona", ["CS_AGENT", "DESIGNER", "GM"], indirect=True)
def test_fd1_only_the_front_desk_keeps_the_reception_log(persona):
    with pytest.raises(FrontDeskError) as exc:
        logs.log_reception(data=walk_in(), by=persona)
    assert str(exc.value) == "Only the front desk keeps the reception log."


def test_fd2_new_caller_becomes_a_phone_lead(cs_agent):
    result = logs.log_phone_call(data=call(), by=cs_agent)
    lead = Lead.objects.get()
    assert (lead.channel, lead.phone, lead.first_visit_at, lead.community) == (
        Channel.PHONE,
        "13987654321",
        None,
        "望京花园",
    )
    assert (result.entry.lead, result.entry.lead_link) == (lead, LeadLink.CREATED)
    assert lead.notes == "问老房翻新报价，120平"


def test_fd2_lead2_caller_with_an_open_lead_is_not_registered_twice(cs_agent):
    lead = LeadFactory(phone="13987654321")
    result = logs.log_phone_call(data=call(), by=cs_agent)
    assert Lead.objects.count() == 1
    assert (result.entry.lead, result.entry.lead_link) == (lead, LeadLink.ATTACHED)


def test_fd2_existing_customer_call_is_noted_on_the_lead(cs_agent):
    lead = LeadFactory(phone="13987654321")
    result = logs.log_phone_call(
        data=call(topic="EXISTING_CUSTOMER", summary="问量房时间"), by=cs_agent
    )
    assert (result.entry.lead, result.entry.lead_link) == (lead, LeadLink.NOTED)
    assert lead.events.filter(kind=LeadEvent.Kind.NOTE, text="Phone call: 问量房时间").exists()


def test_fd2_message_for_a_colleague_is_passed_on(front_desk, designer):
    logs.log_phone_call(
        data=call(topic="MESSAGE", summary="请回电，改方案", message_for=designer),
        by=front_desk,
    )
    note = Notification.objects.get(recipient=designer)
    assert note.text == "Phone message from 李女士 (13987654321): 请回电，改方案"
    assert note.link == "/frontdesk/calls/"


def test_fd2_a_message_needs_its_colleague(front_desk):
    with pytest.raises(FrontDeskError) as exc:
        logs.log_phone_call(data=call(topic="MESSAGE"), by=front_desk)
    assert str(exc.value) == "Choose the colleague the message is for."
    assert PhoneConsultation.objects.count() == 0


def test_fd2_entry_keeps_the_call_time_given(cs_agent):
    earlier = timezone.now() - timedelta(hours=3)
    entry = logs.log_phone_call(data=call(called_at=earlier), by=cs_agent).entry
    assert entry.called_at == earlier
