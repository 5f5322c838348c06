"""The managers' configuration: effective-dated caps, tier mapping, seasons (DISP-1, 3)."""

import datetime

import pytest

from dispatch import queries, rules
from dispatch.models import CapacityRule, SeasonKind, SeasonPeriod, TierRule
from dispatch.services import (
    DispatchError,
    delete_season,
    save_season,
    set_capacity_rule,
    set_tier_mapping,
)
from tests.dispatch.conftest import NOW

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]
TODAY = NOW.date()


def test_disp3_default_caps_are_rows_from_the_migration():
    rule = queries.capacity_rule_on(TODAY)
    assert (rule.day_cap, rule.week_cap, rule.season_cap_off, rule.season_cap_peak) == (2, 6, 2, 4)
    assert queries.dispatch_config(TODAY) == rules.DispatchConfig()


def test_disp3_new_caps_apply_from_their_date(customer_manager):
    set_capacity_rule(by=customer_manager, effective_from=TODAY + datetime.timedelta(7), day_cap=3)
    assert queries.dispatch_config(TODAY).day_cap == 2
    assert queries.dispatch_config(TODAY + datetime.timedelta(7)).day_cap == 3


def test_disp3_caps_cannot_be_changed_for_the_past(customer_manager):
    with pytest.raises(DispatchError) as refusal:
        set_capacity_rule(by=customer_manager, effective_from=TODAY - datetime.timedelta(1))
    assert str(refusal.value) == (
        "New caps apply from today or a later date; past days keep the caps they had."
    )


def test_disp3_same_date_corrects_the_rule_and_keeps_history(customer_manager):
    set_capacity_rule(by=customer_manager, effective_from=TODAY, week_cap=8)
    rule = set_capacity_rule(by=customer_manager, effective_from=TODAY, week_cap=7)
    assert CapacityRule.objects.filter(effective_from=TODAY).get().week_cap == 7
    assert rule.history.count() == 2


def test_disp3_weekly_cap_below_daily_refused(customer_manager):
    with pytest.raises(DispatchError, match="The weekly cap cannot be below the daily cap."):
        set_capacity_rule(by=customer_manager, effective_from=TODAY, day_cap=3, week_cap=2)


def test_disp4_champion_bonus_is_configurable(customer_manager):
    set_capacity_rule(
        by=customer_manager,
        effective_from=TODAY,
        champion_day_bonus=2,
        champion_week_bonus=3,
        champion_season_bonus=0,
    )
    assert queries.dispatch_config(TODAY).champion_bonus == rules.Caps(day=2, week=3, season=0)


def test_only_managers_configure(designer, design_manager):
    for person in (designer, design_manager):
        with pytest.raises(DispatchError, match="Only managers change the dispatch configuration."):
            set_capacity_rule(by=person, effective_from=TODAY)


def test_disp1_tier_mapping_replaced_and_audited(gm):
    set_tier_mapping(
        by=gm,
        pairs=[
            ("SMALL", "DESIGNER"),
            ("MEDIUM", "DEPUTY_DIRECTOR"),
            ("MEDIUM", "DIRECTOR"),
            ("LARGE", "CHIEF"),
        ],
    )
    tier_map = queries.dispatch_config(TODAY).tier_map
    assert tier_map[rules.SizeClass.SMALL] == {rules.Tier.DESIGNER}
    assert tier_map[rules.SizeClass.MEDIUM] == {rules.Tier.DEPUTY_DIRECTOR, rules.Tier.DIRECTOR}
    assert TierRule.history.filter(history_type="-").count() == 1


def test_disp1_every_size_class_keeps_a_tier(gm):
    with pytest.raises(DispatchError) as refusal:
        set_tier_mapping(by=gm, pairs=[("SMALL", "DESIGNER"), ("MEDIUM", "DIRECTOR")])
    assert str(refusal.value) == (
        "Every size class needs at least one designer tier (missing: Large (50,000 and over))."
    )
    assert TierRule.objects.count() == 4


def test_disp3_season_ranges_set_the_season(customer_manager):
    season = save_season(
        by=customer_manager, name="2026 夏季旺季", kind=SeasonKind.PEAK, start=TODAY, end=TODAY
    )
    assert queries.season_on(TODAY) == rules.Season.PEAK
    assert queries.season_on(TODAY + datetime.timedelta(1)) == rules.Season.OFF
    delete_season(season=season, by=customer_manager)
    assert not SeasonPeriod.objects.exists()


def test_disp3_season_must_end_after_it_starts(customer_manager):
    with pytest.raises(DispatchError, match="A season ends on or after its first day."):
        save_season(
            by=customer_manager,
            name="x",
            kind=SeasonKind.PEAK,
            start=TODAY,
            end=TODAY - datetime.timedelta(1),
        )
