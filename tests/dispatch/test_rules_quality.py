"""The quality gate as pure rules (QG-1..3): no database, dates as arguments."""

from datetime import date, timedelta
from decimal import Decimal

from dispatch.rules import (
    DesignerSnapshot,
    DispatchConfig,
    Refusal,
    Season,
    SizeClass,
    SkipReason,
    Tier,
    check_override,
    choose_designer,
    next_after_decline,
    rank_candidates,
    reported_skips,
)
from dispatch.rules.quality import (
    HoldCode,
    QualityFacts,
    QualityPolicy,
    evaluate_designer,
    holds_by_tier,
    tier_conversions,
    window_start,
)

TODAY = date(2026, 7, 15)
POLICY = QualityPolicy()  # 90 days; 1 complaint; < 3.0 over >= 3; < 50% of tier over >= 5; 30 days
CONFIG = DispatchConfig()


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def verdict(facts: QualityFacts, tier_average: float | None = 50.0, **kwargs):
    return evaluate_designer(facts, today=TODAY, policy=POLICY, tier_average=tier_average, **kwargs)


def designer(designer_id: int, **overrides) -> DesignerSnapshot:
    fields = {
        "designer_id": designer_id,
        "name": f"D{designer_id}",
        "employee_no": str(100 + designer_id),
        "tier": Tier.DESIGNER,
    }
    return DesignerSnapshot(**(fields | overrides))


def held(designer_id: int, **overrides) -> DesignerSnapshot:
    hold = {"hold_id": 9, "hold_until": date(2026, 8, 1), "hold_reason": "Low conversion"}
    return designer(designer_id, **(hold | overrides))


def rank(snapshots, declined=()):
    return rank_candidates(snapshots, SizeClass.SMALL, Season.OFF, CONFIG, declined)


# --- QG-1: when a hold starts -------------------------------------------------------------------


def test_qg1_a_complaint_decided_with_the_designer_responsible_starts_a_hold():
    result = verdict(QualityFacts(complaints=((days_ago(3), "TS2026-0007"),)))
    assert result.hold
    assert result.code == HoldCode.COMPLAINT
    assert "TS2026-0007" in result.reason


def test_qg1_hold_runs_the_policy_length_from_today_inclusive():
    result = verdict(QualityFacts(complaints=((days_ago(3), "TS2026-0007"),)))
    assert (result.starts, result.ends) == (TODAY, TODAY + timedelta(days=29))


def test_qg1_a_complaint_outside_the_window_does_not_count():
    assert not verdict(QualityFacts(complaints=((days_ago(90), "TS2026-0001"),))).hold
    assert verdict(QualityFacts(complaints=((days_ago(89), "TS2026-0001"),))).hold


def test_qg1_low_average_satisfaction_over_enough_scores_starts_a_hold():
    scores = ((days_ago(1), 2), (days_ago(2), 3), (days_ago(3), 3))  # 2.7 < 3.0
    result = verdict(QualityFacts(scores=scores))
    assert result.code == HoldCode.SATISFACTION
    assert result.reason == "Average satisfaction 2.7 of 5 over 3 scores (below 3.0)"


def test_qg1_satisfaction_needs_the_minimum_number_of_scores():
    assert not verdict(QualityFacts(scores=((days_ago(1), 1), (days_ago(2), 1)))).hold


def test_qg1_average_at_the_threshold_is_no_hold():
    assert not verdict(QualityFacts(scores=((days_ago(1), 3),) * 3)).hold


def test_qg1_conversion_far_below_the_tier_starts_a_hold():
    measured = ((days_ago(5), True),) + ((days_ago(5), False),) * 5  # 16.7% vs tier 50%
    result = verdict(QualityFacts(measured=measured), tier_average=50.0)
    assert result.code == HoldCode.CONVERSION
    assert "16.7%" in result.reason and "50.0%" in result.reason


def test_qg1_conversion_at_half_the_tier_average_is_no_hold():
    measured = ((days_ago(5), True),) * 2 + ((days_ago(5), False),) * 6  # 25% = 50% of 50%
    assert not verdict(QualityFacts(measured=measured), tier_average=50.0).hold


def test_qg1_conversion_needs_the_minimum_measured():
    assert not verdict(QualityFacts(measured=((days_ago(5), False),) * 4)).hold


def test_qg1_conversion_without_a_tier_average_is_no_hold():
    assert not verdict(QualityFacts(measured=((days_ago(5), False),) * 6), tier_average=0).hold


def test_qg1_several_triggers_name_every_reason_and_the_first_code():
    facts = QualityFacts(complaints=((days_ago(1), "TS2026-0002"),), scores=((days_ago(1), 1),) * 3)
    result = verdict(facts)
    assert result.code == HoldCode.COMPLAINT
    assert "TS2026-0002" in result.reason and "satisfaction 1.0" in result.reason


