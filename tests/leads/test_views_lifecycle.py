"""Measurement and contract pages, and the lifecycle section of the lead page (LIFE-1/2)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.models import Contract, LeadState
from tests.leads.lifecycle_factories import (
    CommissionRuleFactory,
    dispatched_lead,
    measured_lead,
    signed_lead,
)

pytestmark = pytest.mark.django_db


def test_life1_designer_records_the_measurement_on_the_page(login, customer_manager, designer):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    client = login(designer)
    assert client.get(reverse("leads:measure", args=[lead.pk])).status_code == 200
    response = client.post(
        reverse("leads:measure", args=[lead.pk]),
        {"measured_on": timezone.localdate().isoformat(), "designer": designer.pk, "note": ""},
    )
    assert response.url == lead.get_absolute_url()
    lead.refresh_from_db()
    assert lead.state == LeadState.MEASURED


@pytest.mark.parametrize(
    ("persona", "status"),
    [("CUSTOMER_MANAGER", 200), ("FRONT_DESK", 403), ("DESIGN_MANAGER", 403), ("GM", 403)],
    indirect=["persona"],
)
def test_life1_measurement_page_per_role(login, persona, status, customer_manager, designer):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    assert login(persona).get(reverse("leads:measure", args=[lead.pk])).status_code == status


def test_life1_other_designers_do_not_see_the_lead(
    login, customer_manager, designer, make_designer
):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    response = login(make_designer()).get(reverse("leads:measure", args=[lead.pk]))
    assert response.status_code == 404


def test_life1_refusal_is_shown_on_the_form(login, customer_manager, designer):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = login(designer).post(
        reverse("leads:measure", args=[lead.pk]),
        {"measured_on": tomorrow.isoformat(), "designer": designer.pk},
    )
    assert response.status_code == 200
    assert "The measurement date cannot be in the future." in response.content.decode()


def contract_form(**overrides) -> dict:
    return {
        "number": "HT2026-0101",
        "contract_type": "CONSTRUCTION",
        "amount": "186000",
        "signed_on": timezone.localdate().isoformat(),
        "signed_by_design_department": "on",
        **overrides,
    }


def test_life2_contract_recorded_on_the_page_signs_the_lead(login, customer_manager, designer):
    lead = measured_lead(designer=designer, by=customer_manager)
    response = login(designer).post(reverse("leads:contract_add", args=[lead.pk]), contract_form())
    assert response.url == lead.get_absolute_url()
    contract = Contract.objects.get()
    assert (contract.contract_type, contract.amount, contract.lead.state) == (
        "CONSTRUCTION",
        186000,
        LeadState.SIGNED,
    )


def test_life2_duplicate_number_is_shown_on_the_form(login, customer_manager, designer):
    lead, contract = signed_lead(designer=designer, by=customer_manager)
    response = login(designer).post(
        reverse("leads:contract_add", args=[lead.pk]), contract_form(number=contract.number)
    )
    assert f"Contract number {contract.number} is already recorded." in response.content.decode()


def test_life2_amount_zero_is_refused_by_the_form(login, customer_manager, designer):
    lead = measured_lead(designer=designer, by=customer_manager)
    response = login(designer).post(
        reverse("leads:contract_add", args=[lead.pk]), contract_form(amount="0")
    )
    assert response.status_code == 200
    assert not Contract.objects.exists()


def test_lead_page_offers_the_next_step_per_state(login, customer_manager, designer):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    page = login(designer).get(lead.get_absolute_url()).content.decode()
    assert 'data-testid="record-measurement"' in page
    assert 'data-testid="record-contract"' not in page
    assert 'data-testid="propose-closure"' not in page  # designers do not propose closures
    page = login(customer_manager).get(lead.get_absolute_url()).content.decode()
    assert "Propose closing: Invalid lead" in page


def test_com2_lead_page_shows_commission_lines_to_the_customer_manager_only(
    login, customer_manager, designer
):
    CommissionRuleFactory(role="DESIGNER")
    lead, _contract = signed_lead(designer=designer, by=customer_manager)
    assert (
        'data-testid="commission-entry"'
        in login(customer_manager).get(lead.get_absolute_url()).content.decode()
    )
    assert (
        'data-testid="commission-entry"'
        not in login(designer).get(lead.get_absolute_url()).content.decode()
    )
