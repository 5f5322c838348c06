"""Intake: normalized phone, size class, one customer one lead (LEAD-1, LEAD-2, LEAD-4)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from leads.models import (
    Channel,
    ClaimBasis,
    Lead,
    LeadEvent,
    LeadState,
    SizeClass,
    SizeThreshold,
)
from leads.services.errors import LeadError
from leads.services.intake import IntakeData, record_visit, register_lead, update_lead_details
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db


def data(**overrides) -> IntakeData:
    fields = {
        "customer_name": "王先生",
        "phone": "138 1234 5678",
        "channel": Channel.WALK_IN,
        "consultation_date": timezone.localdate(),
        "community": "阳光小区",
        "building": "3号楼2单元501",
        "area_m2": Decimal(96),
        "budget": Decimal(45000),
        "in_person": True,
    }
    return IntakeData(**{**fields, **overrides})


def test_lead1_intake_normalizes_phone_and_address(front_desk):
    result = register_lead(data=data(phone="+86 138-1234-5678"), by=front_desk)
    lead = result.lead
    assert result.created is True
    assert (lead.phone, lead.address_key, lead.created_by) == (
        "13812345678",
        "阳光小区-3-2-501",
        front_desk,
    )
    assert lead.first_visit_at is not None
    assert list(lead.events.values_list("kind", flat=True)) == [
        LeadEvent.Kind.INTAKE,
        LeadEvent.Kind.RULING,
    ]
    assert result.message == f"Lead registered (No. {lead.pk})."


def test_lead1_landline_with_area_code_is_accepted(front_desk):
    lead = register_lead(data=data(phone="010 6234 5678", in_person=False), by=front_desk).lead
    assert (lead.phone, lead.first_visit_at) == ("010-62345678", None)


def test_lead1_invalid_phone_is_refused_with_the_reason(front_desk):
    with pytest.raises(LeadError) as refused:
        register_lead(data=data(phone="6234 5678"), by=front_desk)
    assert str(refused.value) == (
        "A landline number needs its area code, e.g. 010-62345678 or 0755-2345678."
    )
    assert not Lead.objects.exists()


@pytest.mark.parametrize(
    ("budget", "size"),
    [
        (29999, SizeClass.SMALL),
        (30000, SizeClass.MEDIUM),
        (49999, SizeClass.MEDIUM),
        (50000, SizeClass.LARGE),
        (None, ""),
    ],
)
def test_lead4_size_class_from_budget(front_desk, budget, size):
    budget = Decimal(budget) if budget is not None else None
    assert register_lead(data=data(budget=budget), by=front_desk).lead.size_class == size


def test_lead4_thresholds_are_effective_dated_configuration(front_desk):
    today = timezone.localdate()
    SizeThreshold.objects.create(
        effective_from=today - timedelta(days=3), medium_from=20000, large_from=40000
    )
    new_rules = register_lead(data=data(budget=Decimal(42000)), by=front_desk).lead
    old_rules = register_lead(
        data=data(
            phone="13900001111",
            building="9号楼1单元101",
            budget=Decimal(42000),
            consultation_date=today - timedelta(days=10),
        ),
        by=front_desk,
    ).lead
    assert (new_rules.size_class, old_rules.size_class) == (SizeClass.LARGE, SizeClass.MEDIUM)


def test_lead2_same_phone_attaches_a_claim_instead_of_a_second_lead(front_desk, marketing_sales):
    first = register_lead(data=data(), by=front_desk).lead
    result = register_lead(
        data=data(phone="13812345678", channel=Channel.MARKETING, brought_by=marketing_sales),
        by=marketing_sales,
    )
    assert result.created is False
    assert result.lead == first
    assert Lead.objects.count() == 1
    claim = first.claims.get()
    assert (claim.claimant, claim.basis) == (marketing_sales, ClaimBasis.FIRST_CONTACT)
    assert result.message == (
        f"This customer is already registered (lead No. {first.pk}). Your entry was attached "
        "to it as an ownership claim; the customer manager decides ownership."
    )


def test_lead2_message_shows_no_customer_data(front_desk, marketing_sales):
    register_lead(data=data(customer_name="保密客户"), by=front_desk)
    result = register_lead(
        data=data(customer_name="x", brought_by=marketing_sales), by=marketing_sales
    )
    assert "保密客户" not in result.message
    assert "138" not in result.message
    assert "阳光" not in result.message


def test_lead2_same_address_other_phone_attaches(front_desk, engineering):
    first = register_lead(data=data(), by=front_desk).lead
    result = register_lead(
        data=data(phone="13900009999", building="3#2单元501室", brought_by=engineering),
        by=engineering,
    )
    assert (result.created, result.lead, result.matched_on) == (False, first, "ADDRESS")


def test_lead2_closed_lead_does_not_block_a_new_one(front_desk):
    LeadFactory(phone="13812345678", state=LeadState.INVALID)
    result = register_lead(data=data(), by=front_desk)
    assert result.created is True
    assert Lead.objects.count() == 2


def test_lead2_walk_in_again_is_a_visit_on_the_lead(front_desk):
    lead = register_lead(data=data(in_person=False), by=front_desk).lead
    result = register_lead(data=data(notes="第二次来"), by=front_desk)
    lead.refresh_from_db()
    assert result.claims == []
    assert lead.first_visit_at is not None
    assert list(lead.events.values_list("kind", flat=True)) == [
        LeadEvent.Kind.INTAKE,
        LeadEvent.Kind.RULING,
        LeadEvent.Kind.INTAKE,
        LeadEvent.Kind.VISIT,
    ]
    assert result.message == (
        f"This customer is already registered (lead No. {lead.pk}). Your entry was recorded on it."
    )


def test_attr2_customer_names_the_employee_who_sent_them(front_desk, marketing_sales):
    lead = register_lead(data=data(named_by_customer=marketing_sales), by=front_desk).lead
    claim = lead.claims.get()
    assert (claim.basis, claim.claimant, claim.visit_at is not None) == (
        ClaimBasis.CUSTOMER_STATEMENT,
        marketing_sales,
        True,
    )
    lead.refresh_from_db()
    assert lead.owner == marketing_sales


def test_attr4_first_contact_without_area_is_not_complete(front_desk, marketing_sales):
    lead = register_lead(data=data(area_m2=None, brought_by=marketing_sales), by=front_desk).lead
    assert lead.claims.get().has_complete_details is False
    lead.refresh_from_db()
    assert lead.owner is None  # the company: the only claim is invalid


def test_lead2_record_visit_sets_first_visit_once(front_desk, marketing_sales):
    lead = LeadFactory()
    record_visit(lead=lead, by=front_desk, named_by_customer=marketing_sales, note="带家人来")
    first = lead.first_visit_at
    record_visit(lead=lead, by=front_desk)
    lead.refresh_from_db()
    assert lead.first_visit_at == first
    assert lead.events.filter(kind=LeadEvent.Kind.VISIT).count() == 2
    assert lead.claims.get().basis == ClaimBasis.CUSTOMER_STATEMENT


def test_lead2_closed_lead_takes_no_visit(front_desk):
    with pytest.raises(LeadError, match="register the customer as a new lead"):
        record_visit(lead=LeadFactory(state=LeadState.DEAD), by=front_desk)


def test_lead4_correcting_the_budget_recomputes_the_size_class(front_desk):
    lead = LeadFactory(budget=Decimal(20000), size_class=SizeClass.SMALL)
    update_lead_details(lead=lead, by=front_desk, budget=Decimal(80000))
    assert lead.size_class == SizeClass.LARGE
    assert lead.history.first().history_change_reason == "details corrected"


def test_lead2_correction_cannot_take_another_open_leads_address(front_desk):
    LeadFactory(community="阳光小区", building="1号楼1单元101")
    lead = LeadFactory(community="阳光小区", building="2号楼1单元101")
    with pytest.raises(LeadError, match="Another open lead already has this address."):
        update_lead_details(lead=lead, by=front_desk, building="1-1-101")


def test_lead1_consultation_date_is_kept(front_desk):
    lead = register_lead(data=data(consultation_date=date(2026, 3, 2)), by=front_desk).lead
    assert lead.consultation_date == date(2026, 3, 2)
