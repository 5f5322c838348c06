"""ATT-4 leave notice and filing, ATT-5 the approval chain, ATT-6 business outings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from core.decisions import Decision


class LeaveType(StrEnum):
    SICK = "SICK"
    PERSONAL = "PERSONAL"
    SPECIAL_PERSONAL = "SPECIAL_PERSONAL"


PERSONAL_KINDS = frozenset({LeaveType.PERSONAL, LeaveType.SPECIAL_PERSONAL})


class LeaveReason(StrEnum):
    OK = "OK"
    LATE_NOTICE = "LATE_NOTICE"
    NOT_OWN_REQUEST = "NOT_OWN_REQUEST"
    OWN_LEAVE = "OWN_LEAVE"
    NOT_IN_CHAIN = "NOT_IN_CHAIN"
    ALREADY_APPROVED = "ALREADY_APPROVED"
    SKIPS_LEVEL = "SKIPS_LEVEL"
    OUTING_NOT_APPROVED = "OUTING_NOT_APPROVED"


OK = Decision.allow(LeaveReason.OK)


@dataclass(frozen=True)
class NoticeDecision(Decision):
    """ATT-4's answer; `needs_manager_approval` marks a late request (not refused outright)."""

    needs_manager_approval: bool = False


ON_TIME = NoticeDecision.allow(LeaveReason.OK)


@dataclass(frozen=True)
class LeaveConfig:
    """DOMAIN defaults for ATT-4/ATT-5; every field is a setting managers may change."""

    personal_notice: timedelta = timedelta(days=1)
    special_personal_notice: timedelta = timedelta(hours=1)
    # (up to this many days, this many approval levels), ascending; longer leave gets max_levels.
    level_limits: tuple[tuple[Decimal, int], ...] = ((Decimal(1), 1), (Decimal(3), 2))
    max_levels: int = 3


def leave_days(workdays: int, half_day: bool) -> Decimal:
    """ATT-4/5: a leave's length in working days (holidays excluded); a half day is 0.5."""
    return Decimal(workdays) / 2 if half_day else Decimal(workdays)


def required_notice(leave_type: LeaveType, config: LeaveConfig = LeaveConfig()) -> timedelta:
    """How far ahead a request must be made; sick leave needs none."""
    if leave_type == LeaveType.PERSONAL:
        return config.personal_notice
    if leave_type == LeaveType.SPECIAL_PERSONAL:
        return config.special_personal_notice
    return timedelta(0)


def notice_ok(
    leave_type: LeaveType,
    requested_at: datetime,
    leave_start: datetime,
    config: LeaveConfig = LeaveConfig(),
) -> NoticeDecision:
    """ATT-4: was the request early enough? `leave_start` is the shift start the leave covers.

    A late request is not refused outright: it goes ahead only with a manager's approval, and
    without it the day counts as absenteeism (旷工) — hence `needs_manager_approval`.
    """
    notice = required_notice(leave_type, config)
    # No notice required (sick leave): fine even when filed after the shift began.
    if not notice or leave_start - requested_at >= notice:
        return ON_TIME
    return NoticeDecision.deny(
        LeaveReason.LATE_NOTICE,
        _("Requested too late: a manager must approve it, or the day counts as absence."),
        needs_manager_approval=True,
    )


def may_file(leave_type: LeaveType, filer_id: int, employee_id: int) -> Decision:
    """ATT-5: personal leave is requested by the employee; sick leave may be filed by anyone."""
    if leave_type in PERSONAL_KINDS and filer_id != employee_id:
        return Decision.deny(
            LeaveReason.NOT_OWN_REQUEST, _("Personal leave can only be requested by the employee.")
        )
    return OK


def approval_chain(
    employee_id: int, supervisors: Mapping[int, int | None], levels: int
) -> list[int]:
    """ATT-5: the first `levels` supervisors above the employee, stopping at the top.

    A cycle in the supervisor data stops the walk rather than repeating anyone.
    """
    if levels < 0:
        raise ValueError("levels must not be negative")
    chain: list[int] = []
    current = supervisors.get(employee_id)
    while current is not None and len(chain) < levels:
        if current == employee_id or current in chain:
            break
        chain.append(current)
        current = supervisors.get(current)
    return chain


def levels_for(days: Decimal, config: LeaveConfig = LeaveConfig()) -> int:
    """How many supervisor levels must approve a leave of `days` (half days allowed)."""
    if days <= 0:
        raise ValueError("A leave lasts more than zero days.")
    for limit, levels in config.level_limits:
        if days <= limit:
            return levels
    return config.max_levels


def next_approver(chain: Sequence[int], approvals_so_far: Sequence[int]) -> int | None:
    """Whose turn it is: the first level not yet approved; None once the chain is complete."""
    for approver in chain:
        if approver not in approvals_so_far:
            return approver
    return None


def is_fully_approved(chain: Sequence[int], approvals_so_far: Sequence[int]) -> bool:
    """Every level has approved. An empty chain (the top of the firm) is never complete here:
    the service decides who approves for someone with no supervisor."""
    return bool(chain) and next_approver(chain, approvals_so_far) is None


def _refuse(reason: LeaveReason, message: str) -> Decision:
    return Decision.deny(reason, message)


def can_approve(
    chain: Sequence[int], approvals_so_far: Sequence[int], approver_id: int, employee_id: int
) -> Decision:
    """ATT-5: level by level — nobody approves their own leave, skips a level or approves twice."""
    if approver_id == employee_id:
        return _refuse(LeaveReason.OWN_LEAVE, _("Nobody may approve their own leave."))
    if approver_id in approvals_so_far:
        return _refuse(LeaveReason.ALREADY_APPROVED, _("You have already approved this leave."))
    if approver_id not in chain:
        return _refuse(LeaveReason.NOT_IN_CHAIN, _("You are not in this leave's approval chain."))
    if approver_id != next_approver(chain, approvals_so_far):
        return _refuse(LeaveReason.SKIPS_LEVEL, _("A lower level must approve first."))
    return OK


def outing_allowed(approved: bool) -> Decision:
    """ATT-6: a business outing needs the supervisor's approval before the register entry."""
    if approved:
        return OK
    return _refuse(
        LeaveReason.OUTING_NOT_APPROVED, _("The supervisor has not approved this outing.")
    )
