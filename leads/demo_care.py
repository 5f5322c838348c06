"""Demo customer care for `manage.py seed_demo` (CARE-1/2/4/5), after leads.demo_lifecycle: the
demo construction contracts get their care plans (dates from signing), one care call answered
well and one with a low score, two customer profiles (one declined greetings, one who moved in a
year ago today: today's greeting list) and a referral.
Idempotent: once any care feedback exists, running it again changes nothing."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from staff.models import Role, Staff

from .models import CareCall, CareFeedback, CarePlan, Contract, ContractType, Lead, Referral
from .services import care, occasions, profiles


def seed(*, phone_prefix: str) -> int:
    if CareFeedback.objects.exists():
        return 0
    agent = Staff.objects.filter(is_active=True, groups__name=Role.CS_AGENT).first()
    if agent is None:
        return 0
    with transaction.atomic():
        contracts = Contract.objects.filter(
            contract_type=ContractType.CONSTRUCTION,
            refunded_at__isnull=True,
            lead__phone__startswith=phone_prefix,
        ).select_related("lead")
        for contract in contracts:
            if not CarePlan.objects.filter(contract=contract).exists():
                care.create_care_plan(contract=contract, by=agent)
        calls = list(CareCall.objects.filter(callback__done_at__isnull=True)[:2])
        for call, (score, words) in zip(
            calls, [(5, "工人很守时，工地干净。"), (2, "进度比说好的慢。")]
        ):
            care.record_care_feedback(care_call=call, satisfaction=score, comments=words, by=agent)
        customers = list(Lead.objects.filter(phone__startswith=phone_prefix).order_by("id")[:3])
        if len(customers) == 3:
            first, second, referred = customers
            # Moved in a year ago today: today's greeting list has a move-in anniversary (CARE-3).
            today = timezone.localdate()
            profiles.save_profile(
                phone=first.phone,
                by=agent,
                style="新中式",
                family="三口之家",
                consent="GRANTED",
                moved_in_on=today - timedelta(days=365),
            )
            profiles.save_profile(phone=second.phone, by=agent, consent="DECLINED")
            Referral.objects.get_or_create(
                lead=referred,
                defaults={
                    "referrer_phone": first.phone,
                    "referrer_name": first.customer_name,
                    "referrer_lead": first,
                    "recorded_by": agent,
                },
            )
        occasions.build_greetings(day=timezone.localdate())
    return len(calls)
