"""Factories for leads, slips and claims (tests of the leads app and of apps built on it)."""

from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone

from leads.models import Channel, Lead, LeadState, SizeClass, TransferSlip
from leads.rules.intake import normalize_address
from tests.factories import StaffFactory


class LeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lead

    customer_name = factory.Sequence(lambda n: f"客户{n}")
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    community = "阳光小区"
    building = factory.Sequence(lambda n: f"{n % 30 + 1}号楼{n % 6 + 1}单元{n + 101}")
    address_key = factory.LazyAttribute(lambda o: normalize_address(o.community, o.building))
    area_m2 = Decimal("95.5")
    budget = Decimal(45000)
    size_class = SizeClass.MEDIUM
    planned_decoration_date = date(2026, 9, 1)
    channel = Channel.WALK_IN
    consultation_date = factory.LazyFunction(timezone.localdate)
    state = LeadState.NEW
    created_by = factory.SubFactory(StaffFactory, roles=["FRONT_DESK"])


class SlipFactory(factory.django.DjangoModelFactory):
    """A filled slip (no signatures); its lead is a marketing lead brought by the salesperson."""

    class Meta:
        model = TransferSlip

    salesperson = factory.SubFactory(StaffFactory, roles=["MARKETING_SALES"])
    lead = factory.SubFactory(
        LeadFactory,
        channel=Channel.MARKETING,
        brought_by=factory.SelfAttribute("..salesperson"),
    )
    customer_intent = "简约风格，三室两厅"
    filled_at = factory.LazyFunction(timezone.now)
