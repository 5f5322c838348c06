"""ATT-4 leave notice, ATT-5 filing and the approval chain, ATT-6 outings."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from attendance.rules.leave import (
    LeaveConfig,
    LeaveReason,
    LeaveType,
    approval_chain,
    can_approve,
    is_fully_approved,
    leave_days,
    levels_for,
    may_file,
    next_approver,
    notice_ok,
    outing_allowed,
)

SHIFT_START = datetime(2025, 10, 13, 9, 0)

# 1 clerk -> 2 team lead -> 3 department manager -> 4 GM (top)
SUPERVISORS: dict[int, int | None] = {1: 2, 2: 3, 3: 4, 4: None}


@pytest.mark.parametrize(
    ("leave_type", "ahead", "allowed"),
    [
        (LeaveType.PERSONAL, timedelta(days=2), True),
        (LeaveType.PERSONAL, timedelta(hours=24), True),
        (LeaveType.PERSONAL, timedelta(hours=23, minutes=59), False),
        (LeaveType.SPECIAL_PERSONAL, timedelta(hours=1), True),
        (LeaveType.SPECIAL_PERSONAL, timedelta(minutes=59), False),
        (LeaveType.SICK, timedelta(0), True),
        (LeaveType.SICK, timedelta(hours=-3), True),  # filed after the shift began
    ],
)
def test_att4_notice_periods(leave_type: LeaveType, ahead: timedelta, allowed: bool) -> None:
    decision = notice_ok(leave_type, SHIFT_START - ahead, SHIFT_START)
    assert decision.allowed is allowed
    assert decision.reason == (LeaveReason.OK if allowed else LeaveReason.LATE_NOTICE)


def test_att4_late_request_needs_manager_approval() -> None:
    decision = notice_ok(LeaveType.PERSONAL, SHIFT_START - timedelta(hours=3), SHIFT_START)
    assert (decision.allowed, decision.needs_manager_approval) == (False, True)


def test_att4_timely_request_needs_no_manager() -> None:
    decision = notice_ok(LeaveType.PERSONAL, SHIFT_START - timedelta(days=3), SHIFT_START)
    assert decision.needs_manager_approval is False


def test_att4_notice_periods_are_configurable() -> None:
    config = LeaveConfig(personal_notice=timedelta(days=3))
    decision = notice_ok(LeaveType.PERSONAL, SHIFT_START - timedelta(days=2), SHIFT_START, config)
    assert decision.reason == LeaveReason.LATE_NOTICE


@pytest.mark.parametrize(
    ("leave_type", "filer", "allowed", "reason"),
    [
        (LeaveType.PERSONAL, 1, True, LeaveReason.OK),
        (LeaveType.PERSONAL, 2, False, LeaveReason.NOT_OWN_REQUEST),
        (LeaveType.SPECIAL_PERSONAL, 2, False, LeaveReason.NOT_OWN_REQUEST),
        (LeaveType.SICK, 2, True, LeaveReason.OK),
        (LeaveType.SICK, 1, True, LeaveReason.OK),
    ],
)
def test_att5_who_may_file(
    leave_type: LeaveType, filer: int, allowed: bool, reason: LeaveReason
) -> None:
    decision = may_file(leave_type, filer_id=filer, employee_id=1)
    assert (decision.allowed, decision.reason) == (allowed, reason)


@pytest.mark.parametrize(
    ("employee", "levels", "chain"),
    [
        (1, 1, [2]),
        (1, 2, [2, 3]),
        (1, 3, [2, 3, 4]),
        (1, 5, [2, 3, 4]),  # stops at the top
        (3, 3, [4]),
        (4, 2, []),  # the GM has nobody above
        (1, 0, []),
        (99, 2, []),  # unknown employee
    ],
)
def test_att5_approval_chain_walks_up(employee: int, levels: int, chain: list[int]) -> None:
    assert approval_chain(employee, SUPERVISORS, levels) == chain


def test_att5_approval_chain_survives_a_cycle() -> None:
    assert approval_chain(1, {1: 2, 2: 3, 3: 2}, 5) == [2, 3]
    assert approval_chain(1, {1: 2, 2: 1}, 5) == [2]


def test_att5_approval_chain_rejects_negative_levels() -> None:
    with pytest.raises(ValueError, match="negative"):
        approval_chain(1, SUPERVISORS, -1)


@pytest.mark.parametrize(
    ("days", "levels"),
    [("0.5", 1), ("1", 1), ("1.5", 2), ("3", 2), ("3.5", 3), ("10", 3)],
)
def test_att5_levels_by_length(days: str, levels: int) -> None:
    assert levels_for(Decimal(days)) == levels


def test_att5_levels_are_configurable() -> None:
    config = LeaveConfig(level_limits=((Decimal(2), 1),), max_levels=2)
    assert (levels_for(Decimal(2), config), levels_for(Decimal(3), config)) == (1, 2)


def test_att5_levels_reject_zero_days() -> None:
    with pytest.raises(ValueError, match="zero days"):
        levels_for(Decimal(0))


def test_att5_next_approver_goes_level_by_level() -> None:
    chain = [2, 3, 4]
    assert [next_approver(chain, chain[:n]) for n in range(4)] == [2, 3, 4, None]


def test_att5_fully_approved_only_when_every_level_approved() -> None:
    assert is_fully_approved([2, 3], [2]) is False
    assert is_fully_approved([2, 3], [2, 3]) is True
    assert is_fully_approved([], []) is False


@pytest.mark.parametrize(
    ("approvals", "approver", "employee", "allowed", "reason"),
    [
        ([], 2, 1, True, LeaveReason.OK),
        ([2], 3, 1, True, LeaveReason.OK),
        ([], 3, 1, False, LeaveReason.SKIPS_LEVEL),
        ([2], 2, 1, False, LeaveReason.ALREADY_APPROVED),
        ([], 9, 1, False, LeaveReason.NOT_IN_CHAIN),
        ([2, 3], 4, 1, False, LeaveReason.NOT_IN_CHAIN),  # chain already complete
        ([], 1, 1, False, LeaveReason.OWN_LEAVE),
    ],
)
def test_att5_can_approve(
    approvals: list[int], approver: int, employee: int, allowed: bool, reason: LeaveReason
) -> None:
    decision = can_approve([2, 3], approvals, approver_id=approver, employee_id=employee)
    assert (decision.allowed, decision.reason) == (allowed, reason)


def test_att5_own_leave_refused_even_if_in_chain() -> None:
    # Bad data where the employee appears in their own chain must not let them approve.
    decision = can_approve([2, 3], [], approver_id=2, employee_id=2)
    assert decision.reason == LeaveReason.OWN_LEAVE


@pytest.mark.parametrize(
    ("approved", "allowed", "reason"),
    [(True, True, LeaveReason.OK), (False, False, LeaveReason.OUTING_NOT_APPROVED)],
)
def test_att6_outing_needs_supervisor_approval(
    approved: bool, allowed: bool, reason: LeaveReason
) -> None:
    decision = outing_allowed(approved)
    assert (decision.allowed, decision.reason) == (allowed, reason)


@pytest.mark.parametrize(
    ("workdays", "half", "days"),
    [(1, False, Decimal(1)), (1, True, Decimal("0.5")), (3, False, Decimal(3)), (0, False, 0)],
)
def test_att4_leave_days_count_working_days_and_half_days(workdays, half, days) -> None:
    assert leave_days(workdays, half) == days
