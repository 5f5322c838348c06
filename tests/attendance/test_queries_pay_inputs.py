"""COM-5 with the real commission ledger (leads) and fault slips (staff): the statement carries
the month's ledger lines, approval marks the ledger month paid, and a void after payment comes
back once, as the ledger's adjustment on the next statement (COM-4)."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from attendance.models import LineOrigin, PayLine, PayLineKind, PayStatement
from attendance.queries.pay_inputs import commission_lines, fault_lines, year_faults
from attendance.services import pay as services
from leads.models import CommissionEntry, CommissionMonth, CommissionRule
from leads.services.commission import void_for_refund
from staff.models import Role
from tests.attendance.pay_factories import (  # noqa: F401 - english is an autouse fixture
    APRIL,
    BEIJING,
    JOINED,
    MARCH,
    employee,
    english,
    fault,
)
from tests.leads.lifecycle_factories import signed_lead

pytestmark = pytest.mark.django_db

D = Decimal


def at(*args):
    return time_machine.travel(dt.datetime(*args, tzinfo=BEIJING), tick=False)


@pytest.fixture
def manager(db):
    return employee(roles=[Role.CUSTOMER_MANAGER], name="客户经理张敏", base_salary=D(1200))


@pytest.fixture
def march_signing(manager, designer):
    """A design contract signed on 2026-03-20 on a lead the customer manager dispatched."""
    CommissionRule.objects.get_or_create(
        role=Role.CUSTOMER_MANAGER,
        contract_type="",
        valid_from=dt.date(2020, 1, 1),
        defaults={"amount": D(50), "requires_design_department": True},
    )
    designer.date_joined = JOINED
    designer.save()
    with at(2026, 3, 20, 10, 0):
        lead, contract = signed_lead(designer=designer, by=manager)
    return lead, contract


def test_com5_commission_lines_come_from_the_ledger(march_signing, manager):
    lead, contract = march_signing
    (line,) = commission_lines(manager, 2026, 3)
    entry = CommissionEntry.objects.get(staff=manager)
    assert (line.amount, line.is_adjustment, line.entry_id, line.lead_id) == (
        D(50),
        False,
        entry.pk,
        lead.pk,
    )
    assert (line.contract_number, line.signed_on, line.note) == (
        contract.number,
        dt.date(2026, 3, 20),
        "Customer manager",
    )
    assert commission_lines(manager, 2026, 4) == []


def test_com5_statement_links_each_commission_to_its_lead(march_signing, manager, hr):
    lead, contract = march_signing
    with at(2026, 4, 3, 10, 0):
        services.prepare_month(month=MARCH, by=hr)
    line = PayLine.objects.get(statement__staff=manager, kind=PayLineKind.COMMISSION)
    assert (line.amount, line.reference, line.link) == (
        D("50.00"),
        contract.number,
        f"/leads/{lead.pk}/",
    )


def test_com5_approval_marks_the_ledger_month_paid_and_a_later_void_is_adjusted_once(
    march_signing, manager, hr, gm
):
    lead, _contract = march_signing
    with at(2026, 4, 3, 10, 0):
        services.prepare_month(month=MARCH, by=hr)
        services.submit_month(month=MARCH, by=hr)
        services.approve_month(month=MARCH, by=gm)
        assert CommissionMonth.objects.get(month=MARCH).paid_by == gm
        void_for_refund(lead=lead, by=manager)  # 退单 after March was paid
        services.prepare_month(month=APRIL, by=hr)
    april = PayStatement.objects.get(staff=manager, pay_month__month=APRIL)
    (claw_back,) = april.lines.filter(kind=PayLineKind.ADJUSTMENT)
    assert (claw_back.amount, claw_back.origin) == (D("-50.00"), LineOrigin.GENERATED)
    assert claw_back.description.startswith(f"Commission on contract {_contract.number}: ")
    assert april.adjustments == D("-50.00")
    march = PayStatement.objects.get(staff=manager, pay_month__month=MARCH)
    assert (march.commissions, march.total) == (D("50.00"), D("1250.00"))


def test_com5_a_void_before_payment_shows_and_pays_nothing(march_signing, manager, hr):
    lead, _contract = march_signing
    with at(2026, 4, 2, 10, 0):
        void_for_refund(lead=lead, by=manager)
    with at(2026, 4, 3, 10, 0):
        services.prepare_month(month=MARCH, by=hr)
    line = PayLine.objects.get(statement__staff=manager, kind=PayLineKind.COMMISSION)
    assert (line.amount, line.note) == (D("0.00"), "Void: Refund")
    assert PayStatement.objects.get(staff=manager).commissions == D(0)


def test_fd5_fault_lines_read_the_staff_slips(manager, gm):
    with at(2026, 4, 3, 10, 0):
        slip = fault(manager, dt.date(2026, 3, 9), 20, by=gm)
    (line,) = fault_lines(manager, 2026, 3)
    assert (line.amount, line.fault_id, line.occurred_on, line.name) == (
        D(20),
        slip.pk,
        dt.date(2026, 3, 9),
        slip.fault_type.name,
    )


def test_com3_year_faults_count_per_person_without_a_major_flag(manager, gm, front_desk):
    fault(manager, dt.date(2025, 3, 9), 20, by=gm)
    fault(manager, dt.date(2025, 11, 9), 20, by=gm)
    counts = year_faults([manager, front_desk], 2025)
    assert (counts[manager.pk].count, counts[manager.pk].major) == (2, None)
    assert counts[front_desk.pk].count == 0
