"""Hotline quality (FD-7) and team mood (FD-9): pure rules over counts.

- "Answered within 3 rings" (铃响3声内接听) is ring seconds at most `ring_seconds_limit`.
- The recent window is the `recent_days` ending on the day checked; the baseline is the
  `baseline_days` before it (default 7 and 28).
- Anomalies, each strictly past its threshold (at the threshold nothing fires):
  * SATISFACTION_DROP: recent average satisfaction more than `satisfaction_drop_pct` % below
    the baseline's (both windows need `min_rated_calls` rated calls);
  * COMPLAINTS_RISING: at least `complaint_min_count` complaints in the recent window and more
    than the baseline's rate over as many days;
  * RING_SHARE_FALLING: the share answered within 3 rings more than `ring_share_drop_points`
    percentage points below the baseline's (both windows need `min_calls` calls).
- Talk to the agent: their latest mood in the recent window is at most `mood_low` and at least
  one metric is worse than in the baseline.
Exact fractions are compared, so a boundary case is never decided by rounding.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class QualityConfig:
    ring_seconds_limit: int = 15
    recent_days: int = 7
    baseline_days: int = 28
    satisfaction_drop_pct: Decimal = Decimal(15)
    min_rated_calls: int = 5
    complaint_min_count: int = 2
    ring_share_drop_points: Decimal = Decimal(10)
    min_calls: int = 20
    mood_low: int = 2


def answered_in_time(ring_seconds: int, config: QualityConfig = QualityConfig()) -> bool:
    return ring_seconds <= config.ring_seconds_limit


@dataclass(frozen=True)
class Windows:
    recent_start: date
    recent_end: date
    baseline_start: date
    baseline_end: date


def windows(day: date, config: QualityConfig = QualityConfig()) -> Windows:
    """The recent window ending on `day` and the baseline just before it (inclusive dates)."""
    recent_start = day - timedelta(days=config.recent_days - 1)
    baseline_end = recent_start - timedelta(days=1)
    return Windows(
        recent_start=recent_start,
        recent_end=day,
        baseline_start=baseline_end - timedelta(days=config.baseline_days - 1),
        baseline_end=baseline_end,
    )


@dataclass(frozen=True)
class WindowStats:
    """Totals of an agent's daily metrics over a window of `days` days."""

    days: int
    calls: int = 0
    answered_in_time: int = 0
    talk_seconds: int = 0
    rated_calls: int = 0
    satisfaction_total: int = 0
    first_contact_resolved: int = 0
    complaints: int = 0

    def satisfaction(self) -> Fraction | None:
        return Fraction(self.satisfaction_total, self.rated_calls) if self.rated_calls else None

    def in_time_pct(self) -> Fraction | None:
        return Fraction(100 * self.answered_in_time, self.calls) if self.calls else None

    def first_contact_pct(self) -> Fraction | None:
        return Fraction(100 * self.first_contact_resolved, self.calls) if self.calls else None

    def avg_talk_seconds(self) -> Fraction | None:
        return Fraction(self.talk_seconds, self.calls) if self.calls else None

    def complaint_rate(self, days: int) -> Fraction:
        """Complaints scaled to a window of `days` days."""
        return Fraction(self.complaints * days, self.days)


def as_decimal(value: Fraction | None) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(TWO_PLACES)


class AnomalyKind(StrEnum):
    SATISFACTION_DROP = "SATISFACTION_DROP"
    COMPLAINTS_RISING = "COMPLAINTS_RISING"
    RING_SHARE_FALLING = "RING_SHARE_FALLING"


@dataclass(frozen=True)
class Anomaly:
    kind: AnomalyKind
    recent_value: Decimal
    baseline_value: Decimal


def satisfaction_drop(
    recent: WindowStats, baseline: WindowStats, config: QualityConfig
) -> Anomaly | None:
    if min(recent.rated_calls, baseline.rated_calls) < max(config.min_rated_calls, 1):
        return None
    now, before = recent.satisfaction(), baseline.satisfaction()
    if now < before * (1 - Fraction(config.satisfaction_drop_pct) / 100):
        return Anomaly(AnomalyKind.SATISFACTION_DROP, as_decimal(now), as_decimal(before))
    return None