def test_qg1_no_second_hold_while_one_is_in_force():
    assert not verdict(QualityFacts(complaints=((days_ago(1), "X"),)), held_today=True).hold


def test_qg1_facts_an_earlier_hold_judged_never_count_again():
    facts = QualityFacts(complaints=((days_ago(10), "TS2026-0003"),))
    assert not verdict(facts, last_hold_start=days_ago(5)).hold
    assert verdict(facts, last_hold_start=days_ago(20)).hold


def test_qg1_window_start_is_the_later_of_the_window_and_the_last_hold():
    assert window_start(TODAY, POLICY) == days_ago(89)
    assert window_start(TODAY, POLICY, last_hold_start=days_ago(200)) == days_ago(89)
    assert window_start(TODAY, POLICY, last_hold_start=days_ago(3)) == days_ago(2)


def test_qg1_thresholds_come_from_the_policy():
    strict = QualityPolicy(satisfaction_below=Decimal("4.0"), hold_days=7)
    result = evaluate_designer(
        QualityFacts(scores=((days_ago(1), 3),) * 3), today=TODAY, policy=strict, tier_average=None
    )
    assert result.hold and result.ends == TODAY + timedelta(days=6)


def test_qg1_tier_average_pools_every_designer_of_the_tier():
    facts = {
        1: QualityFacts(measured=((TODAY, True),) * 3 + ((TODAY, False),)),
        2: QualityFacts(measured=((TODAY, False),) * 4),
        3: QualityFacts(measured=((TODAY, True),)),
    }
    averages = tier_conversions(facts, {1: "DESIGNER", 2: "DESIGNER", 3: "CHIEF", 4: None})
    assert averages == {"DESIGNER": 37.5, "CHIEF": 100.0}


# --- QG-1 in rotation: the QUALITY_HOLD skip reason ---------------------------------------------


def test_qg1_a_held_designer_is_skipped_with_the_hold_and_its_end():
    ranking = rank([held(1), designer(2, week_count=3)])
    assert [s.designer_id for s in ranking.eligible] == [2]
    decision = ranking.skip_decision(1)
    assert decision.reason == SkipReason.QUALITY_HOLD
    assert str(decision.message) == "Quality hold until 2026-08-01: Low conversion"


def test_qg1_the_hold_is_recorded_like_the_other_skip_reasons():
    ranking = rank([held(1), designer(2)])
    assert reported_skips(ranking, receiver_id=2) == [(1, SkipReason.QUALITY_HOLD)]


def test_qg1_caps_and_declines_are_reported_before_the_hold():
    ranking = rank([held(1, today_count=2), held(2)], declined=[2])
    assert ranking.skip_decision(1).reason == SkipReason.DAY_CAP
    assert ranking.skip_decision(2).reason == SkipReason.DECLINED


def test_qg1_a_held_preferred_designer_is_not_honoured():
    choice = choose_designer(rank([held(1), designer(2)]), preferred_id=1)
    assert choice.designer.designer_id == 2
    assert choice.preference.reason == SkipReason.QUALITY_HOLD


def test_qg1_next_after_decline_passes_over_a_held_designer():
    choice = next_after_decline(rank([held(1), designer(2), designer(3)], declined=[2]), [2])
    assert choice.designer.designer_id == 3


def test_qg1_only_held_designers_left_says_choose_one_with_a_reason():
    choice = choose_designer(rank([held(1)]))
    assert choice.needs_force
    assert choice.decision.reason == Refusal.ONLY_HELD


# --- QG-2: the customer manager may still choose a held designer, with a reason -----------------


def test_qg2_choosing_a_held_designer_needs_a_reason():
    ranking = rank([held(1), designer(2)])
    assert check_override(ranking, 1, "  ").reason == Refusal.OVERRIDE_REASON_REQUIRED
    assert check_override(ranking, 1, "Customer asked for her").allowed


def test_qg2_a_reason_does_not_override_caps():
    ranking = rank([held(1, today_count=2), designer(2)])
    assert check_override(ranking, 1, "Customer asked").reason == SkipReason.DAY_CAP


def test_qg2_an_eligible_designer_needs_no_reason():
    assert check_override(rank([designer(1), designer(2)]), 2, "").allowed


# --- QG-3: holds counted per tier ----------------------------------------------------------------


def test_qg3_holds_are_summed_per_tier():
    rows = [("DESIGNER", 1), ("DESIGNER", 2), ("CHIEF", 0)]
    assert holds_by_tier(rows) == {"DESIGNER": 3, "CHIEF": 0}
