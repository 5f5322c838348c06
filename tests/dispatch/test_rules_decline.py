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
    choose_designer,
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


def test_disp7_declined_designer_skipped_only_when_otherwise_eligible():
    ranking = rank_candidates(
        [designer(1), designer(2, today_count=2)],
        SizeClass.SMALL,
        Season.OFF,
        CONFIG,
        declined_ids=[1, 2],
    )
    assert ranking.eligible == ()
    assert ranking.skip_decision(1).reason == SkipReason.DECLINED
    assert ranking.skip_decision(2).reason == SkipReason.DAY_CAP


def test_disp7_everyone_who_could_declined_says_so():
    ranking = rank_candidates(
        [designer(1), designer(2, tier=Tier.CHIEF)], SizeClass.SMALL, Season.OFF, CONFIG, [1]
    )
    choice = choose_designer(ranking)
    assert choice.needs_force is True
    assert choice.decision.reason == Refusal.ALL_DECLINED


def test_disp7_force_refused_while_someone_can_take_the_lead():
    ranking = ranked(designer(1), designer(2, today_count=2))
    decision = check_forced(designer(2, today_count=2), "客户要求", ranking)
    assert decision.reason == Refusal.SOMEONE_ELIGIBLE
    assert check_forced(designer(2), "客户要求", ranked(designer(2, today_count=2))).allowed


def test_disp1_designer_without_a_tier_is_skipped():
    ranking = ranked(designer(1, tier=None))
    assert ranking.skip_decision(1).reason == SkipReason.WRONG_TIER
