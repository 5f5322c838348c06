"""CMP-5/CMP-7: the one path through the steps, who may take each, and what each needs."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from django.utils.translation import gettext_lazy as _

from core.decisions import ALLOWED, Decision

from .base import (
    CS_AGENT,
    CUSTOMER_MANAGER,
    Action,
    ComplaintStatus,
    StepRefusal,
)

NEXT_STEP: Mapping[ComplaintStatus, ComplaintStatus] = MappingProxyType(
    {
        ComplaintStatus.REGISTERED: ComplaintStatus.INVESTIGATED,
        ComplaintStatus.INVESTIGATED: ComplaintStatus.DECIDED,
        ComplaintStatus.DECIDED: ComplaintStatus.HANDLED,
        ComplaintStatus.HANDLED: ComplaintStatus.REPLIED,
        ComplaintStatus.REPLIED: ComplaintStatus.CLOSED,
    }
)


def _default_step_roles() -> Mapping[ComplaintStatus, frozenset[str]]:
    return MappingProxyType(
        {
            ComplaintStatus.INVESTIGATED: frozenset({CS_AGENT, CUSTOMER_MANAGER}),
            # The customer manager heads the department: "the department manager decides" (CMP-5).
            ComplaintStatus.DECIDED: frozenset({CUSTOMER_MANAGER}),
            # Staff of the responsible department may also handle (see check_step).
            ComplaintStatus.HANDLED: frozenset({CUSTOMER_MANAGER}),
            ComplaintStatus.REPLIED: frozenset({CS_AGENT, CUSTOMER_MANAGER}),
            ComplaintStatus.CLOSED: frozenset({CUSTOMER_MANAGER}),
        }
    )


@dataclass(frozen=True)
class StepPolicy:
    """Which roles may move a complaint INTO each status, and who records the follow-up visit."""

    roles: Mapping[ComplaintStatus, frozenset[str]] = field(default_factory=_default_step_roles)
    follow_up_roles: frozenset[str] = frozenset({CS_AGENT, CUSTOMER_MANAGER})


# The action that moves a complaint into each status.
STEP_ACTION: Mapping[ComplaintStatus, Action] = MappingProxyType(
    {
        ComplaintStatus.INVESTIGATED: Action.INVESTIGATE,
        ComplaintStatus.DECIDED: Action.DECIDE,
        ComplaintStatus.HANDLED: Action.HANDLE,
        ComplaintStatus.REPLIED: Action.REPLY,
        ComplaintStatus.CLOSED: Action.CLOSE,
    }
)
ACTION_STEP: Mapping[Action, ComplaintStatus] = MappingProxyType(
    {action: status for status, action in STEP_ACTION.items()}
)


def next_step(current: ComplaintStatus) -> ComplaintStatus | None:
    """The only status a complaint may move to from here; None once closed."""
    return NEXT_STEP.get(current)


def may_take_step(
    target: ComplaintStatus,
    actor_roles: Collection[str],
    *,
    in_responsible_department: bool = False,
    policy: StepPolicy | None = None,
) -> bool:
    """Whether the actor's roles (or department, for handling) allow moving into `target`."""
    policy = policy or StepPolicy()
    if target == ComplaintStatus.HANDLED and in_responsible_department:
        return True
    return bool(policy.roles.get(target, frozenset()) & set(actor_roles))


def check_step(
    current: ComplaintStatus,
    target: ComplaintStatus,
    actor_roles: Collection[str],
    has_reply: bool,
    *,
    has_follow_up: bool = False,
    in_responsible_department: bool = False,
    policy: StepPolicy | None = None,
) -> Decision:
    """CMP-7: one step forward at a time, by the right person, and never closed without a reply.

    CMP-6: closing also needs the follow-up visit recorded.
    """
    if current == ComplaintStatus.CLOSED:
        return Decision(False, StepRefusal.ALREADY_CLOSED, _("The complaint is already closed."))
    if target != next_step(current):
        return Decision(
            False,
            StepRefusal.NOT_NEXT_STEP,
            _("A complaint moves one step at a time; this is not its next step."),
        )
    if not may_take_step(
        target, actor_roles, in_responsible_department=in_responsible_department, policy=policy
    ):
        return Decision(False, StepRefusal.ROLE_NOT_ALLOWED, _("Your role may not take this step."))
    if target == ComplaintStatus.CLOSED and not has_reply:
        return Decision(
            False,
            StepRefusal.NO_REPLY,
            _("Record the reply to the customer before closing the complaint."),
        )
    if target == ComplaintStatus.CLOSED and not has_follow_up:
        return Decision(
            False,
            StepRefusal.NO_FOLLOW_UP,
            _("Record the follow-up visit before closing the complaint."),
        )
    return ALLOWED


