"""Transfer slips: SLIP-2 order and dispatch gate, SLIP-4 delegation, SLIP-5 credit."""

from datetime import date
from typing import Any

import pytest

from leads.rules.slips import (
    DelegationSnapshot,
    SignerStep,
    SlipConfig,
    SlipReason,
    SlipSignature,
    can_sign,
    check_delegation,
    delegation_needed,
    dispatch_allowed_for_slip,
    next_signer_step,
    salesperson_credit,
    slip_complete,
)

MM, SM = SignerStep.MARKETING_MANAGER, SignerStep.STORE_MANAGER
MARKETING_MANAGER_ID, STORE_MANAGER_ID, DEPUTY_ID, CLERK_ID = 10, 20, 30, 40
MM_SIGNED = (SlipSignature(MM, MARKETING_MANAGER_ID),)
BOTH_SIGNED = (*MM_SIGNED, SlipSignature(SM, STORE_MANAGER_ID))
# The store manager is away 3-7 May; the deputy signs for them.
AWAY = DelegationSnapshot(STORE_MANAGER_ID, DEPUTY_ID, date(2026, 5, 3), date(2026, 5, 7))


def sign(**changes: Any) -> Any:
    """The store manager's deputy signing the second step on 5 May, unless changed."""
    arguments: dict[str, Any] = {
        "step": SM,
        "signatures": MM_SIGNED,
        "signer_id": DEPUTY_ID,
        "signer_roles": {"DESIGNER"},
        "principal_id_for_step": STORE_MANAGER_ID,
        "delegations": [AWAY],
        "on_date": date(2026, 5, 5),
    }
    arguments.update(changes)
    return can_sign(**arguments)


# --- SLIP-2 order ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signatures", "expected"),
    [((), MM), (MM_SIGNED, SM), (BOTH_SIGNED, None), ((SlipSignature(SM, 20),), MM)],
)
def test_slip2_next_signer_step(
    signatures: tuple[SlipSignature, ...], expected: SignerStep | None
) -> None:
    assert next_signer_step(signatures) == expected
    assert slip_complete(signatures) is (expected is None)


def test_slip2_marketing_manager_signs_first_step() -> None:
    decision = sign(
        step=MM, signatures=(), signer_id=MARKETING_MANAGER_ID, signer_roles={"MARKETING_MANAGER"}
    )
    assert (decision.allowed, decision.reason) == (True, SlipReason.SIGNS_OWN_ROLE)
    assert decision.signature(MM) == SlipSignature(MM, MARKETING_MANAGER_ID, None)


def test_slip2_store_manager_signs_after_marketing_manager() -> None:
    decision = sign(signer_id=STORE_MANAGER_ID, signer_roles={"STORE_MANAGER"})
    assert (decision.allowed, decision.reason, decision.on_behalf_of_id) == (
        True,
        SlipReason.SIGNS_OWN_ROLE,
        None,
    )


def test_slip2_store_manager_cannot_sign_before_marketing_manager() -> None:
    decision = sign(signatures=(), signer_id=STORE_MANAGER_ID, signer_roles={"STORE_MANAGER"})
    assert (decision.allowed, decision.reason) == (False, SlipReason.OUT_OF_ORDER)


@pytest.mark.parametrize(
    ("step", "signatures"), [(MM, MM_SIGNED), (MM, BOTH_SIGNED), (SM, BOTH_SIGNED)]
)
def test_slip2_a_step_is_signed_only_once(
    step: SignerStep, signatures: tuple[SlipSignature, ...]
) -> None:
    decision = sign(step=step, signatures=signatures, signer_roles={step.value})
    assert (decision.allowed, decision.reason) == (False, SlipReason.ALREADY_SIGNED)


def test_slip2_same_person_cannot_sign_both_steps() -> None:
    decision = sign(
        signer_id=MARKETING_MANAGER_ID, signer_roles={"MARKETING_MANAGER", "STORE_MANAGER"}
    )
    assert (decision.allowed, decision.reason) == (False, SlipReason.SIGNED_OTHER_STEP)


@pytest.mark.parametrize(
    ("step", "roles"),
    [(MM, {"STORE_MANAGER"}), (SM, {"MARKETING_MANAGER"}), (SM, {"MARKETING_SALES"}), (SM, set())],
)
def test_slip2_wrong_role_is_refused(step: SignerStep, roles: set[str]) -> None:
    signatures = () if step == MM else MM_SIGNED
    decision = sign(step=step, signatures=signatures, signer_id=CLERK_ID, signer_roles=roles)
    assert (decision.allowed, decision.reason) == (False, SlipReason.WRONG_ROLE)
    with pytest.raises(ValueError, match="allowed signing decision"):
        decision.signature(step)


