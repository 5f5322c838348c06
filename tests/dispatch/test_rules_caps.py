"""Tiers, caps, seasons and champions (DISP-1, DISP-3, DISP-4)."""

from datetime import date

import pytest

from dispatch.rules import (
    Caps,
    DesignerSnapshot,
    DispatchConfig,
    Season,
    SeasonRange,
    SizeClass,
    SkipReason,
    Tier,
    caps_for,
    check_designer,
    season_for,
    week_bounds,
)

CONFIG = DispatchConfig()


def designer(**overrides) -> DesignerSnapshot:
    fields = {"designer_id": 1, "name": "Wang", "employee_no": "101", "tier": Tier.DESIGNER}
    return DesignerSnapshot(**(fields | overrides))


@pytest.mark.parametrize(
    ("size_class", "tier", "allowed"),
    [
        (SizeClass.SMALL, Tier.DESIGNER, True),
        (SizeClass.SMALL, Tier.DEPUTY_DIRECTOR, True),
        (SizeClass.SMALL, Tier.DIRECTOR, False),
        (SizeClass.SMALL, Tier.CHIEF, False),
        (SizeClass.MEDIUM, Tier.DESIGNER, False),
        (SizeClass.MEDIUM, Tier.DEPUTY_DIRECTOR, False),
        (SizeClass.MEDIUM, Tier.DIRECTOR, True),
        (SizeClass.MEDIUM, Tier.CHIEF, False),
        (SizeClass.LARGE, Tier.DESIGNER, False),
        (SizeClass.LARGE, Tier.DEPUTY_DIRECTOR, False),
        (SizeClass.LARGE, Tier.DIRECTOR, False),
        (SizeClass.LARGE, Tier.CHIEF, True),
    ],
)
def test_disp1_tier_mapping(size_class, tier, allowed):
    decision = check_designer(designer(tier=tier), size_class, Season.OFF, CONFIG)
    assert decision.allowed is allowed
    assert decision.reason == (None if allowed else SkipReason.WRONG_TIER)


def test_disp1_tier_mapping_is_configurable():
    config = DispatchConfig(tier_map={SizeClass.LARGE: frozenset({Tier.DIRECTOR, Tier.CHIEF})})
    decision = check_designer(designer(tier=Tier.DIRECTOR), SizeClass.LARGE, Season.OFF, config)
    assert decision.allowed is True
    decision = check_designer(designer(tier=Tier.DIRECTOR), SizeClass.SMALL, Season.OFF, config)
    assert decision.reason == SkipReason.WRONG_TIER


@pytest.mark.parametrize(("today_count", "reason"), [(0, None), (1, None), (2, SkipReason.DAY_CAP)])
def test_disp3_day_cap_stops_third_lead(today_count, reason):
    snapshot = designer(today_count=today_count, week_count=today_count)
    assert check_designer(snapshot, SizeClass.SMALL, Season.PEAK, CONFIG).reason == reason


@pytest.mark.parametrize(("week_count", "reason"), [(5, None), (6, SkipReason.WEEK_CAP)])
def test_disp3_week_cap_stops_seventh_lead(week_count, reason):
    snapshot = designer(week_count=week_count)
    assert check_designer(snapshot, SizeClass.SMALL, Season.PEAK, CONFIG).reason == reason


@pytest.mark.parametrize(
    ("season", "open_this_week", "reason"),
    [
        (Season.OFF, 1, None),
        (Season.OFF, 2, SkipReason.SEASON_CAP),
        (Season.PEAK, 3, None),
        (Season.PEAK, 4, SkipReason.SEASON_CAP),
    ],
)
def test_disp3_season_cap_two_off_four_peak(season, open_this_week, reason):
    snapshot = designer(week_count=open_this_week, open_this_week=open_this_week)
    assert check_designer(snapshot, SizeClass.SMALL, season, CONFIG).reason == reason


def test_disp3_season_cap_counts_only_still_dispatched_leads():
    # Four leads this week but three already measured: only one still holds the slot.
    snapshot = designer(week_count=4, open_this_week=1)
    assert check_designer(snapshot, SizeClass.SMALL, Season.OFF, CONFIG).allowed is True


PEAK_RANGES = [SeasonRange(date(2025, 3, 1), date(2025, 5, 31), Season.PEAK)]


