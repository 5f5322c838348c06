"""FD-5: fault types from the source list, fault slips recorded by the customer manager, and the
month's deductions for the pay statement."""

import importlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from staff import queries, services
from staff.models import Fault, FaultType, Notification, Role
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fault_types(db):
    """The fault list comes from a data migration; a transactional test elsewhere may have
    flushed it, so it is put back (the migration's own function, idempotent)."""
    from django.apps import apps

    migration = importlib.import_module("staff.migrations.0004_default_fault_types")
    migration.create_fault_types(apps, None)


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in their English source form (pages too)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def fault_type(code: str = "phone-not-answered") -> FaultType:
    return FaultType.objects.get(code=code)


def record(by, staff, day: date, code: str = "phone-not-answered", **kwargs) -> Fault:
    return services.record_fault(
        staff=staff,
        fault_type=fault_type(code),
        occurred_on=day,
        note="铃响五声才接",
        by=by,
        **kwargs,
    )


def test_fd5_fault_types_are_the_source_list_with_default_deductions():
    rows = list(FaultType.objects.values_list("code", "default_deduction"))
    assert rows == [
        ("reception-not-proactive", Decimal(20)),
        ("desk-unattended", Decimal(30)),
        ("phone-not-answered", Decimal(20)),
        ("tables-late-or-wrong", Decimal(20)),
        ("untidy-area", Decimal(10)),
        ("copying-misuse", Decimal(10)),
        ("duty-neglect", Decimal(50)),
    ]


def test_fd5_fault_takes_the_type_default_and_the_person_is_told(customer_manager, front_desk):
    fault = record(customer_manager, front_desk, timezone.localdate())
    assert (fault.deduction, fault.recorded_by, fault.staff) == (
        Decimal(20),
        customer_manager,
        front_desk,
    )
    note = Notification.objects.get(recipient=front_desk)
    assert note.text == (
        f"A fault slip was recorded for you: 电话未在三声内接听 on {fault.occurred_on}, "
        "deduction 20 yuan."
    )


def test_fd5_edited_default_applies_to_new_faults(customer_manager, front_desk):
    FaultType.objects.filter(code="untidy-area").update(default_deduction=Decimal(15))
    fault = record(customer_manager, front_desk, timezone.localdate(), code="untidy-area")
    assert fault.deduction == Decimal(15)


def test_fd5_manager_may_set_another_amount(customer_manager, front_desk):
    fault = record(customer_manager, front_desk, timezone.localdate(), deduction=Decimal(5))
    assert fault.deduction == Decimal(5)


@pytest.mark.parametrize("persona", [Role.FRONT_DESK, Role.HR, Role.GM], indirect=True)
def test_fd5_only_the_customer_manager_records_faults(persona, cs_agent):
    with pytest.raises(services.FaultError) as exc:
        record(persona, cs_agent, timezone.localdate())
    assert str(exc.value) == "Only the customer manager records faults."


def test_fd5_refusals_name_the_problem(customer_manager, front_desk):
    today = timezone.localdate()
    with pytest.raises(services.FaultError) as exc:
        record(customer_manager, front_desk, today + timedelta(days=1))
    assert str(exc.value) == "A fault cannot be dated in the future."
    FaultType.objects.filter(code="untidy-area").update(is_active=False)
    with pytest.raises(services.FaultError) as exc:
        record(customer_manager, front_desk, today, code="untidy-area")
    assert str(exc.value) == "This fault type is no longer in use."
    with pytest.raises(services.FaultError) as exc:
        services.record_fault(
            staff=front_desk,
            fault_type=fault_type(),
            occurred_on=today,
            note=" ",
            by=customer_manager,
        )
    assert str(exc.value) == "Describe what happened."


def test_fd5_month_deductions_sum_the_months_faults_except_withdrawn(customer_manager, front_desk):
    other = StaffFactory(roles=[Role.FRONT_DESK])
    record(customer_manager, front_desk, date(2026, 3, 1))  # 20
    record(customer_manager, front_desk, date(2026, 3, 31), code="duty-neglect")  # 50
    withdrawn = record(customer_manager, front_desk, date(2026, 3, 15), code="untidy-area")
    record(customer_manager, front_desk, date(2026, 2, 28))  # other month
    record(customer_manager, front_desk, date(2026, 4, 1))  # other month
    record(customer_manager, other, date(2026, 3, 10))  # other person
    services.withdraw_fault(fault=withdrawn, reason="误记", by=customer_manager)
    assert queries.fault_deductions(front_desk, 2026, 3) == Decimal(70)
    assert queries.fault_deductions(front_desk, 2026, 5) == Decimal(0)
    assert queries.fault_deductions(front_desk, 2026, 12) == Decimal(0)


def test_fd5_withdrawal_needs_a_reason_happens_once_and_is_audited(customer_manager, front_desk):
    fault = record(customer_manager, front_desk, timezone.localdate())
    with pytest.raises(services.FaultError) as exc:
        services.withdraw_fault(fault=fault, reason="", by=customer_manager)
    assert str(exc.value) == "Say why the fault is withdrawn."
    services.withdraw_fault(fault=fault, reason="当天系统故障", by=customer_manager)
    with pytest.raises(services.FaultError) as exc:
        services.withdraw_fault(fault=fault, reason="再撤", by=customer_manager)
    assert str(exc.value) == "This fault has already been withdrawn."
    fault.refresh_from_db()
    assert (fault.withdrawn_by, fault.withdraw_reason) == (customer_manager, "当天系统故障")
    assert fault.history.count() == 2


def test_fd5_only_the_customer_manager_withdraws(customer_manager, front_desk, hr):
    fault = record(customer_manager, front_desk, timezone.localdate())
    with pytest.raises(services.FaultError) as exc:
        services.withdraw_fault(fault=fault, reason="x", by=hr)
    assert str(exc.value) == "Only the customer manager withdraws a fault."
