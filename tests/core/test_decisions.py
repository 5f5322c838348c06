"""The one Decision: one truthiness rule, two constructors, value equality."""

from dataclasses import FrozenInstanceError, dataclass
from enum import StrEnum

import pytest

from core.decisions import ALLOWED, Decision


class Why(StrEnum):
    OK = "OK"
    TOO_LATE = "TOO_LATE"


def test_a_decision_is_truthy_exactly_when_allowed() -> None:
    assert bool(Decision.allow()) is True
    assert bool(Decision.deny(Why.TOO_LATE, "Too late.")) is False
    # Not "is there a decision": a refusal is a decision and still falsy.
    assert not Decision(False, Why.TOO_LATE, "Too late.")


def test_allow_carries_an_optional_reason_and_message() -> None:
    decision = Decision.allow(Why.OK, "Filed in time.")
    assert (decision.allowed, decision.reason, decision.message) == (True, Why.OK, "Filed in time.")
    assert Decision.allow() == Decision(allowed=True, reason=None, message="")


def test_deny_keeps_the_code_and_the_message_a_person_reads() -> None:
    decision = Decision.deny(Why.TOO_LATE, "Requested too late.")
    assert (decision.allowed, decision.reason, decision.message) == (
        False,
        Why.TOO_LATE,
        "Requested too late.",
    )


def test_decisions_compare_by_value() -> None:
    assert Decision.deny(Why.TOO_LATE, "x") == Decision(False, Why.TOO_LATE, "x")
    assert Decision.deny(Why.TOO_LATE, "x") != Decision.deny(Why.TOO_LATE, "y")
    assert Decision.allow() == ALLOWED
    assert hash(ALLOWED) == hash(Decision.allow())


def test_a_decision_is_frozen() -> None:
    with pytest.raises(FrozenInstanceError):
        ALLOWED.allowed = False  # type: ignore[misc]


@dataclass(frozen=True)
class Signing(Decision):
    signer_id: int | None = None


def test_a_subclass_with_extra_fields_uses_the_same_constructors_and_truthiness() -> None:
    yes = Signing.allow(Why.OK, "Signs.", signer_id=7)
    no = Signing.deny(Why.TOO_LATE, "No.")
    assert isinstance(yes, Signing) and (bool(yes), yes.signer_id) == (True, 7)
    assert (bool(no), no.signer_id) == (False, None)
