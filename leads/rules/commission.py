"""Pure commission rules: which rule is in force, the entries a signing creates, voids and the
customer manager's year-end bonus (COM-1..4).

Rules are data (rows managers edit, effective-dated); services pass snapshots of them here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from django.utils.translation import gettext_lazy as _

from core.decisions import ALLOWED, Decision

# Role codes from DOMAIN's staff table; StrEnum roles from the staff app compare equal to these.
CUSTOMER_MANAGER = "CUSTOMER_MANAGER"
FRONT_DESK = "FRONT_DESK"
MARKETING_SALES = "MARKETING_SALES"
DESIGNER = "DESIGNER"

StaffId = int | str
RuleId = int | str


class ContractType(StrEnum):
    DESIGN = "DESIGN"
    CONSTRUCTION = "CONSTRUCTION"


class Requirement(StrEnum):
    """A condition a contract must meet before a rule pays."""

    SIGNED_BY_DESIGN_DEPARTMENT = "SIGNED_BY_DESIGN_DEPARTMENT"


class VoidReason(StrEnum):
    PRIVATE_CONTACT = "PRIVATE_CONTACT"  # ATTR-6: designer dealt with the customer privately
    NO_SLIP = "NO_SLIP"  # SLIP-5: marketing lead without a transfer slip
    REFUND = "REFUND"  # 退单: the whole order's commission goes


class PrivateContactScope(StrEnum):
    """Which lines of the order a private-contact finding (ATTR-6) voids."""

    WHOLE_ORDER = "WHOLE_ORDER"  # DOMAIN as written: that order's commission is void
    DESIGNER_LINE = "DESIGNER_LINE"  # narrowed by policy: the found designer's own line only


class BonusRefusal(StrEnum):
    BELOW_MINIMUM = "BELOW_MINIMUM"
    ABOVE_MAXIMUM = "ABOVE_MAXIMUM"


# ---------------------------------------------------------------- COM-1: rules in force


@dataclass(frozen=True)
class CommissionRule:
    """A snapshot of one commission rule row. contract_type None means any type."""

    id: RuleId
    role: str
    amount: Decimal
    valid_from: date
    contract_type: ContractType | None = None
    valid_to: date | None = None  # inclusive; None = open-ended
    requires: frozenset[Requirement] = frozenset()

    def covers(self, role: str, contract_type: ContractType, on_date: date) -> bool:
        """Whether this rule applies to that role and contract on that date."""
        if self.role != role:
            return False
        if self.contract_type is not None and self.contract_type != contract_type:
            return False
        return self.valid_from <= on_date and (self.valid_to is None or on_date <= self.valid_to)


def rule_in_force(
    rules: Iterable[CommissionRule], role: str, contract_type: ContractType, on_date: date
) -> CommissionRule | None:
    """The covering rule with the latest valid_from (a new rate supersedes the old one without
    closing it); on a tie, a rule for this contract type beats one for any type."""
    covering = [rule for rule in rules if rule.covers(role, contract_type, on_date)]
    if not covering:
        return None
    return max(covering, key=lambda rule: (rule.valid_from, rule.contract_type is not None))


def default_rules(valid_from: date) -> tuple[CommissionRule, ...]:
    """DOMAIN's defaults, for seeding the table. Salesperson and designer amounts are set by
    the firm, so they have no default rule (and earn nothing until one exists)."""
    return (
        CommissionRule(
            id="default-customer-manager",
            role=CUSTOMER_MANAGER,
            amount=Decimal(50),
            valid_from=valid_from,
            requires=frozenset({Requirement.SIGNED_BY_DESIGN_DEPARTMENT}),
        ),
        CommissionRule(
            id="default-front-desk",
            role=FRONT_DESK,
            amount=Decimal(10),
            valid_from=valid_from,
            contract_type=ContractType.CONSTRUCTION,
        ),
    )


# ---------------------------------------------------------------- COM-2: entries of a signing


@dataclass(frozen=True)
class Entry:
    """One ledger line for one person on one contract, traceable to its rule (COM-2)."""

    role: str
    staff_id: StaffId
    amount: Decimal
    rule_id: RuleId
    void_reason: VoidReason | None = None

    @property
    def payable(self) -> Decimal:
        """What this entry pays: nothing once voided."""
        return Decimal(0) if self.void_reason else self.amount


def commission_entries(
    contract_type: ContractType,
    signed_on: date,
    beneficiaries: Mapping[str, StaffId],
    rules: Iterable[CommissionRule],
    voids: Collection[VoidReason] = (),
    *,
    met: Collection[Requirement] = (Requirement.SIGNED_BY_DESIGN_DEPARTMENT,),
    policy: VoidPolicy | None = None,
) -> list[Entry]:
    """The entries a signing creates: one per beneficiary whose role has a rule in force whose
    requirements the contract meets, with known voids already applied.

    `met` defaults to "signed by the design department" because every contract recorded on a
    dispatched lead is signed through a designer; pass () for one signed otherwise.
    """
    rules = tuple(rules)
    entries = []
    for role, staff_id in beneficiaries.items():
        rule = rule_in_force(rules, role, contract_type, signed_on)
        if rule is None or not rule.requires <= set(met):
            continue
        entries.append(Entry(role=role, staff_id=staff_id, amount=rule.amount, rule_id=rule.id))
    return apply_voids(entries, voids, policy)


# ---------------------------------------------------------------- COM-4: voids


def _default_void_scope() -> Mapping[VoidReason, frozenset[str] | None]:
    return MappingProxyType(
        {
            VoidReason.PRIVATE_CONTACT: None,  # ATTR-6: that order's commission
            VoidReason.NO_SLIP: frozenset({MARKETING_SALES}),
            VoidReason.REFUND: None,  # None = every role
        }
    )


def private_contact_voids(
    found: Collection[StaffId],
    designer: StaffId | None,
    scope: PrivateContactScope = PrivateContactScope.WHOLE_ORDER,
) -> set[VoidReason]:
    """ATTR-6 at signing: any finding on the lead voids the whole order; narrowed to the
    designer's line, only a finding against the contract's own designer voids anything."""
    if not found:
        return set()
    if scope == PrivateContactScope.DESIGNER_LINE and designer not in found:
        return set()
    return {VoidReason.PRIVATE_CONTACT}


@dataclass(frozen=True)
class VoidPolicy:
    """Whose entries each void reason cancels."""

    scope: Mapping[VoidReason, frozenset[str] | None] = field(default_factory=_default_void_scope)

    def voids(self, reason: VoidReason, role: str) -> bool:
        roles = self.scope.get(reason, frozenset())
        return roles is None or role in roles


def void_policy(
    private_contact: PrivateContactScope = PrivateContactScope.WHOLE_ORDER,
) -> VoidPolicy:
    """The void scopes with ATTR-6's as the policy row sets it (the whole order by default)."""
    scope = dict(_default_void_scope())
    if private_contact == PrivateContactScope.DESIGNER_LINE:
        scope[VoidReason.PRIVATE_CONTACT] = frozenset({DESIGNER})
    return VoidPolicy(scope=MappingProxyType(scope))