@pytest.mark.parametrize(
    ("is_marketing", "complete", "allowed", "reason"),
    [
        (True, True, True, SlipReason.SLIP_SIGNED),
        (True, False, False, SlipReason.SLIP_NOT_SIGNED),
        (False, False, True, SlipReason.NOT_A_MARKETING_LEAD),
        (False, True, True, SlipReason.NOT_A_MARKETING_LEAD),
    ],
)
def test_slip2_unsigned_slip_blocks_dispatch(
    is_marketing: bool, complete: bool, allowed: bool, reason: SlipReason
) -> None:
    decision = dispatch_allowed_for_slip(is_marketing, complete)
    assert (decision.allowed, decision.reason) == (allowed, reason)


def test_slip1_marketing_lead_without_slip_cannot_be_dispatched() -> None:
    decision = dispatch_allowed_for_slip(True, False, has_slip=False)
    assert (decision.allowed, decision.reason) == (False, SlipReason.SLIP_MISSING)
    assert dispatch_allowed_for_slip(False, False, has_slip=False).allowed is True


# --- SLIP-4 delegation -------------------------------------------------------------------------


@pytest.mark.parametrize("on_date", [date(2026, 5, 3), date(2026, 5, 5), date(2026, 5, 7)])
def test_slip4_delegate_signs_for_principal_within_period(on_date: date) -> None:
    decision = sign(on_date=on_date)
    assert (decision.allowed, decision.reason) == (True, SlipReason.SIGNS_AS_DELEGATE)
    assert (decision.signer_id, decision.on_behalf_of_id) == (DEPUTY_ID, STORE_MANAGER_ID)
    assert decision.signature(SM) == SlipSignature(SM, DEPUTY_ID, STORE_MANAGER_ID)


@pytest.mark.parametrize("on_date", [date(2026, 5, 2), date(2026, 5, 8)])
def test_slip4_delegate_cannot_sign_outside_period(on_date: date) -> None:
    decision = sign(on_date=on_date)
    assert (decision.allowed, decision.reason) == (False, SlipReason.DELEGATION_NOT_IN_FORCE)


def test_slip4_delegation_from_someone_else_does_not_count() -> None:
    other_principal = DelegationSnapshot(99, DEPUTY_ID, date(2026, 5, 1), date(2026, 5, 31))
    decision = sign(delegations=[other_principal])
    assert (decision.allowed, decision.reason) == (False, SlipReason.WRONG_ROLE)


def test_slip4_no_principal_means_no_delegate_can_sign() -> None:
    decision = sign(principal_id_for_step=None)
    assert (decision.allowed, decision.reason) == (False, SlipReason.WRONG_ROLE)


def test_slip4_delegate_cannot_sign_a_step_of_another_manager() -> None:
    decision = sign(step=MM, signatures=(), principal_id_for_step=MARKETING_MANAGER_ID)
    assert (decision.allowed, decision.reason) == (False, SlipReason.WRONG_ROLE)


def test_slip4_delegate_who_signed_first_step_cannot_sign_second() -> None:
    first_by_deputy = (SlipSignature(MM, DEPUTY_ID, MARKETING_MANAGER_ID),)
    decision = sign(signatures=first_by_deputy)
    assert (decision.allowed, decision.reason) == (False, SlipReason.SIGNED_OTHER_STEP)


@pytest.mark.parametrize(("away_days", "needed"), [(0, False), (1, False), (2, True), (5, True)])
def test_slip4_delegation_needed_from_two_days_away(away_days: int, needed: bool) -> None:
    assert delegation_needed(away_days) is needed


def test_slip4_delegation_threshold_is_configurable() -> None:
    config = SlipConfig(delegation_min_away_days=3)
    assert (delegation_needed(2, config), delegation_needed(3, config)) == (False, True)


@pytest.mark.parametrize(
    ("principal", "delegate", "start", "end", "reason"),
    [
        (20, 30, date(2026, 5, 3), date(2026, 5, 7), SlipReason.DELEGATION_VALID),
        (20, 30, date(2026, 5, 3), date(2026, 5, 3), SlipReason.DELEGATION_VALID),
        (20, 20, date(2026, 5, 3), date(2026, 5, 7), SlipReason.DELEGATE_IS_PRINCIPAL),
        (20, 30, date(2026, 5, 7), date(2026, 5, 3), SlipReason.PERIOD_ENDS_BEFORE_START),
    ],
)
def test_slip4_check_delegation(
    principal: int, delegate: int, start: date, end: date, reason: SlipReason
) -> None:
    decision = check_delegation(principal, delegate, start, end)
    assert (decision.allowed, decision.reason) == (reason == SlipReason.DELEGATION_VALID, reason)


# --- SLIP-5 credit -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("has_slip", "allowed", "reason"),
    [(True, True, SlipReason.SLIP_ON_FILE), (False, False, SlipReason.NO_SLIP)],
)
def test_slip5_no_slip_no_salesperson_credit(
    has_slip: bool, allowed: bool, reason: SlipReason
) -> None:
    decision = salesperson_credit(has_slip)
    assert (decision.allowed, decision.reason) == (allowed, reason)
