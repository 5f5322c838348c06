"""The demo lifecycle: measurements, contracts, closures in every state, callbacks due and
overdue, ledger entries with a void and a claw-back; consistent with the rules; seeded once."""

from collections import Counter

import pytest
from django.utils import timezone

from leads import demo
from leads.models import (
    OPEN_CALLBACK,
    Callback,
    Closure,
    CommissionEntry,
    CommissionMonth,
    Contract,
    EntryKind,
    Lead,
    LeadState,
    Measurement,
)
from staff import demo as staff_demo
from tests.leads.lifecycle_factories import ensure_lifecycle_defaults

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _domain_defaults(db):
    ensure_lifecycle_defaults()


@pytest.fixture
def seeded(db):
    staff_demo.seed()
    return demo.seed()


def test_demo_lifecycle_is_seeded_once(seeded):
    counts = (Contract.objects.count(), Closure.objects.count(), CommissionEntry.objects.count())
    assert demo.seed() == 0
    assert (
        Contract.objects.count(),
        Closure.objects.count(),
        CommissionEntry.objects.count(),
    ) == counts


def test_life1_life2_demo_has_measurements_and_contracts_of_both_types(seeded):
    assert Measurement.objects.count() >= 8
    assert set(Contract.objects.values_list("contract_type", flat=True)) == {
        "DESIGN",
        "CONSTRUCTION",
    }
    for contract in Contract.objects.select_related("lead__measurement"):
        assert contract.signed_on >= contract.lead.measurement.measured_on
        assert contract.signed_on < timezone.localdate()
    assert Lead.objects.filter(state=LeadState.SIGNED).count() >= 4


def test_close2_demo_has_closures_in_every_state(seeded):
    statuses = Counter(Closure.objects.values_list("status", flat=True))
    assert set(statuses) == {"PROPOSED", "CONFIRMED", "REJECTED", "REOPENED"}
    assert set(Closure.objects.values_list("kind", flat=True)) == {"INVALID", "DEAD"}
    for closure in Closure.objects.filter(status="CONFIRMED").select_related("lead"):
        assert closure.lead.state == closure.kind
        assert closure.lead.closed_at == closure.decided_at


def test_cb1_demo_has_callbacks_due_and_overdue_and_done(seeded):
    now = timezone.now()
    open_ = Callback.objects.filter(OPEN_CALLBACK)
    assert open_.filter(due_at__lt=now).exists()
    assert open_.filter(due_at__gte=now).exists()
    assert Callback.objects.exclude(outcome="").count() >= 10
    assert open_.filter(kind="CLOSURE_PENDING").exists()
    for callback in Callback.objects.filter(kind="AFTER_DISPATCH").select_related("lead"):
        assert callback.created_at <= now


def test_com4_demo_ledger_has_a_void_and_a_claw_back_after_payment(seeded):
    assert CommissionMonth.objects.exists()
    assert CommissionEntry.objects.filter(void_reason="PRIVATE_CONTACT").exists()
    refunded = CommissionEntry.objects.filter(void_reason="REFUND")
    assert refunded.exists()
    adjustment = CommissionEntry.objects.get(kind=EntryKind.ADJUSTMENT, role="DESIGNER")
    assert adjustment.month == timezone.localdate().replace(day=1)
    assert adjustment.amount == -adjustment.adjusts.amount


def test_com1_demo_rate_change_keeps_old_contracts_at_the_old_amount(seeded):
    this_month = timezone.localdate().replace(day=1)
    design = CommissionEntry.objects.filter(
        kind=EntryKind.EARNING, role="DESIGNER", contract__contract_type="DESIGN"
    )
    assert set(
        design.filter(contract__signed_on__lt=this_month).values_list("amount", flat=True)
    ) == {200}


def test_care_demo_has_plans_feedback_a_referral_and_todays_anniversary_greeting(seeded):
    from leads.models import CareFeedback, CarePlan, Greeting, Referral

    assert CarePlan.objects.exists()
    assert set(CareFeedback.objects.values_list("satisfaction", flat=True)) == {5, 2}
    assert Referral.objects.exists()
    assert Greeting.objects.filter(day=timezone.localdate(), occasion="ANNIVERSARY").exists()
