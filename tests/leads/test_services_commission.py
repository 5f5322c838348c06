"""COM-1, 2, 4: commission per role from effective-dated rules, entries per contract, voids and
next-month adjustments after payment."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from leads.models import (
    Channel,
    ClaimPolicy,
    CommissionEntry,
    CommissionMonth,
    CommissionRule,
    EntryKind,
    PrivateContactVoidScope,
    VoidReason,
)
from leads.queries.commission import month_lines
from leads.services import closures
from leads.services.claims import record_private_contact
from leads.services.commission import mark_month_paid
from leads.services.errors import LeadError
from staff.models import Notification
from tests.leads.factories import SlipFactory
from tests.leads.lifecycle_factories import (
    CommissionRuleFactory,
    ensure_lifecycle_defaults,
    measured_lead,
    sign,
    signed_lead,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _domain_defaults(db):
    ensure_lifecycle_defaults()


MARCH, APRIL = date(2026, 3, 1), date(2026, 4, 1)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=hour))


def entries_by_role(contract) -> dict[str, tuple]:
    rows = CommissionEntry.objects.filter(contract=contract, kind=EntryKind.EARNING)
    return {row.role: (row.staff_id, row.amount, row.void_reason) for row in rows}


@pytest.fixture
def designer_rule(db):
    return CommissionRuleFactory(role="DESIGNER", amount=Decimal(300))


@pytest.fixture
def sales_rule(db):
    return CommissionRuleFactory(role="MARKETING_SALES", amount=Decimal(100))


# --- COM-1 amounts per role ----------------------------------------------------------------------


def test_com1_customer_manager_earns_50_per_contract_signed_by_the_design_department(
    customer_manager, designer
):
    _lead, contract = signed_lead(designer=designer, by=customer_manager)
    assert entries_by_role(contract)["CUSTOMER_MANAGER"] == (customer_manager.pk, 50, "")


def test_com1_customer_manager_earns_nothing_on_a_contract_signed_otherwise(
    customer_manager, designer
):
    lead = measured_lead(designer=designer, by=customer_manager)
    from leads.services.contracts import record_contract

    contract = record_contract(
        lead=lead,
        number="HT-X1",
        contract_type="DESIGN",
        amount=Decimal(9000),
        signed_on=timezone.localdate(),
        signed_by_design_department=False,
        by=customer_manager,
    )
    assert "CUSTOMER_MANAGER" not in entries_by_role(contract)


def test_com1_front_desk_earns_10_per_construction_contract_only(customer_manager, designer):
    lead = measured_lead(designer=designer, by=customer_manager)
    design = sign(lead, by=designer, contract_type="DESIGN")
    construction = sign(lead, by=designer, contract_type="CONSTRUCTION")
    assert "FRONT_DESK" not in entries_by_role(design)
    assert entries_by_role(construction)["FRONT_DESK"] == (lead.created_by_id, 10, "")


def test_com1_salesperson_and_designer_earn_only_by_rule_rows(
    customer_manager, designer, marketing_sales, sign_fully
):
    slip = sign_fully(SlipFactory(salesperson=marketing_sales))
    lead = slip.lead
    _lead, first = _sign_existing(lead, designer, customer_manager)
    assert set(entries_by_role(first)) == {"CUSTOMER_MANAGER"}  # no rule for them yet

    CommissionRuleFactory(role="DESIGNER", amount=Decimal(300))
    CommissionRuleFactory(role="MARKETING_SALES", contract_type="DESIGN", amount=Decimal(100))
    second = sign(lead, by=designer, contract_type="DESIGN")
    assert entries_by_role(second) == {
        "CUSTOMER_MANAGER": (customer_manager.pk, 50, ""),
        "MARKETING_SALES": (marketing_sales.pk, 100, ""),
        "DESIGNER": (designer.pk, 300, ""),
    }


def _sign_existing(lead, designer, customer_manager):
    from leads.services.measurement import record_measurement
    from leads.services.states import mark_dispatched

    mark_dispatched(lead=lead, designer=designer, by=customer_manager)
    record_measurement(lead=lead, measured_on=timezone.localdate(), by=designer)
    return lead, sign(lead, by=designer)


def test_com1_rule_change_is_effective_dated_old_contracts_keep_the_old_amount(
    customer_manager, designer
):
    CommissionRuleFactory(role="DESIGNER", amount=Decimal(300), valid_from=date(2026, 1, 1))
    with time_machine.travel(at(date(2026, 3, 10)), tick=False):
        _lead, march = signed_lead(designer=designer, by=customer_manager)
    new_rate = CommissionRuleFactory(
        role="DESIGNER", amount=Decimal(400), valid_from=date(2026, 4, 1)
    )
    with time_machine.travel(at(date(2026, 4, 2)), tick=False):
        _lead, april = signed_lead(designer=designer, by=customer_manager)

    assert entries_by_role(march)["DESIGNER"][1] == 300
    assert entries_by_role(april)["DESIGNER"][1] == 400
    assert CommissionEntry.objects.get(contract=april, role="DESIGNER").rule == new_rate


def test_com1_rule_for_the_contract_type_beats_the_rule_for_any_type(customer_manager, designer):
    CommissionRuleFactory(role="DESIGNER", amount=Decimal(300))
    CommissionRuleFactory(role="DESIGNER", contract_type="CONSTRUCTION", amount=Decimal(500))
    lead = measured_lead(designer=designer, by=customer_manager)
    assert entries_by_role(sign(lead, by=designer, contract_type="DESIGN"))["DESIGNER"][1] == 300
    construction = sign(lead, by=designer, contract_type="CONSTRUCTION")
    assert entries_by_role(construction)["DESIGNER"][1] == 500


# --- COM-2 traceability --------------------------------------------------------------------------


def test_com2_each_entry_names_its_contract_rule_and_ledger_month(
    customer_manager, designer, designer_rule
):
    with time_machine.travel(at(date(2026, 3, 10)), tick=False):
        _lead, contract = signed_lead(designer=designer, by=customer_manager)
    entry = CommissionEntry.objects.get(contract=contract, role="DESIGNER")
    assert (entry.rule, entry.month, entry.kind) == (designer_rule, MARCH, EntryKind.EARNING)
    manager_rule = CommissionRule.objects.get(role="CUSTOMER_MANAGER")
    assert CommissionEntry.objects.get(contract=contract, role="CUSTOMER_MANAGER").rule == (
        manager_rule
    )


def test_com2_contract_recorded_after_its_month_was_paid_goes_to_the_next_month(
    customer_manager, designer, hr
):
    with time_machine.travel(at(date(2026, 4, 1)), tick=False):
        mark_month_paid(month=MARCH, by=hr)
        lead = measured_lead(designer=designer, by=customer_manager)
    with time_machine.travel(at(date(2026, 4, 2)), tick=False):
        contract = sign(lead, by=designer, signed_on=date(2026, 4, 1))
    assert CommissionEntry.objects.get(contract=contract).month == APRIL


# --- COM-4 voids ---------------------------------------------------------------------------------


@pytest.fixture
def designer_line_policy(db):
    """The admin narrows ATTR-6 to the found designer's own line."""
    ClaimPolicy.objects.update_or_create(
        effective_from=date(2020, 1, 1),
        defaults={"private_contact_void_scope": PrivateContactVoidScope.DESIGNER_LINE},
    )


