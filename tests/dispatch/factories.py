"""Factories for dispatch tests: designers of each tier, ready leads, assignments, seasons."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from dispatch.models import Assignment, Champion, SeasonKind, SeasonPeriod
from leads.models import LeadState, SizeClass
from staff.models import Department, DesignerTier
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory


class DesignerFactory(StaffFactory):
    """A designer of the lowest tier unless told otherwise."""

    department = Department.DESIGN
    designer_tier = DesignerTier.DESIGNER
    employee_no = factory.Sequence(lambda n: f"{500 + n}")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """Designers hold the DESIGNER role unless told otherwise."""
        if create:
            codes = extracted or ["DESIGNER"]
            self.groups.set([Group.objects.get(name=str(code)) for code in codes])


class ReadyLeadFactory(LeadFactory):
    """A walk-in SMALL lead that passes DISP-2: date, area, budget known, levels introduced."""

    budget = Decimal(20000)
    size_class = SizeClass.SMALL
    area_m2 = Decimal("88")
    planned_decoration_date = date(2026, 10, 1)
    levels_introduced = True


class AssignmentFactory(factory.django.DjangoModelFactory):
    """A dispatch already made (the lead is DISPATCHED to the designer)."""

    class Meta:
        model = Assignment

    designer = factory.SubFactory(DesignerFactory)
    lead = factory.SubFactory(
        ReadyLeadFactory,
        state=LeadState.DISPATCHED,
        designer=factory.SelfAttribute("..designer"),
        dispatched_at=factory.SelfAttribute("..dispatched_at"),
    )
    dispatched_at = factory.LazyFunction(timezone.now)
    dispatched_by = factory.SubFactory(StaffFactory, roles=["CUSTOMER_MANAGER"])
    method = Assignment.Method.ROTATION


class SeasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeasonPeriod

    name = "旺季"
    kind = SeasonKind.PEAK
    start = date(2026, 3, 1)
    end = date(2026, 5, 31)


class ChampionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Champion

    kind = Champion.Kind.QUARTERLY
    period_start = date(2026, 1, 1)
    period_end = date(2026, 3, 31)
    designer = factory.SubFactory(DesignerFactory)
    signed_count = 5
    grants_from = date(2026, 4, 1)
    grants_until = date(2026, 6, 30)
    status = Champion.Status.CONFIRMED
    computed_at = factory.LazyFunction(timezone.now)
