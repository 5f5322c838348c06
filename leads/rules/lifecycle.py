"""Pure rules for measuring and signing (LIFE-1, 2), closing a lead (跑单: CLOSE-1, 2, 5) and
scheduling callbacks (CB-1).

Closing is two-step: someone who called the customer proposes, with the customer's own words;
the design manager calls again and confirms or rejects. Time is always an argument.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from django.utils.translation import gettext_lazy as _

from core.decisions import ALLOWED, Decision
from leads.rules.states import LeadState

# Role codes from DOMAIN's staff table; StrEnum roles from the staff app compare equal to these.
CUSTOMER_MANAGER = "CUSTOMER_MANAGER"
CS_AGENT = "CS_AGENT"
DESIGN_MANAGER = "DESIGN_MANAGER"

StaffId = int | str


class ClosureKind(StrEnum):
    INVALID = "INVALID"  # 无效单: before measurement
    DEAD = "DEAD"  # 死单: after measurement (or a refund after signing)


class InvalidReason(StrEnum):
    UNREACHABLE = "UNREACHABLE"
    NO_PLAN = "NO_PLAN"
    LOW_VALUE = "LOW_VALUE"
    OTHER = "OTHER"


class DeadReason(StrEnum):
    PRICE = "PRICE"
    SERVICE = "SERVICE"
    TECHNICAL = "TECHNICAL"
    COMPETITION = "COMPETITION"
    CUSTOMER = "CUSTOMER"
    REFUND = "REFUND"
    OTHER = "OTHER"


class ClosureStatus(StrEnum):
    PROPOSED = "PROPOSED"
    CONFIRMED = "CONFIRMED"
    REJECTED = "REJECTED"


class ClosureRefusal(StrEnum):
    NOT_CLOSABLE = "NOT_CLOSABLE"
    WRONG_KIND = "WRONG_KIND"
    ROLE_NOT_ALLOWED = "ROLE_NOT_ALLOWED"
    REASON_NOT_FOR_KIND = "REASON_NOT_FOR_KIND"
    REFUND_NEEDS_SIGNING = "REFUND_NEEDS_SIGNING"
    WORDS_REQUIRED = "WORDS_REQUIRED"
    NOT_PROPOSED = "NOT_PROPOSED"
    OWN_PROPOSAL = "OWN_PROPOSAL"
    NOTE_REQUIRED = "NOTE_REQUIRED"
    NOT_CLOSED = "NOT_CLOSED"
    REOPEN_REASON_REQUIRED = "REOPEN_REASON_REQUIRED"


def _refuse(reason: ClosureRefusal, message: str) -> Decision:
    return Decision(allowed=False, reason=reason, message=message)


# ---------------------------------------------------------------- LIFE-1/2: measuring, signing


class LifeRefusal(StrEnum):
    NOT_DISPATCHED = "NOT_DISPATCHED"
    NOT_MEASURED = "NOT_MEASURED"
    IN_THE_FUTURE = "IN_THE_FUTURE"
    BEFORE_DISPATCH = "BEFORE_DISPATCH"
    BEFORE_MEASUREMENT = "BEFORE_MEASUREMENT"
    AMOUNT_NOT_POSITIVE = "AMOUNT_NOT_POSITIVE"


SIGNABLE_STATES = frozenset({LeadState.MEASURED, LeadState.SIGNED})


def check_measurement(
    state: LeadState, measured_on: date, dispatched_on: date | None, today: date
) -> Decision:
    """LIFE-1: a dispatched lead is measured once, on a day between its dispatch and today."""
    if state != LeadState.DISPATCHED:
        return _refuse(
            LifeRefusal.NOT_DISPATCHED,
            _("Only a dispatched lead waiting for measurement can be measured."),
        )
    if measured_on > today:
        return _refuse(
            LifeRefusal.IN_THE_FUTURE, _("The measurement date cannot be in the future.")
        )
    if dispatched_on is not None and measured_on < dispatched_on:
        return _refuse(
            LifeRefusal.BEFORE_DISPATCH, _("The measurement date cannot be before the dispatch.")
        )
    return ALLOWED


def check_contract(
    state: LeadState, amount: Decimal, signed_on: date, measured_on: date | None, today: date
) -> Decision:
    """LIFE-2: a contract is signed on a measured (or already signed) lead, for an amount above
    zero, on a day between the measurement and today."""
    if state not in SIGNABLE_STATES:
        return _refuse(
            LifeRefusal.NOT_MEASURED, _("A contract is recorded only on a measured or signed lead.")
        )
    if amount <= 0:
        return _refuse(
            LifeRefusal.AMOUNT_NOT_POSITIVE, _("The contract amount must be more than 0.")
        )
    if signed_on > today:
        return _refuse(LifeRefusal.IN_THE_FUTURE, _("The signing date cannot be in the future."))
    if measured_on is not None and signed_on < measured_on:
        return _refuse(
            LifeRefusal.BEFORE_MEASUREMENT,
            _("The signing date cannot be before the measurement."),
        )
    return ALLOWED


# ---------------------------------------------------------------- CLOSE-1: kinds and reasons

KIND_BY_STATE: Mapping[LeadState, ClosureKind] = MappingProxyType(
    {
        LeadState.NEW: ClosureKind.INVALID,
        LeadState.DISPATCHED: ClosureKind.INVALID,
        LeadState.MEASURED: ClosureKind.DEAD,
        LeadState.SIGNED: ClosureKind.DEAD,
    }
)
REASONS_BY_KIND: Mapping[ClosureKind, frozenset[str]] = MappingProxyType(
    {ClosureKind.INVALID: frozenset(InvalidReason), ClosureKind.DEAD: frozenset(DeadReason)}
)
CLOSED_STATES = frozenset({LeadState.INVALID, LeadState.DEAD})


def _default_proposers() -> Mapping[ClosureKind, frozenset[str]]:
    # DOMAIN's "customer assistant" (客户助理) has no role code of its own: it is the customer
    # service agent who makes the callbacks, so CS_AGENT may propose a DEAD closure.
    return MappingProxyType(
        {
            ClosureKind.INVALID: frozenset({CUSTOMER_MANAGER}),
            ClosureKind.DEAD: frozenset({CUSTOMER_MANAGER, CS_AGENT}),
        }
    )


@dataclass(frozen=True)
class ClosureRoles:
    """Who may propose (per kind), confirm or reject, and reopen a closure."""

    proposers: Mapping[ClosureKind, frozenset[str]] = field(default_factory=_default_proposers)
    confirmers: frozenset[str] = frozenset({DESIGN_MANAGER})
    reopeners: frozenset[str] = frozenset({CUSTOMER_MANAGER})


def closure_kind_for(state: LeadState) -> ClosureKind | Decision:
    """INVALID before measurement, DEAD after; a refusal Decision for a lead already closed."""
    kind = KIND_BY_STATE.get(state)
    if kind is None:
        return _refuse(ClosureRefusal.NOT_CLOSABLE, _("This lead is already closed."))
    return kind


def _has_role(actor_roles: Collection[str], allowed: frozenset[str]) -> bool:
    return bool(allowed & set(actor_roles))


def check_proposal(
    state: LeadState,
    kind: ClosureKind,
    reason: str,
    customer_words: str,
    proposer_roles: Collection[str],
    roles: ClosureRoles | None = None,
) -> Decision:
    """CLOSE-1/2: a proposal fits the lead's state, is made by an allowed role, gives a reason of
    its kind (a refund only after signing) and records the customer's own words."""
    roles = roles or ClosureRoles()
    expected = closure_kind_for(state)
    if isinstance(expected, Decision):
        return expected
    if kind != expected:
        return _refuse(
            ClosureRefusal.WRONG_KIND,
            _("Before measurement a lead can only be invalid; after it, only dead."),
        )
    if not _has_role(proposer_roles, roles.proposers.get(kind, frozenset())):
        return _refuse(
            ClosureRefusal.ROLE_NOT_ALLOWED, _("Your role may not propose this closure.")
        )
    if reason not in REASONS_BY_KIND[kind]:
        return _refuse(ClosureRefusal.REASON_NOT_FOR_KIND, _("Choose a reason for this closure."))
    if reason == DeadReason.REFUND and state != LeadState.SIGNED:
        return _refuse(
            ClosureRefusal.REFUND_NEEDS_SIGNING, _("Only a signed lead can be refunded.")
        )
    if not customer_words.strip():
        return _refuse(ClosureRefusal.WORDS_REQUIRED, _("Record what the customer said."))
    return ALLOWED


