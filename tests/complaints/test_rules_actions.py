"""The actions a viewer may take, follow-up before closing, and import completeness (CMP-5..7)."""

from datetime import datetime, timedelta

import pytest

from complaints.rules import (
    DEFAULT_STEP_DEADLINES,
    Action,
    ComplaintStatus,
    Overdue,
    StepFacts,
    StepRefusal,
    available_actions,
    check_follow_up,
    check_step,
    current_overdue,
    missing_for_status,
    next_actor_roles,
    step_due_at,
)

S = ComplaintStatus
CS = "CS_AGENT"
CM = "CUSTOMER_MANAGER"
DM = "DESIGN_MANAGER"
GM = "GM"


def actions(status, roles, **facts):
    decisions = available_actions(StepFacts(status=status, actor_roles=frozenset(roles), **facts))
    return {action: decision.allowed for action, decision in decisions.items()}


# ---------------------------------------------------------------- CMP-7 the viewer's next action


@pytest.mark.parametrize(
    ("status", "roles", "expected"),
    [
        (S.REGISTERED, {CS}, {Action.INVESTIGATE: True}),
        (S.REGISTERED, {GM}, {Action.INVESTIGATE: False}),
        (S.INVESTIGATED, {CM}, {Action.DECIDE: True}),
        (S.INVESTIGATED, {CS}, {Action.DECIDE: False}),
        (S.DECIDED, {CM}, {Action.HANDLE: True}),
        (S.HANDLED, {CS}, {Action.REPLY: True}),
        (S.CLOSED, {CM}, {}),
    ],
)
def test_cmp7_available_actions_show_only_the_next_step(status, roles, expected):
    assert actions(status, roles) == expected


def test_cmp5_department_staff_see_the_handling_action():
    assert actions(S.DECIDED, {"ENGINEERING"}, in_responsible_department=True) == {
        Action.HANDLE: True
    }


def test_cmp6_replied_complaint_offers_follow_up_then_close():
    assert actions(S.REPLIED, {CM}, has_reply=True) == {
        Action.FOLLOW_UP: True,
        Action.CLOSE: False,
    }
    assert actions(S.REPLIED, {CM}, has_reply=True, has_follow_up=True)[Action.CLOSE] is True


def test_cmp6_close_refusal_names_the_missing_follow_up():
    decision = check_step(S.REPLIED, S.CLOSED, {CM}, has_reply=True, has_follow_up=False)
    assert (decision.allowed, decision.reason) == (False, StepRefusal.NO_FOLLOW_UP)


def test_cmp7_missing_reply_is_reported_before_missing_follow_up():
    decision = check_step(S.REPLIED, S.CLOSED, {CM}, has_reply=False, has_follow_up=False)
    assert decision.reason == StepRefusal.NO_REPLY


# ---------------------------------------------------------------- CMP-6 who records the follow-up


@pytest.mark.parametrize(
    ("status", "roles", "reason"),
    [
        (S.REPLIED, {CS}, None),
        (S.REPLIED, {CM}, None),
        (S.REPLIED, {DM}, StepRefusal.ROLE_NOT_ALLOWED),
        (S.HANDLED, {CS}, StepRefusal.NOT_REPLIED_YET),
        (S.REGISTERED, {CM}, StepRefusal.NOT_REPLIED_YET),
        (S.CLOSED, {CM}, StepRefusal.ALREADY_CLOSED),
    ],
)
def test_cmp6_follow_up_only_after_the_reply_by_customer_service(status, roles, reason):
    decision = check_follow_up(status, roles)
    assert decision.allowed is (reason is None)
    assert decision.reason == reason


# ---------------------------------------------------------------- CMP-5 who is told to act next


@pytest.mark.parametrize(
    ("status", "roles"),
    [
        (S.REGISTERED, {CS, CM}),
        (S.INVESTIGATED, {CM}),
        (S.DECIDED, {CM}),
        (S.HANDLED, {CS, CM}),
        (S.REPLIED, {CS, CM}),
        (S.CLOSED, set()),
    ],
)
def test_cmp5_next_actor_roles_follow_the_step_policy(status, roles):
    assert next_actor_roles(status) == frozenset(roles)


# ---------------------------------------------------------------- CMP-7 historical records


@pytest.mark.parametrize(
    ("status", "filled", "missing"),
    [
        (S.REGISTERED, set(), []),
        (S.INVESTIGATED, set(), ["findings"]),
        (S.DECIDED, {"findings"}, ["handling_method", "responsible_department"]),
        (
            S.CLOSED,
            {"findings", "handling_method", "responsible_department", "handling_record"},
            ["reply_text"],
        ),
        (
            S.CLOSED,
            {
                "findings",
                "handling_method",
                "responsible_department",
                "handling_record",
                "reply_text",
            },
            [],
        ),
    ],
)
def test_cmp7_imported_complaint_carries_every_step_of_its_status(status, filled, missing):
    assert missing_for_status(status, filled) == missing


# ---------------------------------------------------------------- CMP-4/5 the current deadline

T0 = datetime(2026, 3, 2, 10, 0)
DUE = datetime(2026, 3, 2, 18, 0)


def test_cmp4_registered_complaint_is_late_after_its_working_day_due_time():
    late = current_overdue(
        S.REGISTERED,
        step_started_at=T0,
        investigation_due_at=DUE,
        deadlines=DEFAULT_STEP_DEADLINES,
        now=DUE + timedelta(minutes=1),
    )
    assert late == Overdue(S.REGISTERED, DUE, timedelta(minutes=1))


def test_cmp4_registered_complaint_on_time_until_due():
    assert (
        current_overdue(
            S.REGISTERED,
            step_started_at=T0,
            investigation_due_at=DUE,
            deadlines=DEFAULT_STEP_DEADLINES,
            now=DUE,
        )
        is None
    )


def test_cmp5_later_steps_use_the_step_deadlines():
    late = current_overdue(
        S.DECIDED,
        step_started_at=T0,
        investigation_due_at=DUE,
        deadlines={S.DECIDED: timedelta(hours=2)},
        now=T0 + timedelta(hours=3),
    )
    assert late == Overdue(S.DECIDED, T0 + timedelta(hours=2), timedelta(hours=1))


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (S.REGISTERED, DUE),
        (S.INVESTIGATED, T0 + timedelta(days=1)),
        (S.REPLIED, T0 + timedelta(days=3)),
        (S.CLOSED, None),
    ],
)
def test_cmp5_step_due_at(status, expected):
    due = step_due_at(
        status, step_started_at=T0, investigation_due_at=DUE, deadlines=DEFAULT_STEP_DEADLINES
    )
    assert due == expected


def test_cmp6_follow_up_is_recorded_once():
    decision = check_follow_up(S.REPLIED, {CS}, has_follow_up=True)
    assert (decision.allowed, decision.reason) == (False, StepRefusal.ALREADY_FOLLOWED_UP)


def test_cmp6_recorded_follow_up_leaves_only_closing():
    assert actions(S.REPLIED, {CM}, has_reply=True, has_follow_up=True) == {Action.CLOSE: True}
