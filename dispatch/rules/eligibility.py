"""Caps and eligibility (DISP-3, DISP-4, QG-1): whether one designer may receive a lead."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.decisions import ALLOWED, Decision

# Lead size is decided at intake; dispatch only reads it (imports point down: dispatch -> leads).
from leads.rules.intake import SizeClass

from .base import Caps, DesignerSnapshot, DispatchConfig, Refusal, Season, SkipReason


def caps_for(snapshot: DesignerSnapshot, season: Season, config: DispatchConfig) -> Caps:
    """Caps for one designer (DISP-3), raised by the champion bonus (DISP-4)."""
    season_cap = config.season_cap_peak if season == Season.PEAK else config.season_cap_off
    base = Caps(day=config.day_cap, week=config.week_cap, season=season_cap)
    if not snapshot.champion:
        return base
    bonus = config.champion_bonus
    return Caps(base.day + bonus.day, base.week + bonus.week, base.season + bonus.season)


def _refuse(reason: SkipReason | Refusal, message: str) -> Decision:
    return Decision(allowed=False, reason=reason, message=message)


def _cap_refusal(reason: SkipReason, text: str, count: int, cap: int) -> Decision:
    return _refuse(reason, format_lazy(text, count=count, cap=cap))


def check_designer(
    snapshot: DesignerSnapshot,
    size_class: SizeClass,
    season: Season,
    config: DispatchConfig,
    declined: bool = False,
) -> Decision:
    """May this designer take a lead of this size today? First failing reason is reported.

    `declined`: the designer already declined this lead; reported only when nothing else
    stops them, so "everyone declined" means every otherwise eligible designer declined.
    """
    if not snapshot.active:
        return _refuse(SkipReason.INACTIVE, _("Designer is not active"))
    if snapshot.tier is None:
        return _refuse(SkipReason.WRONG_TIER, _("No designer tier set"))
    if snapshot.tier not in config.tier_map.get(size_class, frozenset()):
        return _refuse(SkipReason.WRONG_TIER, _("Tier does not take leads of this size"))
    if snapshot.on_leave:
        return _refuse(SkipReason.ON_LEAVE, _("On approved leave today"))
    decision = _check_caps(snapshot, caps_for(snapshot, season, config))
    if decision.allowed and declined:
        return _refuse(SkipReason.DECLINED, _("Declined this lead"))
    if decision.allowed and snapshot.on_hold:
        return hold_decision(snapshot)
    return decision


def hold_decision(snapshot: DesignerSnapshot) -> Decision:
    """QG-1: out of automatic rotation until the hold's last day, with its reason."""
    text = _("Quality hold until {until}: {reason}")
    until = snapshot.hold_until.isoformat() if snapshot.hold_until else ""
    return _refuse(
        SkipReason.QUALITY_HOLD, format_lazy(text, until=until, reason=snapshot.hold_reason)
    )


def _check_caps(snapshot: DesignerSnapshot, caps: Caps) -> Decision:
    if snapshot.today_count >= caps.day:
        text = _("Daily cap reached ({count}/{cap})")
        return _cap_refusal(SkipReason.DAY_CAP, text, snapshot.today_count, caps.day)
    if snapshot.week_count >= caps.week:
        text = _("Weekly cap reached ({count}/{cap})")
        return _cap_refusal(SkipReason.WEEK_CAP, text, snapshot.week_count, caps.week)
    if snapshot.open_this_week >= caps.season:
        text = _("Season cap reached ({count}/{cap} leads dispatched this week not yet measured)")
        return _cap_refusal(SkipReason.SEASON_CAP, text, snapshot.open_this_week, caps.season)
    return ALLOWED
