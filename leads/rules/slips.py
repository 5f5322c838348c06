"""The marketing transfer slip (市场部业务传递单): sign-off order, delegation, and what a slip
gates (SLIP-2, SLIP-4, SLIP-5). Pure: dates and snapshots in, decisions with reasons out.

- Signing order: the marketing manager, then the store manager; each step once, by a different
  person.
- Whoever holds the step's role signs in their own right; anyone else only as the delegate of
  that step's manager, within the delegation period, recorded as "X for Y".
- A MARKETING lead whose slip is not fully signed cannot be dispatched; without a slip the
  salesperson gets no credit.
"""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from core.decisions import Decision


class SignerStep(StrEnum):
    """Each step is named after the role that signs it (the staff role codes)."""

    MARKETING_MANAGER = "MARKETING_MANAGER"
    STORE_MANAGER = "STORE_MANAGER"


SIGNING_ORDER = (SignerStep.MARKETING_MANAGER, SignerStep.STORE_MANAGER)


@dataclass(frozen=True)
class SlipSignature:
    """A signature on the slip; `on_behalf_of_id` is set when a delegate signed ("X for Y")."""

    step: SignerStep
    signer_id: int
    on_behalf_of_id: int | None = None


@dataclass(frozen=True)
class DelegationSnapshot:
    """A 工作联络单: `delegate_id` signs for `principal_id` from `start` to `end`, inclusive."""

    principal_id: int
    delegate_id: int
    start: date
    end: date

    def in_force(self, on_date: date) -> bool:
        return self.start <= on_date <= self.end


@dataclass(frozen=True)
class SlipConfig:
    """A manager away this many days or more must name a delegate (SLIP-4, default 2)."""

    delegation_min_away_days: int = 2


class SlipReason(StrEnum):
    SIGNS_OWN_ROLE = "SIGNS_OWN_ROLE"
    SIGNS_AS_DELEGATE = "SIGNS_AS_DELEGATE"
    ALREADY_SIGNED = "ALREADY_SIGNED"
    OUT_OF_ORDER = "OUT_OF_ORDER"
    SIGNED_OTHER_STEP = "SIGNED_OTHER_STEP"
    WRONG_ROLE = "WRONG_ROLE"
    DELEGATION_NOT_IN_FORCE = "DELEGATION_NOT_IN_FORCE"
    DELEGATION_VALID = "DELEGATION_VALID"
    DELEGATE_IS_PRINCIPAL = "DELEGATE_IS_PRINCIPAL"
    PERIOD_ENDS_BEFORE_START = "PERIOD_ENDS_BEFORE_START"
    NOT_A_MARKETING_LEAD = "NOT_A_MARKETING_LEAD"
    SLIP_SIGNED = "SLIP_SIGNED"
    SLIP_NOT_SIGNED = "SLIP_NOT_SIGNED"
    SLIP_MISSING = "SLIP_MISSING"
    SLIP_ON_FILE = "SLIP_ON_FILE"
    NO_SLIP = "NO_SLIP"


ALLOWING = frozenset(
    {
        SlipReason.SIGNS_OWN_ROLE,
        SlipReason.SIGNS_AS_DELEGATE,
        SlipReason.DELEGATION_VALID,
        SlipReason.NOT_A_MARKETING_LEAD,
        SlipReason.SLIP_SIGNED,
        SlipReason.SLIP_ON_FILE,
    }
)

MESSAGES = {
    SlipReason.SIGNS_OWN_ROLE: _("Signs in their own right."),
    SlipReason.SIGNS_AS_DELEGATE: _("Signs as the manager's delegate."),
    SlipReason.ALREADY_SIGNED: _("This step of the slip is already signed."),
    SlipReason.OUT_OF_ORDER: _(
        "The marketing manager signs the slip first, then the store manager."
    ),
    SlipReason.SIGNED_OTHER_STEP: _(
        "You already signed this slip; the other step needs a different person."
    ),
    SlipReason.WRONG_ROLE: _(
        "Only the manager of this step, or their named delegate, may sign it."
    ),
    SlipReason.DELEGATION_NOT_IN_FORCE: _("Your delegation does not cover this date."),
    SlipReason.DELEGATION_VALID: _("The delegation can be recorded."),
    SlipReason.DELEGATE_IS_PRINCIPAL: _("A manager cannot name themselves as delegate."),
    SlipReason.PERIOD_ENDS_BEFORE_START: _("The delegation period ends before it starts."),
    SlipReason.NOT_A_MARKETING_LEAD: _("No transfer slip is needed for this channel."),
    SlipReason.SLIP_SIGNED: _("The transfer slip is fully signed."),
    SlipReason.SLIP_NOT_SIGNED: _(
        "This marketing lead cannot be dispatched yet: its transfer slip must first be signed by "
        "the marketing manager and then the store manager."
    ),
    SlipReason.SLIP_MISSING: _(
        "This marketing lead cannot be dispatched yet: the salesperson has not filled its "
        "transfer slip."
    ),
    SlipReason.SLIP_ON_FILE: _("A transfer slip is on file."),
    SlipReason.NO_SLIP: _(
        "No transfer slip: the salesperson gets no performance credit or commission for this lead."
    ),
}


