"""LEAD-3: every pair of lead states, legal or refused with its reason; CLOSE-5 reopening."""

import itertools

import pytest

from leads.rules.states import (
    ALLOWED_TRANSITIONS,
    TRANSITION_MESSAGES,
    LeadState,
    TransitionReason,
    check_reopen,
    check_transition,
)

S = LeadState
R = TransitionReason

# The whole 6 x 6 table: (current, target) -> expected reason. OK means allowed.
EXPECTED = {
    (S.NEW, S.NEW): R.SAME_STATE,
    (S.NEW, S.DISPATCHED): R.OK,
    (S.NEW, S.MEASURED): R.SKIPS_A_STEP,
    (S.NEW, S.SIGNED): R.SKIPS_A_STEP,
    (S.NEW, S.INVALID): R.OK,
    (S.NEW, S.DEAD): R.DEAD_ONLY_AFTER_MEASUREMENT,
    (S.DISPATCHED, S.NEW): R.GOES_BACKWARDS,
    (S.DISPATCHED, S.DISPATCHED): R.SAME_STATE,
    (S.DISPATCHED, S.MEASURED): R.OK,
    (S.DISPATCHED, S.SIGNED): R.SKIPS_A_STEP,
    (S.DISPATCHED, S.INVALID): R.OK,
    (S.DISPATCHED, S.DEAD): R.DEAD_ONLY_AFTER_MEASUREMENT,
    (S.MEASURED, S.NEW): R.GOES_BACKWARDS,
    (S.MEASURED, S.DISPATCHED): R.GOES_BACKWARDS,
    (S.MEASURED, S.MEASURED): R.SAME_STATE,
    (S.MEASURED, S.SIGNED): R.OK,
    (S.MEASURED, S.INVALID): R.INVALID_ONLY_BEFORE_MEASUREMENT,
    (S.MEASURED, S.DEAD): R.OK,
    (S.SIGNED, S.NEW): R.GOES_BACKWARDS,
    (S.SIGNED, S.DISPATCHED): R.GOES_BACKWARDS,
    (S.SIGNED, S.MEASURED): R.GOES_BACKWARDS,
    (S.SIGNED, S.SIGNED): R.SAME_STATE,
    (S.SIGNED, S.INVALID): R.INVALID_ONLY_BEFORE_MEASUREMENT,
    (S.SIGNED, S.DEAD): R.OK,
    (S.INVALID, S.NEW): R.LEAD_CLOSED,
    (S.INVALID, S.DISPATCHED): R.LEAD_CLOSED,
    (S.INVALID, S.MEASURED): R.LEAD_CLOSED,
    (S.INVALID, S.SIGNED): R.LEAD_CLOSED,
    (S.INVALID, S.INVALID): R.SAME_STATE,
    (S.INVALID, S.DEAD): R.LEAD_CLOSED,
    (S.DEAD, S.NEW): R.LEAD_CLOSED,
    (S.DEAD, S.DISPATCHED): R.LEAD_CLOSED,
    (S.DEAD, S.MEASURED): R.LEAD_CLOSED,
    (S.DEAD, S.SIGNED): R.LEAD_CLOSED,
    (S.DEAD, S.INVALID): R.LEAD_CLOSED,
    (S.DEAD, S.DEAD): R.SAME_STATE,
}


def test_lead3_table_covers_every_pair_of_states() -> None:
    assert set(EXPECTED) == set(itertools.product(LeadState, LeadState))


@pytest.mark.parametrize(("current", "target"), sorted(EXPECTED))
def test_lead3_transition_table(current: LeadState, target: LeadState) -> None:
    decision = check_transition(current, target)
    expected = EXPECTED[(current, target)]
    assert (decision.allowed, decision.reason) == (expected == R.OK, expected)


def test_lead3_allowed_transitions_match_the_table() -> None:
    allowed = {pair for pair, reason in EXPECTED.items() if reason == R.OK}
    table = {(src, dst) for src, targets in ALLOWED_TRANSITIONS.items() for dst in targets}
    assert table == allowed


def test_lead3_refusal_carries_a_message() -> None:
    decision = check_transition(S.MEASURED, S.INVALID)
    assert not decision
    assert decision.message is TRANSITION_MESSAGES[R.INVALID_ONLY_BEFORE_MEASUREMENT]


REOPEN = {
    (S.INVALID, S.NEW): R.OK,
    (S.INVALID, S.DISPATCHED): R.OK,
    (S.INVALID, S.MEASURED): R.NOT_PREVIOUS_STATE,
    (S.INVALID, S.SIGNED): R.NOT_PREVIOUS_STATE,
    (S.INVALID, S.INVALID): R.NOT_PREVIOUS_STATE,
    (S.INVALID, S.DEAD): R.NOT_PREVIOUS_STATE,
    (S.DEAD, S.MEASURED): R.OK,
    (S.DEAD, S.SIGNED): R.OK,
    (S.DEAD, S.NEW): R.NOT_PREVIOUS_STATE,
    (S.DEAD, S.DISPATCHED): R.NOT_PREVIOUS_STATE,
    (S.DEAD, S.INVALID): R.NOT_PREVIOUS_STATE,
    (S.DEAD, S.DEAD): R.NOT_PREVIOUS_STATE,
}


@pytest.mark.parametrize(("current", "previous"), sorted(REOPEN))
def test_close5_reopen_returns_to_state_before_closure(
    current: LeadState, previous: LeadState
) -> None:
    decision = check_reopen(current, previous)
    expected = REOPEN[(current, previous)]
    assert (decision.allowed, decision.reason) == (expected == R.OK, expected)


@pytest.mark.parametrize("current", [S.NEW, S.DISPATCHED, S.MEASURED, S.SIGNED])
def test_close5_open_lead_cannot_be_reopened(current: LeadState) -> None:
    decision = check_reopen(current, S.NEW)
    assert (decision.allowed, decision.reason) == (False, R.NOT_CLOSED)