def complaints_rising(
    recent: WindowStats, baseline: WindowStats, config: QualityConfig
) -> Anomaly | None:
    if recent.complaints < max(config.complaint_min_count, 1):
        return None
    usual = baseline.complaint_rate(recent.days)
    if recent.complaints > usual:
        return Anomaly(AnomalyKind.COMPLAINTS_RISING, Decimal(recent.complaints), as_decimal(usual))
    return None


def ring_share_falling(
    recent: WindowStats, baseline: WindowStats, config: QualityConfig
) -> Anomaly | None:
    if min(recent.calls, baseline.calls) < max(config.min_calls, 1):
        return None
    now, before = recent.in_time_pct(), baseline.in_time_pct()
    if now < before - Fraction(config.ring_share_drop_points):
        return Anomaly(AnomalyKind.RING_SHARE_FALLING, as_decimal(now), as_decimal(before))
    return None


CHECKS = (satisfaction_drop, complaints_rising, ring_share_falling)


def detect_anomalies(
    recent: WindowStats, baseline: WindowStats, config: QualityConfig = QualityConfig()
) -> list[Anomaly]:
    """Every anomaly of one agent on one day (FD-7)."""
    found = (check(recent, baseline, config) for check in CHECKS)
    return [anomaly for anomaly in found if anomaly is not None]


# --- team mood (FD-9) -------------------------------------------------------------------------


class Falling(StrEnum):
    SATISFACTION = "SATISFACTION"
    RING_SHARE = "RING_SHARE"
    COMPLAINTS = "COMPLAINTS"


def falling_metrics(recent: WindowStats, baseline: WindowStats) -> tuple[Falling, ...]:
    """Which metrics are worse in the recent window than in the baseline (any amount)."""
    falling = []
    rated = recent.rated_calls and baseline.rated_calls
    if rated and recent.satisfaction() < baseline.satisfaction():
        falling.append(Falling.SATISFACTION)
    if recent.calls and baseline.calls and recent.in_time_pct() < baseline.in_time_pct():
        falling.append(Falling.RING_SHARE)
    if recent.complaints > baseline.complaint_rate(recent.days):
        falling.append(Falling.COMPLAINTS)
    return tuple(falling)


@dataclass(frozen=True)
class TalkPrompt:
    """Whether the manager should talk with the agent, and what fell."""

    prompt: bool
    mood_low: bool = False
    falling: tuple[Falling, ...] = field(default=())


def talk_prompt(
    mood: int | None,
    recent: WindowStats,
    baseline: WindowStats,
    config: QualityConfig = QualityConfig(),
) -> TalkPrompt:
    """Low mood together with falling metrics: the manager should talk with the agent."""
    low = mood is not None and mood <= config.mood_low
    falling = falling_metrics(recent, baseline)
    return TalkPrompt(prompt=low and bool(falling), mood_low=low, falling=falling)


# --- what an alert says -----------------------------------------------------------------------

ALERT_TEXTS = {
    AnomalyKind.SATISFACTION_DROP: _(
        "%(agent)s: satisfaction over the last %(recent_days)s days is %(recent)s, more than "
        "%(pct)s%% below the %(baseline)s of the %(baseline_days)s days before."
    ),
    AnomalyKind.COMPLAINTS_RISING: _(
        "%(agent)s: %(recent)s complaints in the last %(recent_days)s days, against "
        "%(baseline)s in as many days before."
    ),
    AnomalyKind.RING_SHARE_FALLING: _(
        "%(agent)s: %(recent)s%% of calls answered within 3 rings in the last %(recent_days)s "
        "days, against %(baseline)s%% in the %(baseline_days)s days before."
    ),
}


def describe(
    kind: str, agent: str, recent: Decimal, baseline: Decimal, config: QualityConfig
) -> str:
    """The alert in a sentence, for the manager's notification and the quality page."""
    return ALERT_TEXTS[AnomalyKind(kind)] % {
        "agent": agent,
        "recent": recent.normalize() if kind == AnomalyKind.COMPLAINTS_RISING else recent,
        "baseline": baseline,
        "recent_days": config.recent_days,
        "baseline_days": config.baseline_days,
        "pct": config.satisfaction_drop_pct.normalize(),
    }