def test_attr6_private_contact_before_signing_voids_the_whole_order(
    customer_manager, designer, designer_rule
):
    lead = measured_lead(designer=designer, by=customer_manager)
    record_private_contact(
        lead=lead, designer=designer, description="私下报价", by=customer_manager
    )
    contract = sign(lead, by=designer)
    assert entries_by_role(contract)["DESIGNER"] == (designer.pk, 300, VoidReason.PRIVATE_CONTACT)
    assert entries_by_role(contract)["CUSTOMER_MANAGER"][2] == VoidReason.PRIVATE_CONTACT


def test_attr6_policy_narrows_private_contact_before_signing_to_the_designers_line(
    customer_manager, designer, designer_rule, designer_line_policy
):
    lead = measured_lead(designer=designer, by=customer_manager)
    record_private_contact(
        lead=lead, designer=designer, description="私下报价", by=customer_manager
    )
    contract = sign(lead, by=designer)
    assert entries_by_role(contract)["DESIGNER"] == (designer.pk, 300, VoidReason.PRIVATE_CONTACT)
    assert entries_by_role(contract)["CUSTOMER_MANAGER"][2] == ""


def test_attr6_private_contact_found_after_signing_voids_the_whole_order(
    customer_manager, designer, designer_rule
):
    _lead, contract = signed_lead(designer=designer, by=customer_manager)
    record_private_contact(
        lead=contract.lead, designer=designer, description="派单前已加微信", by=customer_manager
    )
    assert entries_by_role(contract)["DESIGNER"][2] == VoidReason.PRIVATE_CONTACT
    assert entries_by_role(contract)["CUSTOMER_MANAGER"][2] == VoidReason.PRIVATE_CONTACT
    assert Notification.objects.filter(
        recipient=designer, text__contains="Your commission of ¥300 on contract"
    ).exists()


