"""Pure complaint rules: numbering, the handling steps, follow-up and escalation (CMP-2..7).

No ORM and no clock: services pass the current time and the facts, and get back a decision
with a reason code a page can show.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from types import MappingProxyType

from django.utils.translation import gettext_lazy as _

# Role codes from DOMAIN's staff table; StrEnum roles from the staff app compare equal to these.
CS_AGENT = "CS_AGENT"
CUSTOMER_MANAGER = "CUSTOMER_MANAGER"


class ComplaintStatus(StrEnum):
    """CMP-7: the one path a complaint walks, in order."""

    REGISTERED = "REGISTERED"
    INVESTIGATED = "INVESTIGATED"
    DECIDED = "DECIDED"
    HANDLED = "HANDLED"
    REPLIED = "REPLIED"
    CLOSED = "CLOSED"


class Channel(StrEnum):
    """CMP-1: every channel a complaint can arrive through."""

    LETTER = "LETTER"
    PHONE = "PHONE"
    FAX = "FAX"
    IN_PERSON = "IN_PERSON"
    ONLINE = "ONLINE"


class Severity(StrEnum):
    MINOR = "MINOR"
    MAJOR = "MAJOR"


class FollowUpMethod(StrEnum):
    PHONE = "PHONE"
    ON_SITE = "ON_SITE"


class StepRefusal(StrEnum):
    ALREADY_CLOSED = "ALREADY_CLOSED"
    NOT_NEXT_STEP = "NOT_NEXT_STEP"
    ROLE_NOT_ALLOWED = "ROLE_NOT_ALLOWED"
    NO_REPLY = "NO_REPLY"


class SatisfactionRefusal(StrEnum):
    OUT_OF_RANGE = "OUT_OF_RANGE"


@dataclass(frozen=True)
class Decision:
    """A yes/no with the reason code and a readable message when it is a no."""

    allowed: bool
    reason: StrEnum | None = None
    message: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Decision(allowed=True)

# ---------------------------------------------------------------- CMP-2: the register number

NUMBER_PREFIX = "TS"
_NUMBER_RE = re.compile(r"^(?P<prefix>[A-Z]+)(?P<year>\d{4})-(?P<seq>\d{4,})$")


@dataclass(frozen=True)
class ComplaintNumber:
    year: int
    seq: int


def complaint_number(year: int, seq: int, prefix: str = NUMBER_PREFIX) -> str:
    """The register number: TS2026-0001; at least four digits, more once past 9999."""
    if not 1000 <= year <= 9999:
        raise ValueError(f"year must have four digits, got {year}")
    if seq < 1:
        raise ValueError(f"sequence starts at 1, got {seq}")
    return f"{prefix}{year}-{seq:04d}"


def parse_complaint_number(text: str, prefix: str = NUMBER_PREFIX) -> ComplaintNumber:
    """Read a register number back; only the canonical spelling is accepted."""
    match = _NUMBER_RE.match(text.strip())
    if not match or match["prefix"] != prefix:
        raise ValueError(f"not a complaint number: {text!r}")
    number = ComplaintNumber(year=int(match["year"]), seq=int(match["seq"]))
    if complaint_number(number.year, number.seq, prefix) != text.strip():
        raise ValueError(f"not a canonical complaint number: {text!r}")  # e.g. TS2026-00001
    return number


# ---------------------------------------------------------------- CMP-5/CMP-7: the steps

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
    """Which roles may move a complaint INTO each status."""

    roles: Mapping[ComplaintStatus, frozenset[str]] = field(default_factory=_default_step_roles)


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
    in_responsible_department: bool = False,
    policy: StepPolicy | None = None,
) -> Decision:
    """CMP-7: one step forward at a time, by the right person, and never closed without a reply."""
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
    return ALLOWED


# ---------------------------------------------------------------- CMP-6: follow-up visit

FOLLOW_UP_BY_SEVERITY: Mapping[Severity, FollowUpMethod] = MappingProxyType(
    {Severity.MINOR: FollowUpMethod.PHONE, Severity.MAJOR: FollowUpMethod.ON_SITE}
)
SATISFACTION_MIN = 1
SATISFACTION_MAX = 5


def follow_up_method(severity: Severity) -> FollowUpMethod:
    """Minor complaints are followed up by phone, major ones on site."""
    return FOLLOW_UP_BY_SEVERITY[severity]


def check_satisfaction(score: int) -> Decision:
    """A satisfaction score is a whole number from 1 to 5."""
    if isinstance(score, bool) or not isinstance(score, int):
        return Decision(False, SatisfactionRefusal.OUT_OF_RANGE, _("Choose a score from 1 to 5."))
    if not SATISFACTION_MIN <= score <= SATISFACTION_MAX:
        return Decision(False, SatisfactionRefusal.OUT_OF_RANGE, _("Choose a score from 1 to 5."))
    return ALLOWED


# ---------------------------------------------------------------- CMP-4/CMP-5: escalation

# Time allowed in each status before the next step is overdue. Not in the source: these are
# the defaults a service uses when managers set nothing else. REGISTERED is absent on purpose:
# its deadline is the working-day rule of CMP-4 (see investigation_overdue).
DEFAULT_STEP_DEADLINES: Mapping[ComplaintStatus, timedelta] = MappingProxyType(
    {
        ComplaintStatus.INVESTIGATED: timedelta(days=1),
        ComplaintStatus.DECIDED: timedelta(days=3),
        ComplaintStatus.HANDLED: timedelta(days=1),
        ComplaintStatus.REPLIED: timedelta(days=3),
    }
)


@dataclass(frozen=True)
class Overdue:
    status: ComplaintStatus
    due_at: datetime
    overdue_by: timedelta


def overdue_steps(
    status: ComplaintStatus,
    step_started_at: datetime,
    deadlines: Mapping[ComplaintStatus, timedelta],
    now: datetime,
) -> Overdue | None:
    """The current step, if it has stayed past its deadline; None when on time or unbounded."""
    limit = deadlines.get(status)
    if status == ComplaintStatus.CLOSED or limit is None:
        return None
    due_at = step_started_at + limit
    if now <= due_at:
        return None
    return Overdue(status=status, due_at=due_at, overdue_by=now - due_at)


def investigation_overdue(status: ComplaintStatus, due_at: datetime, now: datetime) -> bool:
    """CMP-4: findings were due at `due_at` (working-day calendar) and are still missing."""
    return status == ComplaintStatus.REGISTERED and now > due_at
