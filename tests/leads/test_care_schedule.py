"""CARE-2: the care schedule of a construction contract — rules (pure) and services (creation,
reschedule, cancel on refund)."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from leads.models import Callback, CallbackKind, CarePlan, CarePlanStatus, CarePoint
from leads.rules import care as rules
from leads.services import care as services
from leads.services.contracts import mark_refunded
from leads.services.errors import LeadError
from staff.models import Role
from tests.factories import StaffFactory
from tests.leads.lifecycle_factories import ensure_lifecycle_defaults, signed_lead

DATES = rules.ContractDates(date(2026, 3, 1), date(2026, 5, 30), date(2028, 5, 30))


# --- rules ----------------------------------------------------------------------------------


def test_care2_default_points_fall_on_the_contract_dates():
    schedule = rules.care_schedule(rules.DEFAULT_POINTS, DATES)
    assert schedule == {
        "start": date(2026, 3, 8),
        "midway": date(2026, 4, 15),
        "completion": date(2026, 5, 30),
        "after_completion": date(2026, 6, 29),
        "warranty": date(2028, 4, 30),
    }


def test_care2_default_dates_from_signing_day():
    dates = rules.default_dates(date(2026, 1, 1), rules.DateDefaults(14, 90, 24))
    assert dates == rules.ContractDates(date(2026, 1, 15), date(2026, 4, 15), date(2028, 4, 15))


def test_care2_dates_out_of_order_are_refused():
    decision = rules.check_dates(
        rules.ContractDates(date(2026, 5, 1), date(2026, 4, 1), DATES.warranty_ends_on)
    )
    assert not decision
    assert decision.message == "Completion cannot come before the start of construction."
    assert rules.check_dates(DATES)


def test_care2_add_months_keeps_month_end():
    assert rules.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


# --- services -------------------------------------------------------------------------------


@pytest.fixture
def defaults(db):
    ensure_lifecycle_defaults()


@pytest.fixture
def points(db):
    """The data migration's rows (a transactional test may have flushed them)."""
    CarePoint.objects.all().delete()
    for position, (anchor, offset) in enumerate(
        [("START", 7), ("MIDWAY", 0), ("COMPLETION", 0), ("COMPLETION", 30), ("WARRANTY_END", -30)]
    ):
        CarePoint.objects.create(
            name=f"P{position}", anchor=anchor, offset_days=offset, position=position
        )


def _construction(customer_manager, designer):
    return signed_lead(designer=designer, by=customer_manager, contract_type="CONSTRUCTION")


def _care_calls(lead):
    return Callback.objects.filter(lead=lead, kind=CallbackKind.CARE).order_by("due_at")


@pytest.mark.django_db
def test_care2_construction_contract_creates_care_calls_for_least_loaded_agents(
    defaults, points, customer_manager, designer
):
    busy, idle = StaffFactory(roles=[Role.CS_AGENT]), StaffFactory(roles=[Role.CS_AGENT])
    Callback.objects.create(
        lead=signed_lead(designer=designer, by=customer_manager)[0],
        kind=CallbackKind.COMPLAINT_FOLLOW_UP,
        assignee=busy,
        due_at=timezone.now(),
    )
    lead, contract = _construction(customer_manager, designer)

    plan = CarePlan.objects.get(contract=contract)
    calls = list(_care_calls(lead))
    today = timezone.localdate()
    assert plan.starts_on == today + timedelta(days=14)
    assert len(calls) == 5
    assert timezone.localdate(calls[0].due_at) == plan.starts_on + timedelta(days=7)
    assert timezone.localtime(calls[0].due_at).time() == time(10)
    # Spread: the idle agent is chosen first, and never only the busy one.
    assert calls[0].assignee == idle
    assert {c.assignee for c in calls} <= {busy, idle}


@pytest.mark.django_db
def test_care2_design_contract_has_no_care_plan(defaults, points, customer_manager, designer):
    lead, contract = signed_lead(designer=designer, by=customer_manager, contract_type="DESIGN")
    assert not CarePlan.objects.filter(contract=contract).exists()
    assert not _care_calls(lead).exists()


@pytest.mark.django_db
def test_care2_changing_dates_moves_open_calls_only(
    defaults, points, customer_manager, designer, cs_agent
):
    lead, contract = _construction(customer_manager, designer)
    plan = contract.care_plan
    first = _care_calls(lead).first()
    first.done_at = timezone.now()
    first.save()
    start = timezone.localdate() + timedelta(days=30)

    services.change_contract_dates(
        plan=plan,
        starts_on=start,
        completes_on=start + timedelta(days=60),
        warranty_ends_on=start + timedelta(days=790),
        by=cs_agent,
    )

    first.refresh_from_db()
    assert timezone.localdate(first.due_at) != start + timedelta(days=7)  # done: left alone
    dues = [timezone.localdate(c.due_at) for c in _care_calls(lead).filter(done_at__isnull=True)]
    assert dues == [
        start + timedelta(days=30),
        start + timedelta(days=60),
        start + timedelta(days=90),
        start + timedelta(days=760),
    ]


@pytest.mark.django_db
def test_care2_only_customer_service_changes_dates(defaults, points, customer_manager, designer):
    _, contract = _construction(customer_manager, designer)
    with pytest.raises(LeadError, match="Only customer service"):
        services.change_contract_dates(
            plan=contract.care_plan,
            starts_on=date(2026, 1, 1),
            completes_on=date(2026, 2, 1),
            warranty_ends_on=date(2027, 2, 1),
            by=designer,
        )


@pytest.mark.django_db
def test_care2_refund_cancels_the_open_care_calls(defaults, points, customer_manager, designer):
    lead, contract = _construction(customer_manager, designer)

    mark_refunded(lead=lead, by=customer_manager)

    contract.care_plan.refresh_from_db()
    assert contract.care_plan.status == CarePlanStatus.CANCELLED
    assert not _care_calls(lead).filter(cancelled_at__isnull=True).exists()


@pytest.mark.django_db
def test_care2_points_already_past_at_signing_are_skipped(
    defaults, points, customer_manager, designer, time_machine
):
    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=timezone.get_current_timezone()))
    CarePoint.objects.create(name="before", anchor="START", offset_days=-30, position=9)
    lead, _ = _construction(customer_manager, designer)
    assert _care_calls(lead).count() == 5
