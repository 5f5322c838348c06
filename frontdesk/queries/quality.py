"""Hotline quality reads (FD-7, FD-9): the policy in force, window totals per agent, the quality
page's rows, trends for the charts."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from staff.models import Staff

from ..models import AgentDailyMetric, CallRecord, MoodCheckIn, QualityAlert, QualityPolicy
from ..rules import quality as rules
from .common import day_bounds

METRIC_FIELDS = (
    "calls",
    "answered_in_time",
    "talk_seconds",
    "rated_calls",
    "satisfaction_total",
    "first_contact_resolved",
    "complaints",
)


def policy_on(day: date) -> rules.QualityConfig:
    """The thresholds in force on `day` (the defaults when no policy row exists)."""
    row = QualityPolicy.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if row is None:
        return rules.QualityConfig()
    return rules.QualityConfig(
        ring_seconds_limit=row.ring_seconds_limit,
        recent_days=row.recent_days,
        baseline_days=row.baseline_days,
        satisfaction_drop_pct=row.satisfaction_drop_pct,
        min_rated_calls=row.min_rated_calls,
        complaint_min_count=row.complaint_min_count,
        ring_share_drop_points=row.ring_share_drop_points,
        min_calls=row.min_calls,
        mood_low=row.mood_low,
    )


def _sums(prefix: str, condition: Q) -> dict:
    return {f"{prefix}{name}": Coalesce(Sum(name, filter=condition), 0) for name in METRIC_FIELDS}


def window_stats(
    day: date, config: rules.QualityConfig, agent_ids=None
) -> dict[int, tuple[rules.WindowStats, rules.WindowStats]]:
    """Per agent, the totals of the recent window ending on `day` and of the baseline before
    it, summed in the database in one query."""
    w = rules.windows(day, config)
    recent = Q(day__gte=w.recent_start, day__lte=w.recent_end)
    baseline = Q(day__gte=w.baseline_start, day__lte=w.baseline_end)
    rows = AgentDailyMetric.objects.filter(day__gte=w.baseline_start, day__lte=w.recent_end)
    if agent_ids is not None:
        rows = rows.filter(agent_id__in=agent_ids)
    rows = rows.values("agent").annotate(**_sums("r_", recent), **_sums("b_", baseline))
    return {row["agent"]: _pair(row, config) for row in rows.order_by()}


def _pair(row: dict, config: rules.QualityConfig) -> tuple[rules.WindowStats, rules.WindowStats]:
    return (
        rules.WindowStats(config.recent_days, *(row[f"r_{n}"] for n in METRIC_FIELDS)),
        rules.WindowStats(config.baseline_days, *(row[f"b_{n}"] for n in METRIC_FIELDS)),
    )


def open_alerts() -> QuerySet[QualityAlert]:
    return (
        QualityAlert.objects.filter(cleared_on__isnull=True)
        .select_related("agent", "acknowledged_by")
        .order_by("-detected_on", "-id")
    )


def customer_managers() -> QuerySet[Staff]:
    return Staff.objects.filter(is_active=True, groups__name="CUSTOMER_MANAGER").distinct()


# --- the quality page ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AgentRow:
    """One agent on the quality page: windows, mood, alerts and the talk prompt."""

    agent: Staff
    recent: rules.WindowStats
    baseline: rules.WindowStats
    mood: MoodCheckIn | None
    prompt: rules.TalkPrompt
    alerts: list[QualityAlert] = field(default_factory=list)

    @property
    def satisfaction(self):
        return rules.as_decimal(self.recent.satisfaction())

    @property
    def baseline_satisfaction(self):
        return rules.as_decimal(self.baseline.satisfaction())

    @property
    def in_time_pct(self):
        return rules.as_decimal(self.recent.in_time_pct())

    @property
    def baseline_in_time_pct(self):
        return rules.as_decimal(self.baseline.in_time_pct())

    @property
    def first_contact_pct(self):
        return rules.as_decimal(self.recent.first_contact_pct())

    @property
    def avg_talk_seconds(self):
        value = self.recent.avg_talk_seconds()
        return round(value) if value is not None else None

    @property
    def falling(self) -> list[str]:
        return [str(value) for value in self.prompt.falling]


def latest_moods(agent_ids, since: date, until: date) -> dict[int, MoodCheckIn]:
    """Each agent's latest check-in between the two dates (one query)."""
    rows = MoodCheckIn.objects.filter(agent_id__in=agent_ids, day__gte=since, day__lte=until)
    latest: dict[int, MoodCheckIn] = {}
    for mood in rows.order_by("agent_id", "-day"):
        latest.setdefault(mood.agent_id, mood)
    return latest


