from datetime import date
from decimal import Decimal

import pytest

from leads.rules.commission import (
    BonusConfig,
    BonusRefusal,
    CommissionRule,
    ContractType,
    Entry,
    PrivateContactScope,
    Requirement,
    VoidPolicy,
    VoidReason,
    apply_voids,
    check_bonus_amount,
    commission_entries,
    default_rules,
    private_contact_voids,
    rule_in_force,
    void_adjustment,
    void_policy,
    year_end_bonus_eligible,
)

CM, FD, MS, DS = "CUSTOMER_MANAGER", "FRONT_DESK", "MARKETING_SALES", "DESIGNER"
DESIGN, CONSTRUCTION = ContractType.DESIGN, ContractType.CONSTRUCTION
START = date(2026, 1, 1)
DEFAULTS = default_rules(START)
EVERYONE = {CM: 1, FD: 2, MS: 3, DS: 4}
DS_ID = EVERYONE[DS]


def rule(rid, role, amount, valid_from, valid_to=None, contract_type=None):
    return CommissionRule(
        id=rid,
        role=role,
        amount=Decimal(amount),
        valid_from=valid_from,
        valid_to=valid_to,
        contract_type=contract_type,
    )


FULL_RULES = [
    rule("cm", CM, 50, START),
    rule("fd", FD, 10, START),
    rule("ms", MS, 100, START),
    rule("ds", DS, 300, START),
]


# ---------------------------------------------------------------- COM-1 rules in force

HISTORY = (
    rule("cm-2025", CM, "40", date(2025, 1, 1), valid_to=date(2025, 12, 31)),
    rule("cm-2026", CM, "50", date(2026, 1, 1)),
    rule("cm-jul", CM, "60", date(2026, 7, 1)),
    rule("fd-con", FD, "10", date(2026, 1, 1), contract_type=CONSTRUCTION),
    rule("fd-any", FD, "5", date(2026, 1, 1)),
    rule("ds-old", DS, "100", date(2025, 1, 1), valid_to=date(2025, 6, 30)),
)


@pytest.mark.parametrize(
    ("role", "contract_type", "on", "expected"),
    [
        (CM, DESIGN, date(2024, 12, 31), None),
        (CM, DESIGN, date(2025, 1, 1), "cm-2025"),
        (CM, DESIGN, date(2025, 12, 31), "cm-2025"),
        (CM, DESIGN, date(2026, 1, 1), "cm-2026"),
        (CM, CONSTRUCTION, date(2026, 6, 30), "cm-2026"),
        (CM, DESIGN, date(2026, 7, 1), "cm-jul"),
        (FD, CONSTRUCTION, date(2026, 3, 1), "fd-con"),
        (FD, DESIGN, date(2026, 3, 1), "fd-any"),
        (DS, DESIGN, date(2025, 6, 30), "ds-old"),
        (DS, DESIGN, date(2025, 7, 1), None),
        (MS, DESIGN, date(2026, 3, 1), None),
    ],
)
def test_com1_latest_covering_rule_wins(role, contract_type, on, expected):
    found = rule_in_force(HISTORY, role, contract_type, on)
    assert (found.id if found else None) == expected


def test_com1_defaults_from_domain():
    by_role = {r.role: r for r in DEFAULTS}
    assert set(by_role) == {CM, FD}
    assert (by_role[CM].amount, by_role[CM].contract_type) == (Decimal(50), None)
    assert by_role[CM].requires == {Requirement.SIGNED_BY_DESIGN_DEPARTMENT}
    assert (by_role[FD].amount, by_role[FD].contract_type) == (Decimal(10), CONSTRUCTION)
    assert all(r.valid_from == START and r.valid_to is None for r in DEFAULTS)


# ---------------------------------------------------------------- COM-2 entries of a signing


@pytest.mark.parametrize(
    ("contract_type", "expected"),
    [
        (DESIGN, [Entry(CM, 1, Decimal(50), "default-customer-manager")]),
        (
            CONSTRUCTION,
            [
                Entry(CM, 1, Decimal(50), "default-customer-manager"),
                Entry(FD, 2, Decimal(10), "default-front-desk"),
            ],
        ),
    ],
)
def test_com2_signing_creates_entries_with_defaults(contract_type, expected):
    assert commission_entries(contract_type, date(2026, 5, 1), EVERYONE, DEFAULTS, ()) == expected


def test_com2_no_entry_before_rules_start():
    assert commission_entries(CONSTRUCTION, date(2025, 12, 31), EVERYONE, DEFAULTS, ()) == []


def test_com2_contract_not_signed_by_design_department_pays_no_customer_manager():
    entries = commission_entries(CONSTRUCTION, date(2026, 5, 1), EVERYONE, DEFAULTS, (), met=())
    assert entries == [Entry(FD, 2, Decimal(10), "default-front-desk")]


def test_com2_firm_set_amounts_for_salesperson_and_designer():
    rules = DEFAULTS + (rule("ms", MS, "200", START), rule("ds", DS, "300", START, None, DESIGN))
    entries = commission_entries(DESIGN, date(2026, 5, 1), EVERYONE, rules, ())
    assert [(e.role, e.staff_id, e.amount, e.rule_id) for e in entries] == [
        (CM, 1, Decimal(50), "default-customer-manager"),
        (MS, 3, Decimal(200), "ms"),
        (DS, 4, Decimal(300), "ds"),
    ]


def test_com2_only_named_beneficiaries_get_entries():
    entries = commission_entries(CONSTRUCTION, date(2026, 5, 1), {FD: 9}, DEFAULTS, ())
    assert entries == [Entry(FD, 9, Decimal(10), "default-front-desk")]


