"""Fair rotation and preferred designers (DISP-5, DISP-6)."""

from datetime import datetime

import pytest

from dispatch.rules import (
    ALLOWED,
    DesignerSnapshot,
    DispatchConfig,
    Refusal,
    Season,
    SizeClass,
    SkipReason,
    Tier,
    check_chosen,
    choose_designer,
    rank_candidates,
)

CONFIG = DispatchConfig()
EARLY = datetime(2025, 6, 2, 9, 0)
LATE = datetime(2025, 6, 3, 15, 0)


def designer(designer_id: int, **overrides) -> DesignerSnapshot:
    fields = {
        "designer_id": designer_id,
        "name": f"D{designer_id}",
        "employee_no": str(100 + designer_id),
        "tier": Tier.DESIGNER,
    }
    return DesignerSnapshot(**(fields | overrides))


def order(snapshots: list[DesignerSnapshot]) -> list[int]:
    ranking = rank_candidates(snapshots, SizeClass.SMALL, Season.OFF, CONFIG)
    return [s.designer_id for s in ranking.eligible]


def test_disp5_fewest_dispatches_this_week_first():
    snapshots = [designer(1, week_count=3), designer(2, week_count=1), designer(3, week_count=2)]
    assert order(snapshots) == [2, 3, 1]


def test_disp5_tie_on_week_count_longest_since_last_dispatch_first():
    snapshots = [
        designer(1, week_count=1, last_dispatch_at=LATE),
        designer(2, week_count=1, last_dispatch_at=EARLY),
    ]
    assert order(snapshots) == [2, 1]


def test_disp5_never_dispatched_counts_as_longest_wait():
    snapshots = [designer(1, last_dispatch_at=EARLY), designer(2, last_dispatch_at=None)]
    assert order(snapshots) == [2, 1]


def test_disp5_week_count_beats_waiting_time():
    snapshots = [
        designer(1, week_count=2, last_dispatch_at=None),
        designer(2, week_count=1, last_dispatch_at=LATE),
    ]
    assert order(snapshots) == [2, 1]


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        (["103", "101", "102"], [2, 3, 1]),
        (["10", "9"], [2, 1]),  # numeric, not "10" < "9" as text
        (["0042", "7"], [2, 1]),  # leading zeros do not matter
        (["A7", "12"], [2, 1]),  # all-digit numbers before others
        (["B2", "A9"], [2, 1]),  # non-numeric ones compare as text
    ],
)
def test_disp5_last_tie_break_lowest_employee_number(numbers, expected):
    snapshots = [
        designer(i + 1, employee_no=no, last_dispatch_at=EARLY) for i, no in enumerate(numbers)
    ]
    assert order(snapshots) == expected


def test_disp5_on_leave_designer_is_skipped_with_reason():
    ranking = rank_candidates(
        [designer(1, on_leave=True), designer(2, week_count=5)],
        SizeClass.SMALL,
        Season.OFF,
        CONFIG,
    )
    assert [s.designer_id for s in ranking.eligible] == [2]
    assert [(s.designer_id, d.reason) for s, d in ranking.skipped] == [(1, SkipReason.ON_LEAVE)]


def test_disp5_skipped_list_gives_each_reason():
    snapshots = [
        designer(1, tier=Tier.CHIEF),
        designer(2, today_count=2, week_count=2),
        designer(3, week_count=6),
        designer(4, week_count=2, open_this_week=2),
        designer(5, active=False),
        designer(6),
    ]
    ranking = rank_candidates(snapshots, SizeClass.SMALL, Season.OFF, CONFIG)
    assert [s.designer_id for s in ranking.eligible] == [6]
    assert [(s.designer_id, d.reason) for s, d in ranking.skipped] == [
        (1, SkipReason.WRONG_TIER),
        (2, SkipReason.DAY_CAP),
        (3, SkipReason.WEEK_CAP),
        (4, SkipReason.SEASON_CAP),
        (5, SkipReason.INACTIVE),
    ]


def ranked(*snapshots: DesignerSnapshot):
    return rank_candidates(snapshots, SizeClass.SMALL, Season.OFF, CONFIG)


def test_disp6_no_preference_takes_first_in_rotation():
    choice = choose_designer(ranked(designer(1, week_count=2), designer(2)))
    assert choice.designer.designer_id == 2
    assert choice.preference is None
    assert choice.needs_force is False


def test_disp6_eligible_preferred_designer_is_honoured():
    choice = choose_designer(ranked(designer(1, week_count=2), designer(2)), preferred_id=1)
    assert choice.designer.designer_id == 1
    assert choice.preference == ALLOWED


@pytest.mark.parametrize(
    ("preferred", "reason"),
    [
        (designer(1, week_count=6), SkipReason.WEEK_CAP),
        (designer(1, today_count=2, week_count=2), SkipReason.DAY_CAP),
        (designer(1, on_leave=True), SkipReason.ON_LEAVE),
        (designer(1, tier=Tier.DIRECTOR), SkipReason.WRONG_TIER),
    ],
)
def test_disp6_ineligible_preference_falls_back_with_its_reason(preferred, reason):
    choice = choose_designer(ranked(preferred, designer(2)), preferred_id=1)
    assert choice.designer.designer_id == 2
    assert choice.preference.allowed is False
    assert choice.preference.reason == reason


def test_disp6_unknown_preferred_designer_falls_back():
    choice = choose_designer(ranked(designer(2)), preferred_id=99)
    assert choice.designer.designer_id == 2
    assert choice.preference.reason == Refusal.UNKNOWN_DESIGNER


def test_disp6_refused_preference_and_nobody_eligible_needs_force():
    choice = choose_designer(ranked(designer(1, on_leave=True)), preferred_id=1)
    assert choice.designer is None
    assert choice.needs_force is True
    assert choice.decision.reason == Refusal.NOBODY_ELIGIBLE
    assert choice.preference.reason == SkipReason.ON_LEAVE


@pytest.mark.parametrize(
    ("designer_id", "allowed", "reason"),
    [(1, True, None), (2, False, SkipReason.DAY_CAP), (99, False, Refusal.UNKNOWN_DESIGNER)],
)
def test_disp6_manager_choice_checked_within_rules(designer_id, allowed, reason):
    ranking = ranked(designer(1, week_count=3), designer(2, today_count=2, week_count=2))
    decision = check_chosen(ranking, designer_id)
    assert (decision.allowed, decision.reason) == (allowed, reason)


def test_rpt2_reported_skips_are_the_tiers_designers_passed_over_with_their_reason():
    from dispatch.rules import reported_skips

    snapshots = [
        designer(1),
        designer(2, on_leave=True),
        designer(3, today_count=2),
        designer(4, week_count=6),
        designer(5, open_this_week=2),
        designer(6),
        designer(7, tier=Tier.CHIEF),
        designer(8, active=False),
    ]
    ranking = rank_candidates(snapshots, SizeClass.SMALL, Season.OFF, CONFIG, declined_ids=[6])
    assert reported_skips(ranking, receiver_id=1) == [
        (2, SkipReason.ON_LEAVE),
        (3, SkipReason.DAY_CAP),
        (4, SkipReason.WEEK_CAP),
        (5, SkipReason.SEASON_CAP),
        (6, SkipReason.DECLINED),
    ]
    # A forced receiver is not a skip of its own dispatch.
    assert (3, SkipReason.DAY_CAP) not in reported_skips(ranking, receiver_id=3)