def check_confirmation(
    status: ClosureStatus,
    confirmer_roles: Collection[str],
    confirmer_id: StaffId,
    proposer_id: StaffId,
    note: str,
    *,
    outcome: ClosureStatus = ClosureStatus.CONFIRMED,
    roles: ClosureRoles | None = None,
) -> Decision:
    """CLOSE-2: the design manager, not the proposer, confirms or rejects a pending proposal;
    a rejection says why. Only a confirmation closes the lead."""
    if outcome not in (ClosureStatus.CONFIRMED, ClosureStatus.REJECTED):
        raise ValueError(f"outcome must be CONFIRMED or REJECTED, got {outcome}")
    roles = roles or ClosureRoles()
    if status != ClosureStatus.PROPOSED:
        return _refuse(ClosureRefusal.NOT_PROPOSED, _("This closure has already been decided."))
    if not _has_role(confirmer_roles, roles.confirmers):
        return _refuse(
            ClosureRefusal.ROLE_NOT_ALLOWED, _("Only the design manager confirms a closure.")
        )
    if confirmer_id == proposer_id:
        return _refuse(ClosureRefusal.OWN_PROPOSAL, _("You cannot confirm your own proposal."))
    if outcome == ClosureStatus.REJECTED and not note.strip():
        return _refuse(ClosureRefusal.NOTE_REQUIRED, _("Say why the closure is rejected."))
    return ALLOWED