@pytest.mark.parametrize(
    ("day", "season"),
    [
        (date(2025, 2, 28), Season.OFF),
        (date(2025, 3, 1), Season.PEAK),
        (date(2025, 4, 15), Season.PEAK),
        (date(2025, 5, 31), Season.PEAK),
        (date(2025, 6, 1), Season.OFF),
    ],
)
def test_disp3_season_switches_exactly_on_range_first_and_last_day(day, season):
    assert season_for(day, PEAK_RANGES) == season


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2025, 2, 28), SkipReason.SEASON_CAP),
        (date(2025, 3, 1), None),
        (date(2025, 5, 31), None),
        (date(2025, 6, 1), SkipReason.SEASON_CAP),
    ],
)
def test_disp3_third_open_lead_allowed_only_in_peak_range(day, reason):
    snapshot = designer(week_count=2, open_this_week=2)
    season = season_for(day, PEAK_RANGES)
    assert check_designer(snapshot, SizeClass.SMALL, season, CONFIG).reason == reason


def test_disp3_season_defaults_to_off_without_ranges():
    assert season_for(date(2025, 7, 1), []) == Season.OFF


def test_disp3_overlapping_ranges_peak_wins_regardless_of_order():
    off = (date(2025, 1, 1), date(2025, 12, 31), Season.OFF)
    peak = (date(2025, 4, 1), date(2025, 4, 30), Season.PEAK)
    assert season_for(date(2025, 4, 10), [off, peak]) == Season.PEAK
    assert season_for(date(2025, 4, 10), [peak, off]) == Season.PEAK


@pytest.mark.parametrize(
    ("day", "monday", "sunday"),
    [
        (date(2025, 6, 2), date(2025, 6, 2), date(2025, 6, 8)),  # Monday
        (date(2025, 6, 5), date(2025, 6, 2), date(2025, 6, 8)),
        (date(2025, 6, 8), date(2025, 6, 2), date(2025, 6, 8)),  # Sunday
        (date(2025, 6, 9), date(2025, 6, 9), date(2025, 6, 15)),
        (date(2025, 1, 1), date(2024, 12, 30), date(2025, 1, 5)),  # across the year
    ],
)
def test_disp3_weeks_run_monday_to_sunday(day, monday, sunday):
    assert week_bounds(day) == (monday, sunday)


@pytest.mark.parametrize(
    ("champion", "season", "caps"),
    [
        (False, Season.OFF, Caps(day=2, week=6, season=2)),
        (False, Season.PEAK, Caps(day=2, week=6, season=4)),
        (True, Season.OFF, Caps(day=3, week=8, season=3)),
        (True, Season.PEAK, Caps(day=3, week=8, season=5)),
    ],
)
def test_disp4_champion_bonus_raises_all_three_caps(champion, season, caps):
    assert caps_for(designer(champion=champion), season, CONFIG) == caps


@pytest.mark.parametrize(
    ("counts", "plain_reason"),
    [
        ({"today_count": 2, "week_count": 2}, SkipReason.DAY_CAP),
        ({"week_count": 7}, SkipReason.WEEK_CAP),
        ({"week_count": 2, "open_this_week": 2}, SkipReason.SEASON_CAP),
    ],
)
def test_disp4_champion_passes_where_plain_designer_stops(counts, plain_reason):
    plain = check_designer(designer(**counts), SizeClass.SMALL, Season.OFF, CONFIG)
    champ = check_designer(designer(champion=True, **counts), SizeClass.SMALL, Season.OFF, CONFIG)
    assert plain.reason == plain_reason
    assert champ.allowed is True


def test_disp4_champion_bonus_is_configurable():
    config = DispatchConfig(champion_bonus=Caps(day=0, week=0, season=0))
    assert caps_for(designer(champion=True), Season.OFF, config) == Caps(day=2, week=6, season=2)


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"active": False, "tier": Tier.CHIEF, "on_leave": True}, SkipReason.INACTIVE),
        ({"tier": Tier.CHIEF, "on_leave": True, "today_count": 2}, SkipReason.WRONG_TIER),
        ({"on_leave": True, "today_count": 2, "week_count": 6}, SkipReason.ON_LEAVE),
        ({"today_count": 2, "week_count": 6, "open_this_week": 2}, SkipReason.DAY_CAP),
        ({"week_count": 6, "open_this_week": 2}, SkipReason.WEEK_CAP),
    ],
)
def test_disp3_first_failing_reason_is_reported(overrides, reason):
    decision = check_designer(designer(**overrides), SizeClass.SMALL, Season.OFF, CONFIG)
    assert decision.allowed is False
    assert decision.reason == reason
