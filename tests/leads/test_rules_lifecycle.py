from datetime import datetime, timedelta

import pytest

from leads.rules.lifecycle import (
    CallbackAction,
    CallbackConfig,
    CallbackKind,
    ClosureKind,
    ClosureRefusal,
    ClosureRoles,
    ClosureStatus,
    DeadReason,
    Decision,
    InvalidReason,
    callback_action,
    callback_due,
    check_confirmation,
    check_proposal,
    check_reopen,
    closure_kind_for,
)
from leads.rules.states import LeadState

CM, CS, DM, DS, FD = "CUSTOMER_MANAGER", "CS_AGENT", "DESIGN_MANAGER", "DESIGNER", "FRONT_DESK"
INVALID, DEAD = ClosureKind.INVALID, ClosureKind.DEAD
R = ClosureRefusal

# ---------------------------------------------------------------- CLOSE-1 kinds and reasons


def test_close1_reason_lists_match_domain():
    assert [r.value for r in InvalidReason] == ["UNREACHABLE", "NO_PLAN", "LOW_VALUE", "OTHER"]
    assert [r.value for r in DeadReason] == [
        "PRICE",
        "SERVICE",
        "TECHNICAL",
        "COMPETITION",
        "CUSTOMER",
        "REFUND",
        "OTHER",
    ]


@pytest.mark.parametrize(
    ("state", "kind"),
    [
        (LeadState.NEW, INVALID),
        (LeadState.DISPATCHED, INVALID),
        (LeadState.MEASURED, DEAD),
        (LeadState.SIGNED, DEAD),
    ],
)
def test_close1_kind_follows_measurement(state, kind):
    assert closure_kind_for(state) == kind


@pytest.mark.parametrize("state", [LeadState.INVALID, LeadState.DEAD])
def test_close1_closed_lead_has_no_closure_kind(state):
    result = closure_kind_for(state)
    assert isinstance(result, Decision)
    assert (result.allowed, result.reason) == (False, R.NOT_CLOSABLE)


@pytest.mark.parametrize(
    ("state", "kind", "reason", "words", "roles", "refusal"),
    [
        (LeadState.NEW, INVALID, InvalidReason.UNREACHABLE, "号码是空号", {CM}, None),
        (LeadState.DISPATCHED, INVALID, InvalidReason.NO_PLAN, "明年再说", {CM}, None),
        (LeadState.DISPATCHED, INVALID, InvalidReason.OTHER, "x", {CM}, None),
        (LeadState.MEASURED, DEAD, DeadReason.PRICE, "太贵了", {CM}, None),
        (LeadState.MEASURED, DEAD, DeadReason.COMPETITION, "已签别家", {CS}, None),
        (LeadState.SIGNED, DEAD, DeadReason.REFUND, "要退单", {CS}, None),
        (LeadState.SIGNED, DEAD, DeadReason.REFUND, "要退单", {CM}, None),
        # wrong kind for the state
        (LeadState.NEW, DEAD, DeadReason.PRICE, "x", {CM}, R.WRONG_KIND),
        (LeadState.MEASURED, INVALID, InvalidReason.NO_PLAN, "x", {CM}, R.WRONG_KIND),
        # already closed
        (LeadState.DEAD, DEAD, DeadReason.PRICE, "x", {CM}, R.NOT_CLOSABLE),
        (LeadState.INVALID, INVALID, InvalidReason.OTHER, "x", {CM}, R.NOT_CLOSABLE),
        # reason must belong to the kind
        (LeadState.NEW, INVALID, DeadReason.PRICE, "x", {CM}, R.REASON_NOT_FOR_KIND),
        (LeadState.SIGNED, DEAD, InvalidReason.LOW_VALUE, "x", {CM}, R.REASON_NOT_FOR_KIND),
        (LeadState.SIGNED, DEAD, "BANANA", "x", {CM}, R.REASON_NOT_FOR_KIND),
        # refund only after signing
        (LeadState.MEASURED, DEAD, DeadReason.REFUND, "x", {CM}, R.REFUND_NEEDS_SIGNING),
        # the customer's own words
        (LeadState.NEW, INVALID, InvalidReason.NO_PLAN, "", {CM}, R.WORDS_REQUIRED),
        (LeadState.SIGNED, DEAD, DeadReason.SERVICE, "  \n", {CM}, R.WORDS_REQUIRED),
        # who proposes: CS agent (the customer assistant) only for DEAD
        (LeadState.NEW, INVALID, InvalidReason.NO_PLAN, "x", {CS}, R.ROLE_NOT_ALLOWED),
        (LeadState.MEASURED, DEAD, DeadReason.PRICE, "x", {DM}, R.ROLE_NOT_ALLOWED),
        (LeadState.MEASURED, DEAD, DeadReason.PRICE, "x", {DS}, R.ROLE_NOT_ALLOWED),
        (LeadState.NEW, INVALID, InvalidReason.NO_PLAN, "x", set(), R.ROLE_NOT_ALLOWED),
    ],
)
def test_close1_proposal_checks(state, kind, reason, words, roles, refusal):
    decision = check_proposal(state, kind, reason, words, roles)
    assert (decision.allowed, decision.reason) == (refusal is None, refusal)