def check_reopen(
    roles: Collection[str],
    reason: str,
    *,
    state: LeadState | None = None,
    config: ClosureRoles | None = None,
) -> Decision:
    """CLOSE-5: only the customer manager reopens a closed lead, and says why.
    Pass `state` to also refuse a lead that is not closed."""
    config = config or ClosureRoles()
    if state is not None and state not in CLOSED_STATES:
        return _refuse(ClosureRefusal.NOT_CLOSED, _("This lead is not closed."))
    if not _has_role(roles, config.reopeners):
        return _refuse(
            ClosureRefusal.ROLE_NOT_ALLOWED, _("Only the customer manager reopens a lead.")
        )
    if not reason.strip():
        return _refuse(ClosureRefusal.REOPEN_REASON_REQUIRED, _("Give a reason for reopening."))
    return ALLOWED


# ---------------------------------------------------------------- CB-1: callbacks


class CallbackKind(StrEnum):
    AFTER_DISPATCH = "AFTER_DISPATCH"  # did the designer make contact?
    AFTER_MEASUREMENT = "AFTER_MEASUREMENT"
    CLOSURE_PENDING = "CLOSURE_PENDING"  # the design manager's second call
    COMPLAINT_FOLLOW_UP = "COMPLAINT_FOLLOW_UP"  # CMP-6


class CallbackAction(StrEnum):
    REMIND = "REMIND"  # tell whoever is due
    ESCALATE = "ESCALATE"  # tell their manager


@dataclass(frozen=True)
class CallbackConfig:
    after_dispatch: timedelta = timedelta(days=1)
    after_measurement: timedelta = timedelta(days=3)
    closure_pending: timedelta = timedelta(days=1)
    # Not in the source: a complaint follow-up is due a day after the reply to the customer.
    complaint_follow_up: timedelta = timedelta(days=1)
    escalate_after: timedelta = timedelta(days=1)

    def delay(self, kind: CallbackKind) -> timedelta:
        return {
            CallbackKind.AFTER_DISPATCH: self.after_dispatch,
            CallbackKind.AFTER_MEASUREMENT: self.after_measurement,
            CallbackKind.CLOSURE_PENDING: self.closure_pending,
            CallbackKind.COMPLAINT_FOLLOW_UP: self.complaint_follow_up,
        }[kind]


def callback_due(
    kind: CallbackKind, event_at: datetime, config: CallbackConfig | None = None
) -> datetime:
    """When a callback falls due, counted from the event that scheduled it."""
    return event_at + (config or CallbackConfig()).delay(kind)


def callback_action(
    due_at: datetime,
    reminded: bool,
    escalated: bool,
    now: datetime,
    config: CallbackConfig | None = None,
) -> frozenset[CallbackAction]:
    """What the periodic job should do now for an open callback. Each action happens once
    (the flags record it), so running the job every 15 minutes, or twice, is harmless."""
    config = config or CallbackConfig()
    actions = set()
    if now >= due_at and not reminded:
        actions.add(CallbackAction.REMIND)
    if now >= due_at + config.escalate_after and not escalated:
        actions.add(CallbackAction.ESCALATE)
    return frozenset(actions)
