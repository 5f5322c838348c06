"""Referrals (老客户介绍, CARE-5): a referral lead names the referring customer, found by phone;
when a referred lead signs, the reward in force (an amount or a gift) is recorded once per
contract — the contract's unique key settles two signings racing."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from staff.models import Staff
from staff.phones import InvalidPhone, normalize_phone

from ..models import Contract, Lead, Referral, ReferralReward, ReferralRewardPolicy
from ..rules import care as rules
from .errors import LeadError


def referrer_for(phone: str) -> Lead | None:
    """The referring customer's latest lead with this phone (None: not a customer of ours)."""
    return Lead.objects.filter(phone=phone).order_by("-created_at", "-id").first()


@transaction.atomic
def record_referral(*, lead: Lead, referrer_phone: str, by: Staff) -> Referral:
    """Name the customer who referred `lead`, chosen by phone (at intake or later)."""
    try:
        phone = normalize_phone(referrer_phone)
    except InvalidPhone as exc:
        raise LeadError(exc.message) from exc
    if phone == lead.phone:
        raise LeadError(_("A customer cannot refer themselves."))
    referrer = referrer_for(phone)
    if referrer is None:
        raise LeadError(_("No customer with this phone number; check the number."))
    referral, _created = Referral.objects.update_or_create(
        lead=lead,
        defaults={
            "referrer_phone": phone,
            "referrer_name": referrer.customer_name,
            "referrer_lead": referrer,
            "recorded_by": by,
        },
    )
    return referral


def reward_referral(*, contract: Contract) -> ReferralReward | None:
    """Inside the signing's transaction: the referrer's reward for this contract, once. None
    when the lead was not referred, no reward policy is in force, or it is already recorded."""
    referral = Referral.objects.filter(lead_id=contract.lead_id).first()
    already = ReferralReward.objects.filter(contract=contract).exists()
    decision = rules.check_reward(
        contract_refunded=contract.is_refunded,
        already_rewarded=already,
        has_referrer=referral is not None,
    )
    policy = _policy_on(contract)
    if not decision or policy is None:
        return None
    reward = ReferralReward(
        contract=contract,
        referral=referral,
        kind=policy.kind,
        amount=policy.amount,
        gift=policy.gift,
    )
    try:
        with transaction.atomic():  # Race: two signings' rewards; the unique contract holds it
            reward.save()
    except IntegrityError:
        return None
    return reward


def _policy_on(contract: Contract) -> ReferralRewardPolicy | None:
    rows = ReferralRewardPolicy.objects.filter(effective_from__lte=contract.signed_on)
    return rows.order_by("-effective_from").first()