def agent_rows(day: date, config: rules.QualityConfig | None = None) -> list[AgentRow]:
    """Every agent with metrics in the windows ending on `day`, by employee number."""
    config = config or policy_on(day)
    stats = window_stats(day, config)
    agents = Staff.objects.in_bulk(list(stats))
    w = rules.windows(day, config)
    moods = latest_moods(list(stats), w.recent_start, day)
    alerts: dict[int, list[QualityAlert]] = {}
    for alert in open_alerts().filter(agent_id__in=list(stats)):
        alerts.setdefault(alert.agent_id, []).append(alert)
    rows = []
    for agent_id, (recent, baseline) in stats.items():
        mood = moods.get(agent_id)
        prompt = rules.talk_prompt(mood.mood if mood else None, recent, baseline, config)
        rows.append(
            AgentRow(agents[agent_id], recent, baseline, mood, prompt, alerts.get(agent_id, []))
        )
    return sorted(rows, key=lambda row: row.agent.employee_no)


def trends(agent_ids, start: date, end: date) -> dict[int, dict[str, list]]:
    """Daily series per agent for the charts: dates, satisfaction, 3-ring share, calls."""
    series: dict[int, dict[str, list]] = {
        pk: {"days": [], "satisfaction": [], "in_time": [], "calls": [], "complaints": []}
        for pk in agent_ids
    }
    rows = AgentDailyMetric.objects.filter(agent_id__in=agent_ids, day__gte=start, day__lte=end)
    for metric in rows.order_by("agent_id", "day"):
        line = series[metric.agent_id]
        line["days"].append(metric.day.isoformat())
        line["satisfaction"].append(_num(metric.avg_satisfaction))
        line["in_time"].append(_num(metric.in_time_pct))
        line["calls"].append(metric.calls)
        line["complaints"].append(metric.complaints)
    return series


def _num(value) -> float | None:
    return float(value) if value is not None else None


def agent_metrics(agent: Staff) -> QuerySet[AgentDailyMetric]:
    return AgentDailyMetric.objects.filter(agent=agent).order_by("-day")


def call_records(*, agent_id: int | None = None, day: date | None = None) -> QuerySet[CallRecord]:
    rows = CallRecord.objects.select_related("agent")
    if agent_id:
        rows = rows.filter(agent_id=agent_id)
    if day:
        start, end = day_bounds(day)
        rows = rows.filter(started_at__gte=start, started_at__lt=end)
    return rows.order_by("-started_at", "-id")


def chart_window(day: date, days: int = 30) -> tuple[date, date]:
    return day - timedelta(days=days - 1), day


@dataclass(frozen=True)
class AlertRow:
    alert: QualityAlert
    text: str


def alert_rows(config: rules.QualityConfig, limit: int = 50) -> list[AlertRow]:
    """The open alerts, each described in a sentence with the thresholds given."""
    return [
        AlertRow(
            alert,
            rules.describe(
                alert.kind,
                alert.agent.get_full_name(),
                alert.recent_value,
                alert.baseline_value,
                config,
            ),
        )
        for alert in open_alerts()[:limit]
    ]
