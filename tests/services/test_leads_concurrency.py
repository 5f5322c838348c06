"""LEAD-2 under real concurrency on PostgreSQL: many desks registering the same customer at the
same moment end with exactly one lead; every other intake becomes a claim on it. Also SLIP-2:
the manager and a delegate pressing "sign" together sign the step once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from leads.models import Channel, ClaimBasis, Lead, OwnershipClaim, SlipSignature
from leads.services.errors import LeadError
from leads.services.intake import IntakeData, register_lead
from leads.services.slips import sign_slip
from staff.models import Delegation, Role
from tests.factories import StaffFactory
from tests.leads.factories import SlipFactory
from tests.services.threads import run_together

pytestmark = pytest.mark.django_db(transaction=True)
PARALLEL = 12


def test_lead2_parallel_intakes_of_one_phone_make_one_lead():
    salespeople = [StaffFactory(roles=[Role.MARKETING_SALES]) for _ in range(PARALLEL)]

    def intake(person):
        data = IntakeData(
            customer_name="并发客户",
            phone="138 0000 9999",
            channel=Channel.MARKETING,
            consultation_date=timezone.localdate(),
            community="望京花园",
            building=f"{salespeople.index(person) + 1}号楼",  # different addresses: phone decides
            area_m2=Decimal(90),
            brought_by=person,
        )
        return lambda: register_lead(data=data, by=person)

    results = run_together([intake(person) for person in salespeople])
    assert not [r for r in results if isinstance(r, Exception)], results
    assert Lead.objects.filter(phone="13800009999").count() == 1
    assert sum(1 for r in results if r.created) == 1
    lead = Lead.objects.get()
    assert (
        OwnershipClaim.objects.filter(lead=lead, basis=ClaimBasis.FIRST_CONTACT).count() == PARALLEL
    )
    assert {r.lead.pk for r in results} == {lead.pk}


def test_slip2_simultaneous_signatures_sign_the_step_once():
    store = StaffFactory(roles=[Role.STORE_MANAGER])
    marketing = StaffFactory(roles=[Role.MARKETING_MANAGER])
    deputy = StaffFactory(roles=[Role.DESIGN_MANAGER])
    today = timezone.localdate()
    Delegation.objects.create(
        principal=store, delegate=deputy, start=today, end=today + timedelta(days=1), reason="出差"
    )
    slip = SlipFactory()
    sign_slip(slip=slip, by=marketing)
    results = run_together(
        [lambda: sign_slip(slip=slip, by=store), lambda: sign_slip(slip=slip, by=deputy)]
    )
    assert SlipSignature.objects.filter(slip=slip, step="STORE_MANAGER").count() == 1
    refused = [r for r in results if isinstance(r, LeadError)]
    assert len(refused) == 1