def check_follow_up(
    current: ComplaintStatus,
    actor_roles: Collection[str],
    *,
    has_follow_up: bool = False,
    policy: StepPolicy | None = None,
) -> Decision:
    """CMP-6: one follow-up visit, recorded after the reply to the customer and before closing."""
    policy = policy or StepPolicy()
    if current == ComplaintStatus.CLOSED:
        return Decision(False, StepRefusal.ALREADY_CLOSED, _("The complaint is already closed."))
    if current != ComplaintStatus.REPLIED:
        return Decision(
            False,
            StepRefusal.NOT_REPLIED_YET,
            _("The follow-up visit comes after the reply to the customer."),
        )
    if has_follow_up:
        return Decision(
            False,
            StepRefusal.ALREADY_FOLLOWED_UP,
            _("The follow-up visit is already recorded."),
        )
    if not policy.follow_up_roles & set(actor_roles):
        return Decision(False, StepRefusal.ROLE_NOT_ALLOWED, _("Your role may not take this step."))
    return ALLOWED


@dataclass(frozen=True)
class StepFacts:
    """What the page knows about one complaint and one viewer, for `available_actions`."""

    status: ComplaintStatus
    actor_roles: frozenset[str]
    has_reply: bool = False
    has_follow_up: bool = False
    in_responsible_department: bool = False


def available_actions(facts: StepFacts, policy: StepPolicy | None = None) -> dict[Action, Decision]:
    """The actions open on this complaint now, each with the viewer's yes/no and the reason.

    Only the next step (and the follow-up while REPLIED, until recorded) is listed, so a page
    shows one thing to do.
    """
    decisions: dict[Action, Decision] = {}
    if facts.status == ComplaintStatus.REPLIED and not facts.has_follow_up:
        decisions[Action.FOLLOW_UP] = check_follow_up(
            facts.status, facts.actor_roles, policy=policy
        )
    target = next_step(facts.status)
    if target is not None:
        decisions[STEP_ACTION[target]] = check_step(
            facts.status,
            target,
            facts.actor_roles,
            facts.has_reply,
            has_follow_up=facts.has_follow_up,
            in_responsible_department=facts.in_responsible_department,
            policy=policy,
        )
    return decisions


def next_actor_roles(current: ComplaintStatus, policy: StepPolicy | None = None) -> frozenset[str]:
    """Roles that may take the step after `current` (to notify); handling adds the department."""
    policy = policy or StepPolicy()
    target = next_step(current)
    roles = set(policy.roles.get(target, frozenset())) if target else set()
    if current == ComplaintStatus.REPLIED:
        roles |= policy.follow_up_roles
    return frozenset(roles)


# ---------------------------------------------------------------- CMP-7: historical records

# What a complaint in each status must already carry (cumulative), e.g. for imports of the paper
# register: a closed complaint without a reply would break CMP-7.
REQUIRED_BY_STATUS: Mapping[ComplaintStatus, tuple[str, ...]] = MappingProxyType(
    {
        ComplaintStatus.REGISTERED: (),
        ComplaintStatus.INVESTIGATED: ("findings",),
        ComplaintStatus.DECIDED: ("findings", "handling_method", "responsible_department"),
        ComplaintStatus.HANDLED: (
            "findings",
            "handling_method",
            "responsible_department",
            "handling_record",
        ),
        ComplaintStatus.REPLIED: (
            "findings",
            "handling_method",
            "responsible_department",
            "handling_record",
            "reply_text",
        ),
        ComplaintStatus.CLOSED: (
            "findings",
            "handling_method",
            "responsible_department",
            "handling_record",
            "reply_text",
        ),
    }
)


def missing_for_status(status: ComplaintStatus, filled: Collection[str]) -> list[str]:
    """The fields a complaint in `status` must carry but does not, in workflow order."""
    return [name for name in REQUIRED_BY_STATUS[status] if name not in filled]
