"""CARE-5: referrals (老客户介绍) — the referring customer chosen by phone, the reward once per
referred contract, and the referrer's history listing referrals and signings."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from leads.models import ReferralReward, ReferralRewardPolicy
from leads.rules import care as rules
from leads.services.errors import LeadError
from leads.services.referrals import record_referral, reward_referral
from tests.leads.factories import LeadFactory
from tests.leads.lifecycle_factories import ensure_lifecycle_defaults, measured_lead, sign


def test_care5_reward_once_per_contract_and_never_for_a_refund():
    assert rules.check_reward(contract_refunded=False, already_rewarded=False, has_referrer=True)
    refused = rules.check_reward(contract_refunded=False, already_rewarded=True, has_referrer=True)
    assert refused.message == "The referral reward for this contract is already recorded."
    assert not rules.check_reward(contract_refunded=True, already_rewarded=False, has_referrer=True)
    assert not rules.check_reward(
        contract_refunded=False, already_rewarded=False, has_referrer=False
    )


@pytest.fixture
def referred(db, customer_manager, designer, front_desk):
    ensure_lifecycle_defaults()
    ReferralRewardPolicy.objects.update_or_create(
        effective_from=date(2020, 1, 1), defaults={"kind": "GIFT", "gift": "扫地机器人"}
    )
    referrer = LeadFactory(phone="13911112222", customer_name="老客户王", state="SIGNED")
    lead = measured_lead(designer=designer, by=customer_manager, channel="REFERRAL")
    referral = record_referral(lead=lead, referrer_phone="139 1111 2222", by=front_desk)
    return referrer, lead, referral


@pytest.mark.django_db
def test_care5_referral_names_the_referrer_found_by_phone(referred):
    referrer, _lead, referral = referred
    assert (referral.referrer_lead, referral.referrer_name) == (referrer, "老客户王")


@pytest.mark.django_db
def test_care5_unknown_referrer_phone_is_refused(referred, front_desk):
    _, lead, _ = referred
    with pytest.raises(LeadError, match="No customer with this phone"):
        record_referral(lead=lead, referrer_phone="13700000000", by=front_desk)


@pytest.mark.django_db
def test_care5_signing_records_the_reward_once(referred, customer_manager):
    _, lead, referral = referred
    contract = sign(lead, by=customer_manager, contract_type="DESIGN", amount=Decimal(20000))
    reward = ReferralReward.objects.get(contract=contract)
    assert (reward.referral, reward.kind, reward.gift) == (referral, "GIFT", "扫地机器人")
    assert reward_referral(contract=contract) is None
    second = sign(lead, by=customer_manager, contract_type="CONSTRUCTION")
    assert ReferralReward.objects.filter(referral=referral).count() == 2
    assert ReferralReward.objects.filter(contract=second).count() == 1


@pytest.mark.django_db
def test_care5_referrer_history_lists_referrals_and_signings(referred, customer_manager, login):
    referrer, lead, _ = referred
    sign(lead, by=customer_manager, contract_type="DESIGN", amount=Decimal(20000))
    page = login(customer_manager).get(reverse("leads:customer_history", args=[referrer.pk]))
    html = page.content.decode()
    assert 'data-testid="history-referrals"' in html
    assert lead.customer_name in html
    assert "¥20,000.00" in html
