"""Hotline quality (FD-7): daily metrics computed in the database, anomaly alerts once per
anomaly, and the nightly run. Everything takes the date, so a night can be re-run or back-filled.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Staff
from staff.services import notify_many

from ..models import AgentDailyMetric, CallRecord, QualityAlert
from ..queries.quality import customer_managers, policy_on, window_stats
from ..rules import quality as rules
from .common import day_bounds, require_perm
from .errors import FrontDeskError


@transaction.atomic
def compute_daily_metrics(*, day: date) -> int:
    """Replace `day`'s per-agent metrics with figures summed from its call records; returns the
    number of agents. Idempotent: a re-run for the same day gives the same rows."""
    limit = policy_on(day).ring_seconds_limit
    start, end = day_bounds(day)
    totals = (
        CallRecord.objects.filter(started_at__gte=start, started_at__lt=end)
        .values("agent")
        .annotate(
            calls=Count("id"),
            answered_in_time=Count("id", filter=Q(ring_seconds__lte=limit)),
            talk_seconds=Coalesce(Sum("talk_seconds"), 0),
            rated_calls=Count("satisfaction"),
            satisfaction_total=Coalesce(Sum("satisfaction"), 0),
            first_contact_resolved=Count("id", filter=Q(resolved_first_contact=True)),
            complaints=Count("id", filter=Q(complaint=True)),
        )
        .order_by()
    )
    now = timezone.now()
    rows = [
        AgentDailyMetric(
            agent_id=row.pop("agent"), day=day, ring_seconds_limit=limit, computed_at=now, **row
        )
        for row in totals
    ]
    AgentDailyMetric.objects.filter(day=day).delete()
    AgentDailyMetric.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def detect_anomalies(*, day: date) -> list[QualityAlert]:
    """Compare each agent's recent window with the one before (FD-7); a new anomaly raises one
    alert and tells the customer managers, an anomaly that is over is cleared. Returns the new
    alerts; re-running a day raises nothing twice."""
    config = policy_on(day)
    stats = window_stats(day, config)
    open_alerts = {
        (alert.agent_id, alert.kind): alert
        for alert in QualityAlert.objects.select_for_update().filter(cleared_on__isnull=True)
    }
    current = {
        agent_id: {anomaly.kind: anomaly for anomaly in rules.detect_anomalies(r, b, config)}
        for agent_id, (r, b) in stats.items()
    }
    covered = _covered(day)
    created: list[QualityAlert] = []
    for agent_id, found in current.items():
        for kind, anomaly in found.items():
            if (agent_id, kind) not in open_alerts and (agent_id, kind) not in covered:
                created.extend(_raise(agent_id, anomaly, day))
    for (agent_id, kind), alert in open_alerts.items():
        if kind not in current.get(agent_id, {}) and alert.detected_on <= day:
            alert.cleared_on = day
            alert.save(update_fields=["cleared_on"])
    _tell_managers(created, config)
    return created


def _covered(day: date) -> set[tuple[int, str]]:
    """(agent, kind) of alerts already covering `day`, so back-filling an old night after later
    ones raises nothing twice."""
    alerts = QualityAlert.objects.filter(detected_on__lte=day).filter(
        Q(cleared_on__isnull=True) | Q(cleared_on__gt=day)
    )
    return set(alerts.values_list("agent_id", "kind"))


def _raise(agent_id: int, anomaly: rules.Anomaly, day: date) -> list[QualityAlert]:
    try:
        # Race: a back-fill running beside the nightly job; the partial unique constraint lets
        # one alert per agent and kind through, the other run skips it.
        with transaction.atomic():
            alert = QualityAlert.objects.create(
                agent_id=agent_id,
                kind=anomaly.kind,
                detected_on=day,
                recent_value=anomaly.recent_value,
                baseline_value=anomaly.baseline_value,
            )
    except IntegrityError:
        return []
    return [alert]


def _tell_managers(alerts: list[QualityAlert], config: rules.QualityConfig) -> None:
    if not alerts:
        return
    managers = list(customer_managers())
    link = reverse("frontdesk:quality")
    for alert in alerts:
        text = _("Hotline quality alert. %(what)s") % {
            "what": rules.describe(
                alert.kind,
                alert.agent.get_full_name(),
                alert.recent_value,
                alert.baseline_value,
                config,
            )
        }
        notify_many(recipients=managers, text=text, link=link)


def run_nightly(*, day: date) -> tuple[int, int]:
    """The nightly job for `day`: metrics, then anomalies. Returns (agents, new alerts)."""
    agents = compute_daily_metrics(day=day)
    return agents, len(detect_anomalies(day=day))


@transaction.atomic
def acknowledge_alert(*, alert: QualityAlert, by: Staff, note: str) -> QualityAlert:
    """The manager notes what was done (talked with the agent, listened to recordings)."""
    require_perm(
        by, "frontdesk.change_qualityalert", _("Only the customer manager handles alerts.")
    )
    if not (note or "").strip():
        raise FrontDeskError(_("Note what was done."))
    # Race: two managers handling the same alert at once; the first note is kept.
    alert = QualityAlert.objects.select_for_update().get(pk=alert.pk)
    if alert.acknowledged_at is not None:
        raise FrontDeskError(_("This alert has already been handled."))
    alert.acknowledged_by = by
    alert.acknowledged_at = timezone.now()
    alert.acknowledge_note = note.strip()[:300]
    alert.save(update_fields=["acknowledged_by", "acknowledged_at", "acknowledge_note"])
    return alert