def test_close1_proposer_roles_are_configurable():
    roles = ClosureRoles(proposers={INVALID: frozenset({CS}), DEAD: frozenset({CM})})
    ok = check_proposal(LeadState.NEW, INVALID, InvalidReason.NO_PLAN, "x", {CS}, roles)
    refused = check_proposal(LeadState.SIGNED, DEAD, DeadReason.PRICE, "x", {CS}, roles)
    assert (ok.allowed, refused.reason) == (True, R.ROLE_NOT_ALLOWED)


# ---------------------------------------------------------------- CLOSE-2 confirmation

P, C, J = ClosureStatus.PROPOSED, ClosureStatus.CONFIRMED, ClosureStatus.REJECTED


@pytest.mark.parametrize(
    ("status", "roles", "confirmer", "outcome", "note", "refusal"),
    [
        (P, {DM}, 7, C, "", None),
        (P, {DM}, 7, J, "客户仍有意向", None),
        (P, {DM}, 7, J, "", R.NOTE_REQUIRED),
        (P, {DM}, 7, J, "   ", R.NOTE_REQUIRED),
        (P, {CM}, 7, C, "", R.ROLE_NOT_ALLOWED),
        (P, {CS}, 7, J, "no", R.ROLE_NOT_ALLOWED),
        (P, {DM, CM}, 1, C, "", R.OWN_PROPOSAL),
        (C, {DM}, 7, C, "", R.NOT_PROPOSED),
        (J, {DM}, 7, C, "", R.NOT_PROPOSED),
        (C, {DM}, 7, J, "why", R.NOT_PROPOSED),
    ],
)
def test_close2_only_design_manager_decides_a_pending_proposal(
    status, roles, confirmer, outcome, note, refusal
):
    decision = check_confirmation(status, roles, confirmer, 1, note, outcome=outcome)
    assert (decision.allowed, decision.reason) == (refusal is None, refusal)


def test_close2_outcome_must_be_confirm_or_reject():
    with pytest.raises(ValueError):
        check_confirmation(P, {DM}, 7, 1, "", outcome=P)


# ---------------------------------------------------------------- CLOSE-5 reopening


@pytest.mark.parametrize(
    ("roles", "reason", "state", "refusal"),
    [
        ({CM}, "客户回心转意", None, None),
        ({CM}, "客户回心转意", LeadState.DEAD, None),
        ({CM}, "号码找到了", LeadState.INVALID, None),
        ({CM}, "", None, R.REOPEN_REASON_REQUIRED),
        ({CM}, "  ", LeadState.DEAD, R.REOPEN_REASON_REQUIRED),
        ({DM}, "reason", None, R.ROLE_NOT_ALLOWED),
        ({CS, FD}, "reason", LeadState.DEAD, R.ROLE_NOT_ALLOWED),
        ({CM}, "reason", LeadState.MEASURED, R.NOT_CLOSED),
    ],
)
def test_close5_only_customer_manager_reopens_with_reason(roles, reason, state, refusal):
    decision = check_reopen(roles, reason, state=state)
    assert (decision.allowed, decision.reason) == (refusal is None, refusal)


# ---------------------------------------------------------------- CB-1 callbacks

T = datetime(2026, 3, 2, 10, 0)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (CallbackKind.AFTER_DISPATCH, datetime(2026, 3, 3, 10, 0)),
        (CallbackKind.AFTER_MEASUREMENT, datetime(2026, 3, 5, 10, 0)),
        (CallbackKind.CLOSURE_PENDING, datetime(2026, 3, 3, 10, 0)),
        (CallbackKind.COMPLAINT_FOLLOW_UP, datetime(2026, 3, 3, 10, 0)),
    ],
)
def test_cb1_due_times_from_defaults(kind, expected):
    assert callback_due(kind, T, CallbackConfig()) == expected


def test_cb1_delays_are_configurable():
    config = CallbackConfig(after_measurement=timedelta(days=5))
    assert callback_due(CallbackKind.AFTER_MEASUREMENT, T, config) == datetime(2026, 3, 7, 10, 0)


REMIND, ESCALATE = CallbackAction.REMIND, CallbackAction.ESCALATE


@pytest.mark.parametrize(
    ("now", "reminded", "escalated", "expected"),
    [
        (T - timedelta(minutes=15), False, False, set()),
        (T, False, False, {REMIND}),
        (T + timedelta(minutes=15), True, False, set()),
        (T + timedelta(hours=23, minutes=45), True, False, set()),
        (T + timedelta(days=1), True, False, {ESCALATE}),
        (T + timedelta(days=1, minutes=15), True, True, set()),
        # the job was down: both happen in one run, once
        (T + timedelta(days=2), False, False, {REMIND, ESCALATE}),
    ],
)
def test_cb1_job_reminds_then_escalates_once(now, reminded, escalated, expected):
    assert callback_action(T, reminded, escalated, now, CallbackConfig()) == expected


def test_cb1_escalation_delay_is_configurable():
    config = CallbackConfig(escalate_after=timedelta(hours=4))
    assert callback_action(T, True, False, T + timedelta(hours=4), config) == {ESCALATE}
    assert callback_action(T, True, False, T + timedelta(hours=3), config) == set()
