from datetime import datetime, timedelta

import pytest

from complaints.rules import (
    DEFAULT_STEP_DEADLINES,
    ComplaintNumber,
    ComplaintStatus,
    FollowUpMethod,
    Overdue,
    SatisfactionRefusal,
    Severity,
    StepPolicy,
    StepRefusal,
    check_satisfaction,
    check_step,
    complaint_number,
    follow_up_method,
    investigation_overdue,
    next_step,
    overdue_steps,
    parse_complaint_number,
)

S = ComplaintStatus
CS = "CS_AGENT"
CM = "CUSTOMER_MANAGER"
DM = "DESIGN_MANAGER"
FD = "FRONT_DESK"


# ---------------------------------------------------------------- CMP-2 numbering


@pytest.mark.parametrize(
    ("year", "seq", "expected"),
    [
        (2026, 1, "TS2026-0001"),
        (2026, 42, "TS2026-0042"),
        (2026, 9999, "TS2026-9999"),
        (2026, 10000, "TS2026-10000"),
        (2027, 123456, "TS2027-123456"),
    ],
)
def test_cmp2_number_has_four_digits_at_least(year, seq, expected):
    assert complaint_number(year, seq) == expected
    assert parse_complaint_number(expected) == ComplaintNumber(year=year, seq=seq)


@pytest.mark.parametrize(("year", "seq"), [(2026, 0), (2026, -1), (26, 1), (20260, 1)])
def test_cmp2_number_refuses_bad_year_or_sequence(year, seq):
    with pytest.raises(ValueError):
        complaint_number(year, seq)


@pytest.mark.parametrize(
    "text",
    ["TS2026-001", "TS2026-00001", "XX2026-0001", "TS26-0001", "TS2026-0000", "TS2026_0001", ""],
)
def test_cmp2_parse_accepts_only_canonical_numbers(text):
    with pytest.raises(ValueError):
        parse_complaint_number(text)


def test_cmp2_parse_tolerates_surrounding_spaces():
    assert parse_complaint_number(" TS2026-0007 ") == ComplaintNumber(2026, 7)


# ---------------------------------------------------------------- CMP-7 steps


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (S.REGISTERED, S.INVESTIGATED),
        (S.INVESTIGATED, S.DECIDED),
        (S.DECIDED, S.HANDLED),
        (S.HANDLED, S.REPLIED),
        (S.REPLIED, S.CLOSED),
        (S.CLOSED, None),
    ],
)
def test_cmp7_each_status_has_one_next_step(current, expected):
    assert next_step(current) == expected


@pytest.mark.parametrize(
    ("current", "target", "roles", "allowed"),
    [
        (S.REGISTERED, S.INVESTIGATED, {CS}, True),
        (S.REGISTERED, S.INVESTIGATED, {CM}, True),
        (S.REGISTERED, S.INVESTIGATED, {FD}, False),
        (S.INVESTIGATED, S.DECIDED, {CM}, True),
        (S.INVESTIGATED, S.DECIDED, {CS}, False),
        (S.INVESTIGATED, S.DECIDED, {DM}, False),
        (S.DECIDED, S.HANDLED, {CM}, True),
        (S.DECIDED, S.HANDLED, {CS}, False),
        (S.HANDLED, S.REPLIED, {CS}, True),
        (S.HANDLED, S.REPLIED, {CM}, True),
        (S.HANDLED, S.REPLIED, {DM}, False),
        (S.REPLIED, S.CLOSED, {CM}, True),
        (S.REPLIED, S.CLOSED, {CS}, False),
        (S.REPLIED, S.CLOSED, {CS, CM}, True),
    ],
)
def test_cmp7_roles_allowed_per_step(current, target, roles, allowed):
    decision = check_step(current, target, roles, has_reply=True, has_follow_up=True)
    assert decision.allowed is allowed
    assert decision.reason == (None if allowed else StepRefusal.ROLE_NOT_ALLOWED)


def test_cmp7_responsible_department_staff_may_handle():
    decision = check_step(S.DECIDED, S.HANDLED, {DM}, False, in_responsible_department=True)
    assert decision.allowed is True


def test_cmp7_responsible_department_flag_does_not_open_other_steps():
    decision = check_step(S.INVESTIGATED, S.DECIDED, {DM}, False, in_responsible_department=True)
    assert decision.reason == StepRefusal.ROLE_NOT_ALLOWED