def void_reason_for(
    entry: Entry, voids: Collection[VoidReason], policy: VoidPolicy | None = None
) -> VoidReason | None:
    """The first reason (in VoidReason order) that cancels this entry, if any."""
    policy = policy or VoidPolicy()
    return next((r for r in VoidReason if r in voids and policy.voids(r, entry.role)), None)


def apply_voids(
    entries: Iterable[Entry], voids: Collection[VoidReason], policy: VoidPolicy | None = None
) -> list[Entry]:
    """Mark the entries the voids cancel; voided entries stay in the ledger with their reason.
    An entry already voided keeps its first reason."""
    marked = []
    for entry in entries:
        reason = entry.void_reason or void_reason_for(entry, voids, policy)
        marked.append(replace(entry, void_reason=reason))
    return marked


def void_adjustment(entry: Entry, paid: bool) -> Decimal:
    """Voiding an entry already paid claws it back next month as a negative adjustment;
    an unpaid one is simply voided and needs no adjustment."""
    return -entry.amount if paid else Decimal(0)


# ---------------------------------------------------------------- ledger months


def month_of(day: date) -> date:
    """The ledger month a day falls in, as its first day."""
    return day.replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def first_unpaid_month(month: date, paid_months: Collection[date]) -> date:
    """`month`, or the first month after it that has not been paid yet."""
    month = month_of(month)
    while month in paid_months:
        month = next_month(month)
    return month


def ledger_month(signed_on: date, paid_months: Collection[date]) -> date:
    """COM-2: an entry belongs to the month its contract was signed in; a contract recorded
    after that month was paid goes on the next unpaid month, so a paid month never changes."""
    return first_unpaid_month(month_of(signed_on), paid_months)


def adjustment_month(entry_month: date, voided_on: date, paid_months: Collection[date]) -> date:
    """COM-4: a paid entry voided later is clawed back in the month after the one it was paid
    in, or in the month of the void when that is later — never in a month already paid."""
    earliest = max(next_month(month_of(entry_month)), month_of(voided_on))
    return first_unpaid_month(earliest, paid_months)


# ---------------------------------------------------------------- COM-3: year-end bonus


@dataclass(frozen=True)
class BonusConfig:
    minimum: Decimal = Decimal(1000)
    maximum: Decimal = Decimal(2000)


def year_end_bonus_eligible(major_faults_count: int) -> bool:
    """The customer manager earns a year-end bonus only for a year without a major fault."""
    if major_faults_count < 0:
        raise ValueError("a fault count cannot be negative")
    return major_faults_count == 0


def check_bonus_amount(amount: Decimal, config: BonusConfig | None = None) -> Decision:
    """The GM sets the bonus within the configured range (inclusive)."""
    config = config or BonusConfig()
    if amount < config.minimum:
        return Decision(
            False, BonusRefusal.BELOW_MINIMUM, _("The bonus is below the allowed minimum.")
        )
    if amount > config.maximum:
        return Decision(
            False, BonusRefusal.ABOVE_MAXIMUM, _("The bonus is above the allowed maximum.")
        )
    return ALLOWED