# ---------------------------------------------------------------- COM-4 voids

ALL_RULES = DEFAULTS + (rule("ms", MS, "200", START), rule("ds", DS, "300", START))


def voided_roles(voids):
    entries = commission_entries(CONSTRUCTION, date(2026, 5, 1), EVERYONE, ALL_RULES, voids)
    return {e.role: e.void_reason for e in entries if e.void_reason}


@pytest.mark.parametrize(
    ("voids", "expected"),
    [
        ((), {}),
        ({VoidReason.PRIVATE_CONTACT}, {r: VoidReason.PRIVATE_CONTACT for r in (CM, FD, MS, DS)}),
        ({VoidReason.NO_SLIP}, {MS: VoidReason.NO_SLIP}),
        ({VoidReason.REFUND}, {r: VoidReason.REFUND for r in (CM, FD, MS, DS)}),
        (
            {VoidReason.REFUND, VoidReason.NO_SLIP},
            {
                CM: VoidReason.REFUND,
                FD: VoidReason.REFUND,
                MS: VoidReason.NO_SLIP,
                DS: VoidReason.REFUND,
            },
        ),
    ],
)
def test_com4_void_reasons_cancel_the_right_entries(voids, expected):
    assert voided_roles(voids) == expected


def test_com4_voided_entry_stays_in_ledger_and_pays_nothing():
    [entry] = apply_voids([Entry(DS, 4, Decimal(300), "ds")], {VoidReason.PRIVATE_CONTACT})
    assert (entry.amount, entry.payable, entry.void_reason) == (
        Decimal(300),
        Decimal(0),
        VoidReason.PRIVATE_CONTACT,
    )
    assert Entry(DS, 4, Decimal(300), "ds").payable == Decimal(300)


def test_com4_earlier_void_reason_is_kept():
    first = Entry(MS, 3, Decimal(200), "ms", void_reason=VoidReason.NO_SLIP)
    assert apply_voids([first], {VoidReason.REFUND})[0].void_reason == VoidReason.NO_SLIP


def test_com4_void_scope_is_configurable():
    policy = VoidPolicy(scope={VoidReason.PRIVATE_CONTACT: frozenset({DS, MS})})
    entries = [Entry(DS, 4, Decimal(1), "d"), Entry(MS, 3, Decimal(1), "m")]
    marked = apply_voids(entries, {VoidReason.PRIVATE_CONTACT, VoidReason.REFUND}, policy)
    assert [e.void_reason for e in marked] == [VoidReason.PRIVATE_CONTACT] * 2
    assert (
        apply_voids([Entry(CM, 1, Decimal(1), "c")], {VoidReason.REFUND}, policy)[0].void_reason
        is None
    )


def test_attr6_private_contact_voids_every_line_of_the_order_by_default():
    voids = private_contact_voids({DS_ID}, DS_ID)
    marked = commission_entries(DESIGN, START, EVERYONE, FULL_RULES, voids, policy=void_policy())
    assert {e.role: e.void_reason for e in marked} == dict.fromkeys(
        (CM, FD, MS, DS), VoidReason.PRIVATE_CONTACT
    )


def test_attr6_policy_narrows_private_contact_to_the_designers_line():
    scope = PrivateContactScope.DESIGNER_LINE
    voids = private_contact_voids({DS_ID}, DS_ID, scope)
    marked = commission_entries(
        DESIGN, START, EVERYONE, FULL_RULES, voids, policy=void_policy(scope)
    )
    assert {e.role: e.void_reason for e in marked} == {
        CM: None,
        FD: None,
        MS: None,
        DS: VoidReason.PRIVATE_CONTACT,
    }


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (PrivateContactScope.WHOLE_ORDER, {VoidReason.PRIVATE_CONTACT}),
        (PrivateContactScope.DESIGNER_LINE, set()),
    ],
)
def test_attr6_finding_against_another_designer(scope, expected):
    assert private_contact_voids({99}, DS_ID, scope) == expected


def test_attr6_no_finding_voids_nothing():
    assert private_contact_voids(set(), DS_ID) == set()


@pytest.mark.parametrize(("paid", "expected"), [(True, Decimal(-50)), (False, Decimal(0))])
def test_com4_void_after_payment_is_negative_adjustment(paid, expected):
    assert void_adjustment(Entry(CM, 1, Decimal(50), "cm"), paid=paid) == expected


# ---------------------------------------------------------------- COM-3 year-end bonus


@pytest.mark.parametrize(("faults", "eligible"), [(0, True), (1, False), (3, False)])
def test_com3_bonus_only_without_major_fault(faults, eligible):
    assert year_end_bonus_eligible(faults) is eligible


def test_com3_negative_fault_count_is_an_error():
    with pytest.raises(ValueError):
        year_end_bonus_eligible(-1)


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        (Decimal(999), BonusRefusal.BELOW_MINIMUM),
        (Decimal(1000), None),
        (Decimal(1500), None),
        (Decimal(2000), None),
        (Decimal("2000.01"), BonusRefusal.ABOVE_MAXIMUM),
        (Decimal(0), BonusRefusal.BELOW_MINIMUM),
    ],
)
def test_com3_bonus_amount_within_range(amount, reason):
    decision = check_bonus_amount(amount)
    assert (decision.allowed, decision.reason) == (reason is None, reason)


def test_com3_bonus_range_is_configurable():
    config = BonusConfig(minimum=Decimal(500), maximum=Decimal(3000))
    assert check_bonus_amount(Decimal(2500), config).allowed is True
    assert check_bonus_amount(Decimal(400), config).reason == BonusRefusal.BELOW_MINIMUM
