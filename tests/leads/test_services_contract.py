"""LIFE-2: recording contracts (unique number, type, amount > 0, date); the first signs the lead."""

from decimal import Decimal

import pytest
from django.utils import timezone

from leads.models import CommissionEntry, Contract, LeadEvent, LeadState
from leads.services.contracts import record_contract
from leads.services.errors import LeadError
from tests.leads.lifecycle_factories import (
    dispatched_lead,
    ensure_lifecycle_defaults,
    measured_lead,
    sign,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _domain_defaults(db):
    ensure_lifecycle_defaults()


def contract(lead, by, **overrides):
    data = {
        "number": "HT2026-0001",
        "contract_type": "DESIGN",
        "amount": Decimal(12000),
        "signed_on": timezone.localdate(),
        **overrides,
    }
    return record_contract(lead=lead, by=by, **data)


def test_life2_first_contract_signs_the_lead(customer_manager, designer):
    lead = measured_lead(designer=designer, by=customer_manager)

    signed = contract(lead, designer)

    lead.refresh_from_db()
    assert lead.state == LeadState.SIGNED
    assert (signed.number, signed.contract_type, signed.amount, signed.designer) == (
        "HT2026-0001",
        "DESIGN",
        Decimal(12000),
        designer,
    )
    event = lead.events.filter(kind=LeadEvent.Kind.CONTRACT).get()
    assert event.text == (
        f"Design contract HT2026-0001 signed on {timezone.localdate():%Y-%m-%d}, ¥12000."
    )


def test_life2_second_contract_on_a_signed_lead(customer_manager, designer):
    lead = measured_lead(designer=designer, by=customer_manager)
    contract(lead, designer)
    contract(lead, designer, number="HT2026-0002", contract_type="CONSTRUCTION")
    lead.refresh_from_db()
    assert lead.state == LeadState.SIGNED
    assert list(lead.contracts.order_by("id").values_list("contract_type", flat=True)) == [
        "DESIGN",
        "CONSTRUCTION",
    ]
    assert lead.events.filter(kind=LeadEvent.Kind.CONTRACT).count() == 2


def test_life2_contract_number_is_unique(customer_manager, designer):
    contract(measured_lead(designer=designer, by=customer_manager), customer_manager)
    other = measured_lead(designer=designer, by=customer_manager)
    with pytest.raises(LeadError) as refused:
        contract(other, customer_manager, number="ht2026-0001")
    assert str(refused.value) == "Contract number ht2026-0001 is already recorded."
    other.refresh_from_db()
    assert other.state == LeadState.MEASURED


@pytest.mark.parametrize("amount", [Decimal(0), Decimal(-100)])
def test_life2_amount_must_be_positive(customer_manager, designer, amount):
    lead = measured_lead(designer=designer, by=customer_manager)
    with pytest.raises(LeadError, match="The contract amount must be more than 0."):
        contract(lead, designer, amount=amount)
    assert not Contract.objects.exists()


def test_life2_contract_type_is_design_or_construction(customer_manager, designer):
    lead = measured_lead(designer=designer, by=customer_manager)
    with pytest.raises(LeadError, match="Choose the contract type."):
        contract(lead, designer, contract_type="OTHER")


def test_life2_no_contract_before_measurement(customer_manager, designer):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    with pytest.raises(
        LeadError, match="A contract is recorded only on a measured or signed lead."
    ):
        contract(lead, designer)


def test_life2_only_the_leads_designer_or_customer_manager(customer_manager, designer, cs_agent):
    lead = measured_lead(designer=designer, by=customer_manager)
    with pytest.raises(LeadError, match="Only the lead's designer or the customer manager"):
        contract(lead, cs_agent)


def test_com2_signing_creates_the_commission_entries(customer_manager, designer):
    lead = measured_lead(designer=designer, by=customer_manager)
    signed = sign(lead, by=designer)
    entry = CommissionEntry.objects.get(contract=signed)
    assert (entry.staff, entry.role, entry.amount) == (customer_manager, "CUSTOMER_MANAGER", 50)