def test_cmp7_never_closed_without_a_reply():
    decision = check_step(S.REPLIED, S.CLOSED, {CM}, has_reply=False)
    assert (decision.allowed, decision.reason) == (False, StepRefusal.NO_REPLY)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (S.REGISTERED, S.DECIDED),
        (S.REGISTERED, S.CLOSED),
        (S.HANDLED, S.CLOSED),
        (S.DECIDED, S.INVESTIGATED),
        (S.REGISTERED, S.REGISTERED),
    ],
)
def test_cmp7_no_skipping_or_going_back(current, target):
    decision = check_step(current, target, {CM}, has_reply=True)
    assert (decision.allowed, decision.reason) == (False, StepRefusal.NOT_NEXT_STEP)


def test_cmp7_closed_complaint_takes_no_step():
    decision = check_step(S.CLOSED, S.REPLIED, {CM}, has_reply=True)
    assert decision.reason == StepRefusal.ALREADY_CLOSED


def test_cmp7_plain_string_statuses_work():
    assert check_step("REGISTERED", "INVESTIGATED", {"CS_AGENT"}, False).allowed is True


def test_cmp7_step_roles_are_configurable():
    policy = StepPolicy(roles={S.INVESTIGATED: frozenset({DM})})
    assert check_step(S.REGISTERED, S.INVESTIGATED, {DM}, False, policy=policy).allowed is True
    refused = check_step(S.REGISTERED, S.INVESTIGATED, {CS}, False, policy=policy)
    assert refused.reason == StepRefusal.ROLE_NOT_ALLOWED


# ---------------------------------------------------------------- CMP-6 follow-up


@pytest.mark.parametrize(
    ("severity", "method"),
    [(Severity.MINOR, FollowUpMethod.PHONE), (Severity.MAJOR, FollowUpMethod.ON_SITE)],
)
def test_cmp6_follow_up_by_severity(severity, method):
    assert follow_up_method(severity) == method


@pytest.mark.parametrize(
    ("score", "allowed"),
    [
        (1, True),
        (3, True),
        (5, True),
        (0, False),
        (6, False),
        (-1, False),
        (True, False),
        (2.5, False),
    ],
)
def test_cmp6_satisfaction_is_one_to_five(score, allowed):
    decision = check_satisfaction(score)
    assert decision.allowed is allowed
    assert decision.reason == (None if allowed else SatisfactionRefusal.OUT_OF_RANGE)


# ---------------------------------------------------------------- CMP-4 / CMP-5 escalation

T0 = datetime(2026, 3, 2, 9, 0)


@pytest.mark.parametrize(
    ("status", "now", "expected"),
    [
        (S.REGISTERED, datetime(2026, 3, 2, 17, 30), False),
        (S.REGISTERED, datetime(2026, 3, 2, 18, 0), False),
        (S.REGISTERED, datetime(2026, 3, 2, 18, 1), True),
        (S.INVESTIGATED, datetime(2026, 3, 3, 9, 0), False),
        (S.CLOSED, datetime(2026, 3, 9, 9, 0), False),
    ],
)
def test_cmp4_investigation_overdue_only_while_registered(status, now, expected):
    assert investigation_overdue(status, datetime(2026, 3, 2, 18, 0), now) is expected


@pytest.mark.parametrize(
    ("status", "now", "expected"),
    [
        (S.INVESTIGATED, T0 + timedelta(days=1), None),
        (
            S.INVESTIGATED,
            T0 + timedelta(days=1, hours=2),
            Overdue(S.INVESTIGATED, T0 + timedelta(days=1), timedelta(hours=2)),
        ),
        (S.DECIDED, T0 + timedelta(days=2), None),
        (
            S.DECIDED,
            T0 + timedelta(days=4),
            Overdue(S.DECIDED, T0 + timedelta(days=3), timedelta(days=1)),
        ),
        (S.REGISTERED, T0 + timedelta(days=30), None),
        (S.CLOSED, T0 + timedelta(days=30), None),
    ],
)
def test_cmp5_step_overdue_past_its_deadline(status, now, expected):
    assert overdue_steps(status, T0, DEFAULT_STEP_DEADLINES, now) == expected


def test_cmp5_step_deadlines_are_configurable():
    deadlines = {S.HANDLED: timedelta(hours=4)}
    late = overdue_steps(S.HANDLED, T0, deadlines, T0 + timedelta(hours=5))
    assert late == Overdue(S.HANDLED, T0 + timedelta(hours=4), timedelta(hours=1))
    assert overdue_steps(S.DECIDED, T0, deadlines, T0 + timedelta(days=99)) is None