def test_attr6_policy_narrows_private_contact_found_after_signing_to_the_designers_line(
    customer_manager, designer, designer_rule, designer_line_policy
):
    _lead, contract = signed_lead(designer=designer, by=customer_manager)
    record_private_contact(
        lead=contract.lead, designer=designer, description="派单前已加微信", by=customer_manager
    )
    assert entries_by_role(contract)["DESIGNER"][2] == VoidReason.PRIVATE_CONTACT
    assert entries_by_role(contract)["CUSTOMER_MANAGER"][2] == ""


def test_attr6_finding_against_another_designer_voids_the_order_by_default(
    customer_manager, designer, make_designer, designer_rule
):
    lead = measured_lead(designer=designer, by=customer_manager)
    record_private_contact(
        lead=lead, designer=make_designer(), description="另一位设计师私下接触", by=customer_manager
    )
    assert entries_by_role(sign(lead, by=designer))["DESIGNER"][2] == VoidReason.PRIVATE_CONTACT


def test_attr6_narrowed_finding_against_another_designer_leaves_this_designers_entry(
    customer_manager, designer, make_designer, designer_rule, designer_line_policy
):
    lead = measured_lead(designer=designer, by=customer_manager)
    record_private_contact(
        lead=lead, designer=make_designer(), description="另一位设计师私下接触", by=customer_manager
    )
    assert entries_by_role(sign(lead, by=designer))["DESIGNER"][2] == ""


def test_com4_slip5_salespersons_lead_without_slip_voids_their_entry(
    customer_manager, designer, marketing_sales, sales_rule
):
    # The customer named the salesperson at reception: they own the lead, but filled no slip.
    lead = measured_lead(
        designer=designer, by=customer_manager, channel=Channel.WALK_IN, owner=marketing_sales
    )
    contract = sign(lead, by=designer)
    assert entries_by_role(contract)["MARKETING_SALES"] == (
        marketing_sales.pk,
        100,
        VoidReason.NO_SLIP,
    )
    assert month_lines(marketing_sales, *_ym(contract.signed_on)).total == 0


def test_com4_refund_voids_every_entry_of_the_lead(
    customer_manager, designer, design_manager, designer_rule
):
    lead, contract = signed_lead(designer=designer, by=customer_manager)
    _refund(lead, customer_manager, design_manager)
    contract.refresh_from_db()
    assert contract.is_refunded is True
    assert {row[2] for row in entries_by_role(contract).values()} == {VoidReason.REFUND}
    assert not CommissionEntry.objects.filter(kind=EntryKind.ADJUSTMENT).exists()


