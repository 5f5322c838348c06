"""The lead's states and the one table of legal moves between them (LEAD-3, CLOSE-5).

NEW -> DISPATCHED -> MEASURED -> SIGNED; INVALID (无效单) only before measurement, DEAD (死单)
only after it (a refund after signing is DEAD too). Closed leads move only by reopening.
"""

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from django.utils.translation import gettext_lazy as _

from core.decisions import Decision


class LeadState(StrEnum):
    NEW = "NEW"
    DISPATCHED = "DISPATCHED"
    MEASURED = "MEASURED"
    SIGNED = "SIGNED"
    INVALID = "INVALID"
    DEAD = "DEAD"


ALLOWED_TRANSITIONS: Mapping[LeadState, frozenset[LeadState]] = MappingProxyType(
    {
        LeadState.NEW: frozenset({LeadState.DISPATCHED, LeadState.INVALID}),
        LeadState.DISPATCHED: frozenset({LeadState.MEASURED, LeadState.INVALID}),
        LeadState.MEASURED: frozenset({LeadState.SIGNED, LeadState.DEAD}),
        LeadState.SIGNED: frozenset({LeadState.DEAD}),
        LeadState.INVALID: frozenset(),
        LeadState.DEAD: frozenset(),
    }
)
CLOSED_STATES = frozenset({LeadState.INVALID, LeadState.DEAD})
PROGRESS = (LeadState.NEW, LeadState.DISPATCHED, LeadState.MEASURED, LeadState.SIGNED)


class TransitionReason(StrEnum):
    OK = "OK"
    SAME_STATE = "SAME_STATE"
    LEAD_CLOSED = "LEAD_CLOSED"
    INVALID_ONLY_BEFORE_MEASUREMENT = "INVALID_ONLY_BEFORE_MEASUREMENT"
    DEAD_ONLY_AFTER_MEASUREMENT = "DEAD_ONLY_AFTER_MEASUREMENT"
    SKIPS_A_STEP = "SKIPS_A_STEP"
    GOES_BACKWARDS = "GOES_BACKWARDS"
    NOT_CLOSED = "NOT_CLOSED"
    NOT_PREVIOUS_STATE = "NOT_PREVIOUS_STATE"


TRANSITION_MESSAGES = {
    TransitionReason.OK: _("Allowed."),
    TransitionReason.SAME_STATE: _("The lead is already in this state."),
    TransitionReason.LEAD_CLOSED: _(
        "The lead is closed; only the customer manager can reopen it, with a reason."
    ),
    TransitionReason.INVALID_ONLY_BEFORE_MEASUREMENT: _(
        "Only a new or dispatched lead can be marked invalid; after measurement it becomes a "
        "dead lead instead."
    ),
    TransitionReason.DEAD_ONLY_AFTER_MEASUREMENT: _(
        "Only a measured or signed lead can become a dead lead; before measurement mark it "
        "invalid instead."
    ),
    TransitionReason.SKIPS_A_STEP: _(
        "A lead goes new, dispatched, measured, signed, one step at a time."
    ),
    TransitionReason.GOES_BACKWARDS: _("A lead cannot go back to an earlier step."),
    TransitionReason.NOT_CLOSED: _("Only an invalid or dead lead can be reopened."),
    TransitionReason.NOT_PREVIOUS_STATE: _(
        "A reopened lead returns to the state it had before it was closed."
    ),
}


def _decide(reason: TransitionReason) -> Decision:
    return Decision(
        allowed=reason == TransitionReason.OK,
        reason=reason,
        message=TRANSITION_MESSAGES[reason],
    )


def check_transition(current: LeadState, target: LeadState) -> Decision:
    """Whether a lead may move from `current` to `target` (LEAD-3), and why not."""
    if target in ALLOWED_TRANSITIONS[current]:
        return _decide(TransitionReason.OK)
    return _decide(_refusal(current, target))


def _refusal(current: LeadState, target: LeadState) -> TransitionReason:
    if current == target:
        return TransitionReason.SAME_STATE
    if current in CLOSED_STATES:
        return TransitionReason.LEAD_CLOSED
    if target == LeadState.INVALID:
        return TransitionReason.INVALID_ONLY_BEFORE_MEASUREMENT
    if target == LeadState.DEAD:
        return TransitionReason.DEAD_ONLY_AFTER_MEASUREMENT
    if PROGRESS.index(target) > PROGRESS.index(current):
        return TransitionReason.SKIPS_A_STEP
    return TransitionReason.GOES_BACKWARDS


def check_reopen(current: LeadState, previous_state: LeadState) -> Decision:
    """CLOSE-5: a closed lead goes back to the state it had just before closing.

    Only the state pair is checked here; who may reopen and the reason are checked by
    `leads.rules.lifecycle.check_reopen`.
    """
    if current not in CLOSED_STATES:
        return _decide(TransitionReason.NOT_CLOSED)
    if current not in ALLOWED_TRANSITIONS.get(previous_state, frozenset()):
        return _decide(TransitionReason.NOT_PREVIOUS_STATE)
    return _decide(TransitionReason.OK)