@dataclass(frozen=True)
class SignDecision(Decision):
    """A signing decision; when allowed, who signs and for whom ("X for Y")."""

    signer_id: int | None = None
    on_behalf_of_id: int | None = None

    def signature(self, step: SignerStep) -> SlipSignature:
        if not self.allowed or self.signer_id is None:
            raise ValueError("Only an allowed signing decision becomes a signature.")
        return SlipSignature(step, self.signer_id, self.on_behalf_of_id)


def _decide(reason: SlipReason) -> Decision:
    return Decision(allowed=reason in ALLOWING, reason=reason, message=MESSAGES[reason])


def _sign(
    reason: SlipReason, signer_id: int | None = None, for_id: int | None = None
) -> SignDecision:
    return SignDecision(reason in ALLOWING, reason, MESSAGES[reason], signer_id, for_id)


# --- SLIP-2 order ------------------------------------------------------------------------------


def next_signer_step(signatures: Iterable[SlipSignature]) -> SignerStep | None:
    """The first step not yet signed, or None when the slip is complete."""
    signed = {signature.step for signature in signatures}
    return next((step for step in SIGNING_ORDER if step not in signed), None)


def slip_complete(signatures: Iterable[SlipSignature]) -> bool:
    return next_signer_step(signatures) is None


def can_sign(
    *,
    step: SignerStep,
    signatures: Sequence[SlipSignature],
    signer_id: int,
    signer_roles: Collection[str],
    principal_id_for_step: int | None,
    delegations: Iterable[DelegationSnapshot],
    on_date: date,
) -> SignDecision:
    """Whether `signer_id` may sign `step` on `on_date` (SLIP-2, SLIP-4).

    `principal_id_for_step` is the manager who holds the step's role (the one a delegate may
    sign for); None when nobody does, so nobody can sign by delegation.
    """
    refusal = _order_refusal(step, signatures, signer_id)
    if refusal:
        return _sign(refusal)
    if step in signer_roles:
        return _sign(SlipReason.SIGNS_OWN_ROLE, signer_id)
    from_principal = [
        d
        for d in delegations
        if d.principal_id == principal_id_for_step and d.delegate_id == signer_id
    ]
    if any(delegation.in_force(on_date) for delegation in from_principal):
        return _sign(SlipReason.SIGNS_AS_DELEGATE, signer_id, principal_id_for_step)
    return _sign(SlipReason.DELEGATION_NOT_IN_FORCE if from_principal else SlipReason.WRONG_ROLE)


def _order_refusal(
    step: SignerStep, signatures: Sequence[SlipSignature], signer_id: int
) -> SlipReason | None:
    if any(signature.step == step for signature in signatures):
        return SlipReason.ALREADY_SIGNED
    if step != next_signer_step(signatures):
        return SlipReason.OUT_OF_ORDER
    if any(signature.signer_id == signer_id for signature in signatures):
        return SlipReason.SIGNED_OTHER_STEP
    return None


# --- SLIP-4 delegation -------------------------------------------------------------------------


def delegation_needed(away_days: int, config: SlipConfig = SlipConfig()) -> bool:
    """A manager away `delegation_min_away_days` or more names a delegate."""
    return away_days >= config.delegation_min_away_days


def check_delegation(principal_id: int, delegate_id: int, start: date, end: date) -> Decision:
    """A delegation names someone else, for a period that does not end before it starts."""
    if principal_id == delegate_id:
        return _decide(SlipReason.DELEGATE_IS_PRINCIPAL)
    if end < start:
        return _decide(SlipReason.PERIOD_ENDS_BEFORE_START)
    return _decide(SlipReason.DELEGATION_VALID)


# --- SLIP-2 dispatch gate, SLIP-5 credit -------------------------------------------------------


def dispatch_allowed_for_slip(
    channel_is_marketing: bool, slip_complete: bool, has_slip: bool = True
) -> Decision:
    """A marketing lead is dispatched only once its slip is filled and fully signed (SLIP-1/2)."""
    if not channel_is_marketing:
        return _decide(SlipReason.NOT_A_MARKETING_LEAD)
    if not has_slip:
        return _decide(SlipReason.SLIP_MISSING)
    return _decide(SlipReason.SLIP_SIGNED if slip_complete else SlipReason.SLIP_NOT_SIGNED)


def salesperson_credit(has_slip: bool) -> Decision:
    """No slip, no performance credit and no commission for the salesperson (SLIP-5)."""
    return _decide(SlipReason.SLIP_ON_FILE if has_slip else SlipReason.NO_SLIP)