def _refund(lead, proposer, manager):
    closure = closures.propose_closure(
        lead=lead, reason="REFUND", customer_words="不装了，退定金", by=proposer
    )
    return closures.confirm_closure(closure=closure, by=manager, note="已核实")


def _ym(day: date) -> tuple[int, int]:
    return day.year, day.month


def test_com4_void_after_payment_becomes_a_negative_adjustment_next_month(
    customer_manager, designer, design_manager, hr, designer_rule
):
    with time_machine.travel(at(date(2026, 3, 10)), tick=False):
        lead, contract = signed_lead(designer=designer, by=customer_manager)
    with time_machine.travel(at(date(2026, 4, 2)), tick=False):
        mark_month_paid(month=MARCH, by=hr)
    with time_machine.travel(at(date(2026, 4, 15)), tick=False):
        _refund(lead, customer_manager, design_manager)

    march = month_lines(designer, 2026, 3)
    april = month_lines(designer, 2026, 4)
    assert (march.paid, march.total, march.entries[0].void_reason) == (True, 300, "REFUND")
    assert [(line.kind, line.amount, line.payable) for line in april.adjustments] == [
        (EntryKind.ADJUSTMENT, -300, -300)
    ]
    assert (april.paid, april.total) == (False, -300)
    assert april.adjustments[0].note == "Claw-back of 2026-03: Refund"


def test_com4_void_before_payment_pays_nothing_and_needs_no_adjustment(
    customer_manager, designer, design_manager, designer_rule
):
    with time_machine.travel(at(date(2026, 3, 10)), tick=False):
        lead, _contract = signed_lead(designer=designer, by=customer_manager)
    with time_machine.travel(at(date(2026, 3, 20)), tick=False):
        _refund(lead, customer_manager, design_manager)
    march = month_lines(designer, 2026, 3)
    assert (march.total, march.adjustments) == (0, ())
    assert march.entries[0].note == "Void: Refund"


# --- paid months ---------------------------------------------------------------------------------


def test_com4_only_hr_or_the_gm_marks_a_month_paid(customer_manager, hr, gm):
    with pytest.raises(LeadError, match="Only HR or the general manager marks commission paid."):
        mark_month_paid(month=MARCH, by=customer_manager)
    mark_month_paid(month=MARCH, by=gm)
    assert CommissionMonth.objects.get().paid_by == gm


def test_com4_a_month_is_marked_paid_once_and_not_before_it_begins(hr):
    with time_machine.travel(at(date(2026, 4, 2)), tick=False):
        mark_month_paid(month=date(2026, 3, 15), by=hr)
        with pytest.raises(LeadError, match="2026-03 is already marked paid."):
            mark_month_paid(month=MARCH, by=hr)
        with pytest.raises(LeadError, match="only once it has begun"):
            mark_month_paid(month=date(2026, 5, 1), by=hr)
    assert CommissionMonth.objects.get().month == MARCH


def test_com2_month_lines_for_the_pay_statement(customer_manager, designer, designer_rule):
    with time_machine.travel(at(date(2026, 3, 10)), tick=False):
        lead, contract = signed_lead(designer=designer, by=customer_manager, customer_name="王芳")
        sign(lead, by=designer, contract_type="CONSTRUCTION")
    lines = month_lines(designer, 2026, 3)
    assert (lines.staff_id, lines.month, lines.paid, lines.total) == (
        designer.pk,
        MARCH,
        False,
        600,
    )
    first = lines.entries[0]
    assert (first.contract_number, first.customer_name, first.role, first.payable) == (
        contract.number,
        "王芳",
        "DESIGNER",
        300,
    )
    assert month_lines(designer, 2026, 4).total == 0
