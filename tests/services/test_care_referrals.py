"""CARE-5 on PostgreSQL: a referred contract's reward is recorded once, even when two signings'
reward steps run at the same moment (the contract's unique key settles the race)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction

from leads.models import Contract, Lead, Referral, ReferralReward, ReferralRewardPolicy
from leads.services.referrals import reward_referral
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory
from tests.services.threads import errors_of

PARALLEL = 6


@pytest.mark.django_db(transaction=True)
def test_care5_reward_recorded_once_under_concurrent_signings():
    by = StaffFactory(roles=["CUSTOMER_MANAGER"])
    ReferralRewardPolicy.objects.get_or_create(
        effective_from=date(2020, 1, 1), defaults={"kind": "AMOUNT", "amount": Decimal(500)}
    )
    referrer: Lead = LeadFactory(phone="13900001111", state="SIGNED")
    referred: Lead = LeadFactory(phone="13900002222", state="SIGNED")
    referral = Referral.objects.create(
        lead=referred,
        referrer_phone=referrer.phone,
        referrer_name=referrer.customer_name,
        referrer_lead=referrer,
        recorded_by=by,
    )
    contract = Contract.objects.create(
        lead=referred,
        number="HT-R-0001",
        contract_type="CONSTRUCTION",
        amount=Decimal(90000),
        signed_on=date.today(),
        recorded_by=by,
    )

    def reward(_index: int) -> None:
        with transaction.atomic():
            reward_referral(contract=Contract.objects.get(pk=contract.pk))

    assert errors_of(reward, PARALLEL) == []
    rewards = ReferralReward.objects.filter(contract=contract)
    assert rewards.count() == 1
    assert (rewards.get().referral, rewards.get().amount) == (referral, Decimal(500))
