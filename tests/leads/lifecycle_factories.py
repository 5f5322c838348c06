"""Builders for lifecycle tests: leads taken through the real services (dispatch, measurement,
contract), and commission rules."""

from datetime import date, timedelta
from decimal import Decimal
from importlib import import_module
from itertools import count

import factory
from django.apps import apps as django_apps
from django.utils import timezone

from leads.models import Callback, Closure, CommissionEntry, CommissionRule, Contract, Lead
from leads.services.contracts import record_contract
from leads.services.measurement import record_measurement
from leads.services.states import mark_dispatched
from staff.models import Role
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory

_numbers = count(1)


class CommissionRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommissionRule

    role = Role.DESIGNER
    contract_type = ""
    amount = Decimal(200)
    valid_from = date(2020, 1, 1)


def ensure_lifecycle_defaults() -> None:
    """The rows the data migrations create (DOMAIN's commission defaults, the callback policy,
    the beat schedule), created again if a transactional test has flushed them."""
    import_module("leads.migrations.0008_default_lifecycle_config").create_defaults(
        django_apps, None
    )
    import_module("leads.migrations.0009_callback_reminder_schedule").create_schedule(
        django_apps, None
    )


def contract_number() -> str:
    return f"HT-T{next(_numbers):05d}"


def dispatched_lead(*, designer, by, **fields) -> Lead:
    """A lead dispatched to `designer` by `by` (the customer manager), with its callback."""
    lead = LeadFactory(**fields)
    return mark_dispatched(lead=lead, designer=designer, by=by)


def measured_lead(*, designer, by, measured_on: date | None = None, **fields) -> Lead:
    lead = dispatched_lead(designer=designer, by=by, **fields)
    record_measurement(lead=lead, measured_on=measured_on or timezone.localdate(), by=by)
    lead.refresh_from_db()
    return lead


def signed_lead(
    *,
    designer,
    by,
    contract_type: str = "DESIGN",
    amount: Decimal = Decimal(80000),
    signed_on: date | None = None,
    **fields,
) -> tuple[Lead, Contract]:
    """A lead dispatched, measured and signed today (travel in time for another day)."""
    lead = measured_lead(designer=designer, by=by, **fields)
    contract = sign(lead, by=by, contract_type=contract_type, amount=amount, signed_on=signed_on)
    lead.refresh_from_db()
    return lead, contract


def sign(lead: Lead, *, by, contract_type: str = "DESIGN", amount=Decimal(80000), signed_on=None):
    return record_contract(
        lead=lead,
        number=contract_number(),
        contract_type=contract_type,
        amount=amount,
        signed_on=signed_on or timezone.localdate(),
        by=by,
    )


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


# --- rows without the services, for list pages and query counts ---------------------------------


class ClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Closure

    lead = factory.SubFactory(LeadFactory)
    kind = "INVALID"
    reason = "NO_PLAN"
    customer_words = "暂时不装修了"
    state_at_proposal = "NEW"
    proposed_by = factory.SubFactory(StaffFactory, roles=["CUSTOMER_MANAGER"])
    proposed_at = factory.LazyFunction(timezone.now)


class CallbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Callback

    lead = factory.SubFactory(LeadFactory)
    kind = "AFTER_DISPATCH"
    assignee = factory.SubFactory(StaffFactory, roles=["CS_AGENT"])
    due_at = factory.LazyFunction(timezone.now)
    note = "设计师是否已联系客户？"


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    lead = factory.SubFactory(LeadFactory, state="SIGNED")
    number = factory.LazyFunction(contract_number)
    contract_type = "DESIGN"
    amount = Decimal(60000)
    signed_on = factory.LazyFunction(timezone.localdate)
    recorded_by = factory.SelfAttribute("lead.created_by")


class CommissionEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommissionEntry

    contract = factory.SubFactory(ContractFactory)
    staff = factory.SubFactory(StaffFactory, roles=["DESIGNER"])
    role = "DESIGNER"
    amount = Decimal(300)
    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
