"""FD-7 anomaly rules and FD-9 talk prompt on crafted windows: each fires just past its
threshold and not at it."""

from datetime import date
from decimal import Decimal

import pytest

from frontdesk.rules.quality import (
    AnomalyKind,
    Falling,
    QualityConfig,
    WindowStats,
    answered_in_time,
    describe,
    detect_anomalies,
    talk_prompt,
    windows,
)

CONFIG = QualityConfig()


def recent(**counts) -> WindowStats:
    return WindowStats(days=7, **counts)


def baseline(**counts) -> WindowStats:
    return WindowStats(days=28, **counts)


def kinds(r: WindowStats, b: WindowStats, config: QualityConfig = CONFIG) -> list[str]:
    return [anomaly.kind for anomaly in detect_anomalies(r, b, config)]


def test_fd7_three_rings_is_fifteen_seconds_by_default_and_configurable():
    assert answered_in_time(15) is True
    assert answered_in_time(16) is False
    assert answered_in_time(12, QualityConfig(ring_seconds_limit=10)) is False


def test_fd7_windows_are_the_last_7_days_and_the_28_before():
    w = windows(date(2026, 3, 31))
    assert (w.recent_start, w.recent_end, w.baseline_start, w.baseline_end) == (
        date(2026, 3, 25),
        date(2026, 3, 31),
        date(2026, 2, 25),
        date(2026, 3, 24),
    )


BASE_SAT = baseline(rated_calls=10, satisfaction_total=40)  # 4.00; 15% below = 3.40


@pytest.mark.parametrize(
    ("total", "rated", "fires"),
    [(34, 10, False), (339, 100, True), (33, 10, True), (40, 10, False)],
)
def test_fd7_satisfaction_more_than_15_percent_below_fires(total, rated, fires):
    found = kinds(recent(rated_calls=rated, satisfaction_total=total), BASE_SAT)
    assert (AnomalyKind.SATISFACTION_DROP in found) is fires


def test_fd7_satisfaction_drop_reports_both_averages():
    [anomaly] = detect_anomalies(recent(rated_calls=10, satisfaction_total=33), BASE_SAT, CONFIG)
    assert (anomaly.recent_value, anomaly.baseline_value) == (Decimal("3.30"), Decimal("4.00"))


def test_fd7_satisfaction_needs_enough_rated_calls_in_both_windows():
    assert kinds(recent(rated_calls=4, satisfaction_total=4), BASE_SAT) == []
    assert kinds(recent(rated_calls=10, satisfaction_total=10), baseline(rated_calls=4)) == []


def test_fd7_satisfaction_threshold_is_configurable():
    strict = QualityConfig(satisfaction_drop_pct=Decimal(10))  # 3.60
    assert kinds(recent(rated_calls=10, satisfaction_total=35), BASE_SAT, strict) == [
        AnomalyKind.SATISFACTION_DROP
    ]


@pytest.mark.parametrize(
    ("now", "before", "fires"),
    [
        (2, 4, True),  # weekly average 1
        (1, 0, False),  # below the minimum of 2
        (2, 8, False),  # equal to the weekly average 2
        (3, 8, True),
        (2, 0, True),
    ],
)
def test_fd7_complaints_rising_above_the_usual_rate_fires(now, before, fires):
    found = kinds(recent(complaints=now), baseline(complaints=before))
    assert (AnomalyKind.COMPLAINTS_RISING in found) is fires


def test_fd7_complaints_rising_reports_the_usual_weekly_count():
    [anomaly] = detect_anomalies(recent(complaints=3), baseline(complaints=8), CONFIG)
    assert (anomaly.recent_value, anomaly.baseline_value) == (Decimal(3), Decimal("2.00"))


BASE_RING = baseline(calls=100, answered_in_time=90)  # 90%; 10 points below = 80%


@pytest.mark.parametrize(
    ("calls", "in_time", "fires"),
    [(20, 16, False), (20, 15, True), (19, 10, False), (40, 32, False), (40, 31, True)],
)
def test_fd7_three_ring_share_falling_more_than_10_points_fires(calls, in_time, fires):
    found = kinds(recent(calls=calls, answered_in_time=in_time), BASE_RING)
    assert (AnomalyKind.RING_SHARE_FALLING in found) is fires


def test_fd7_steady_agent_raises_nothing():
    same = {"calls": 25, "answered_in_time": 24, "rated_calls": 20, "satisfaction_total": 92}
    assert (
        kinds(
            recent(**same, complaints=0),
            baseline(
                calls=100, answered_in_time=96, rated_calls=80, satisfaction_total=368, complaints=1
            ),
        )
        == []
    )


def test_fd7_alert_sentences():
    config = QualityConfig()
    text = describe("SATISFACTION_DROP", "吴静", Decimal("3.30"), Decimal("4.00"), config)
    assert text == (
        "吴静: satisfaction over the last 7 days is 3.30, more than 15% below the 4.00 of the "
        "28 days before."
    )
    text = describe("COMPLAINTS_RISING", "吴静", Decimal("3.00"), Decimal("2.00"), config)
    assert text == "吴静: 3 complaints in the last 7 days, against 2.00 in as many days before."


@pytest.mark.parametrize(
    ("mood", "prompt"),
    [(1, True), (2, True), (3, False), (None, False)],
)
def test_fd9_low_mood_and_falling_satisfaction_prompts_a_talk(mood, prompt):
    result = talk_prompt(mood, recent(rated_calls=10, satisfaction_total=39), BASE_SAT)
    assert (result.prompt, result.falling) == (prompt, (Falling.SATISFACTION,))


def test_fd9_low_mood_with_steady_figures_does_not_prompt():
    result = talk_prompt(1, recent(rated_calls=10, satisfaction_total=40), BASE_SAT)
    assert (result.prompt, result.mood_low, result.falling) == (False, True, ())


def test_fd9_falling_ring_share_or_complaints_count_as_falling():
    result = talk_prompt(
        2,
        recent(calls=10, answered_in_time=8, complaints=2),
        baseline(calls=10, answered_in_time=9, complaints=4),
    )
    assert result.falling == (Falling.RING_SHARE, Falling.COMPLAINTS)
    assert result.prompt is True
