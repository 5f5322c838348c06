"""Who sees which leads and phones (SEC-1), and the list filters."""

from datetime import timedelta

import pytest
from django.utils import timezone

from leads.models import Channel, LeadState, SizeClass
from leads.queries.access import phone_for, visible_leads
from leads.queries.leads import LeadFilters, lead_list
from tests.leads.factories import LeadFactory, SlipFactory

pytestmark = pytest.mark.django_db


def names(leads) -> set[str]:
    return {lead.customer_name for lead in leads}


def test_sec1_designer_sees_only_their_leads(designer, make_designer):
    LeadFactory(customer_name="mine", designer=designer, state=LeadState.DISPATCHED)
    LeadFactory(customer_name="other", designer=make_designer(), state=LeadState.DISPATCHED)
    LeadFactory(customer_name="undispatched")
    assert names(visible_leads(designer)) == {"mine"}


def test_sec1_salesperson_sees_only_theirs(marketing_sales):
    LeadFactory(customer_name="brought", brought_by=marketing_sales, channel=Channel.MARKETING)
    LeadFactory(customer_name="owned", owner=marketing_sales)
    SlipFactory(salesperson=marketing_sales, lead__customer_name="slip", lead__brought_by=None)
    LeadFactory(customer_name="someone else's", channel=Channel.MARKETING)
    assert names(visible_leads(marketing_sales)) == {"brought", "owned", "slip"}


def test_sec1_marketing_manager_sees_marketing_leads(marketing_manager):
    LeadFactory(customer_name="marketing", channel=Channel.MARKETING)
    LeadFactory(customer_name="walk-in")
    assert names(visible_leads(marketing_manager)) == {"marketing"}


@pytest.mark.parametrize("role", ["front_desk", "cs_agent", "customer_manager", "gm"])
def test_sec1_office_roles_see_every_lead(request, role):
    LeadFactory.create_batch(3)
    assert visible_leads(request.getfixturevalue(role)).count() == 3


@pytest.mark.parametrize(
    ("role", "full"),
    [
        ("front_desk", True),
        ("cs_agent", True),
        ("customer_manager", True),
        ("design_manager", True),
        ("gm", False),
        ("store_manager", False),
        ("marketing_manager", False),
    ],
)
def test_sec1_phone_masked_for_roles_that_do_not_call(request, role, full):
    lead = LeadFactory(phone="13812345678")
    expected = "13812345678" if full else "138****5678"
    assert phone_for(request.getfixturevalue(role), lead) == expected


def test_sec1_people_working_the_lead_see_its_phone(designer, marketing_sales):
    lead = LeadFactory(phone="13812345678", designer=designer, brought_by=marketing_sales)
    assert phone_for(designer, lead) == "13812345678"
    assert phone_for(marketing_sales, lead) == "13812345678"


def test_lead_list_filters(customer_manager, marketing_sales):
    today = timezone.localdate()
    LeadFactory(
        customer_name="a",
        channel=Channel.PHONE,
        size_class=SizeClass.SMALL,
        community="望京花园",
        building="3号楼2单元",
        consultation_date=today - timedelta(days=10),
    )
    LeadFactory(
        customer_name="b",
        state=LeadState.DISPATCHED,
        owner=marketing_sales,
        phone="13700001234",
        building="2号楼1单元101",  # not the factory's sequence, which may read "17号楼"
    )
    LeadFactory(customer_name="c", size_class=SizeClass.LARGE, building="7号楼")

    def run(**filters):
        return names(lead_list(customer_manager, LeadFilters(**filters)))

    assert run(channel=Channel.PHONE) == {"a"}
    assert run(state=LeadState.DISPATCHED) == {"b"}
    assert run(owner=str(marketing_sales.pk)) == {"b"}
    assert run(owner="company") == {"a", "c"}
    assert run(size_class=SizeClass.LARGE) == {"c"}
    assert run(community="望京花园") == {"a"}
    assert run(date_to=today - timedelta(days=5)) == {"a"}
    assert run(date_from=today - timedelta(days=5)) == {"b", "c"}
    assert run(search="0001234") == {"b"}
    assert run(search="7号楼") == {"c"}
    assert run(search="a") >= {"a"}


def test_slip5_list_flags_marketing_leads_without_slip(customer_manager):
    LeadFactory(customer_name="no slip", channel=Channel.MARKETING)
    SlipFactory(lead__customer_name="with slip")
    LeadFactory(customer_name="walk-in")
    flags = {lead.customer_name: lead.missing_slip for lead in lead_list(customer_manager)}
    assert flags == {"no slip": True, "with slip": False, "walk-in": False}
