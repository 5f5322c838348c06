"""Declines and forced dispatch (DISP-7)."""

import pytest

from dispatch.rules import (
    DesignerSnapshot,
    DispatchConfig,
    Refusal,
    Season,
    SizeClass,
    SkipReason,
    Tier,
    check_forced,
    next_after_decline,
    rank_candidates,
)

CONFIG = DispatchConfig()


def designer(designer_id: int, **overrides) -> DesignerSnapshot:
    fields = {
        "designer_id": designer_id,
        "name": f"D{designer_id}",
        "employee_no": str(100 + designer_id),
        "tier": Tier.DESIGNER,
    }
    return DesignerSnapshot(**(fields | overrides))


def ranked(*snapshots: DesignerSnapshot):
    return rank_candidates(snapshots, SizeClass.SMALL, Season.OFF, CONFIG)


ROTATION = ranked(designer(1), designer(2, week_count=1), designer(3, week_count=2))


@pytest.mark.parametrize(
    ("declined", "expected"),
    [([], 1), ([1], 2), ([1, 2], 3), ([2], 1), ([3, 1], 2)],
)
def test_disp7_decline_goes_to_next_in_rotation(declined, expected):
    choice = next_after_decline(ROTATION, declined)
    assert choice.designer.designer_id == expected
    assert choice.needs_force is False


def test_disp7_everyone_declined_needs_force():
    choice = next_after_decline(ROTATION, [1, 2, 3])
    assert choice.designer is None
    assert choice.needs_force is True
    assert choice.decision.reason == Refusal.ALL_DECLINED


def test_disp7_nobody_eligible_needs_force():
    choice = next_after_decline(ranked(designer(1, week_count=6)), [])
    assert choice.needs_force is True
    assert choice.decision.reason == Refusal.NOBODY_ELIGIBLE


@pytest.mark.parametrize("reason_text", ["", "   ", "\n\t"])
def test_disp7_force_needs_a_reason(reason_text):
    decision = check_forced(designer(1), reason_text)
    assert decision.allowed is False
    assert decision.reason == Refusal.FORCE_REASON_REQUIRED


def test_disp7_force_with_reason_ignores_caps():
    over_caps = designer(1, today_count=5, week_count=9, open_this_week=5)
    decision = check_forced(over_caps, "Customer asked for this designer by name")
    assert decision.allowed is True


def test_disp7_force_still_needs_an_active_designer():
    decision = check_forced(designer(1, active=False), "Urgent")
    assert decision.reason == SkipReason.INACTIVE
