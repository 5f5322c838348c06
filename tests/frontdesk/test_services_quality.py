"""FD-7: daily metrics summed in the database on a hand-computed fixture; anomaly alerts to the
customer manager once per anomaly; the nightly job re-runnable for a date."""

import importlib
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from frontdesk.models import AgentDailyMetric, AlertKind, QualityAlert, QualityPolicy
from frontdesk.services import quality
from frontdesk.services.errors import FrontDeskError
from frontdesk.tasks import nightly_quality
from staff.models import Notification, Role
from tests.factories import StaffFactory
from tests.frontdesk.factories import CallRecordFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 3, 10)
BEIJING = timezone.get_fixed_timezone(8 * 60)


def local(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=BEIJING)


@pytest.fixture
def agent(db):
    return StaffFactory(roles=[Role.CS_AGENT], name="吴静", employee_no="E009")


@pytest.fixture
def day_of_calls(agent):
    """Four calls of one local day, one on each side of it, and another agent's call."""
    calls = [
        # start, ring, talk, satisfaction, first contact, complaint
        (local(DAY, 9), 5, 120, 5, True, False),
        (local(DAY, 10, 30), 15, 300, 4, True, False),
        (local(DAY, 14), 16, 60, None, False, True),
        (local(DAY, 23, 59, 59), 30, 240, 2, False, False),
        (local(DAY - timedelta(days=1), 23, 59, 59), 1, 100, 1, True, True),
        (local(DAY + timedelta(days=1), 0, 0, 0), 1, 100, 1, True, True),
    ]
    for start, ring, talk, score, fcr, complaint in calls:
        CallRecordFactory(
            agent=agent,
            started_at=start,
            ring_seconds=ring,
            talk_seconds=talk,
            satisfaction=score,
            resolved_first_contact=fcr,
            complaint=complaint,
        )
    return CallRecordFactory(started_at=local(DAY, 11), ring_seconds=20, talk_seconds=90)


def test_fd7_daily_metrics_exact_figures(agent, day_of_calls):
    assert quality.compute_daily_metrics(day=DAY) == 2
    metric = AgentDailyMetric.objects.get(agent=agent, day=DAY)
    counts = (
        metric.calls,
        metric.answered_in_time,
        metric.talk_seconds,
        metric.rated_calls,
        metric.satisfaction_total,
        metric.first_contact_resolved,
        metric.complaints,
        metric.ring_seconds_limit,
    )
    assert counts == (4, 2, 720, 3, 11, 2, 1, 15)
    assert (
        metric.avg_talk_seconds,
        metric.in_time_pct,
        metric.avg_satisfaction,
        metric.first_contact_pct,
    ) == (180, Decimal("50.0"), Decimal("3.67"), Decimal("50.0"))
    other = AgentDailyMetric.objects.get(agent=day_of_calls.agent, day=DAY)
    assert (other.calls, other.answered_in_time, other.rated_calls) == (1, 0, 1)


def test_fd7_three_ring_limit_comes_from_the_policy_in_force(agent, day_of_calls):
    QualityPolicy.objects.create(valid_from=DAY, ring_seconds_limit=20)
    quality.compute_daily_metrics(day=DAY)
    metric = AgentDailyMetric.objects.get(agent=agent, day=DAY)
    assert (metric.answered_in_time, metric.ring_seconds_limit) == (3, 20)


def test_fd7_recomputing_a_day_is_idempotent_and_follows_the_records(agent, day_of_calls):
    quality.compute_daily_metrics(day=DAY)
    quality.compute_daily_metrics(day=DAY)
    assert AgentDailyMetric.objects.filter(day=DAY).count() == 2
    day_of_calls.delete()
    quality.compute_daily_metrics(day=DAY)
    assert list(AgentDailyMetric.objects.filter(day=DAY).values_list("agent", flat=True)) == [
        agent.pk
    ]


def metric(agent, day: date, **counts) -> AgentDailyMetric:
    fields = {
        "calls": 10,
        "answered_in_time": 9,
        "talk_seconds": 1800,
        "rated_calls": 10,
        "satisfaction_total": 45,
        "first_contact_resolved": 8,
        "complaints": 0,
    }
    return AgentDailyMetric.objects.create(
        agent=agent,
        day=day,
        ring_seconds_limit=15,
        computed_at=timezone.now(),
        **{**fields, **counts},
    )


def steady_month(agent, end: date) -> None:
    """28 baseline days of 4.5 satisfaction, 90% in 3 rings, no complaints."""
    for offset in range(7, 35):
        metric(agent, end - timedelta(days=offset))


@pytest.fixture
def manager(db):
    return StaffFactory(roles=[Role.CUSTOMER_MANAGER], name="张敏")


def test_fd7_drop_in_satisfaction_alerts_the_customer_manager_once(agent, manager):
    steady_month(agent, DAY)
    for offset in range(7):  # 3.5 a call: more than 15% below 4.5 (3.825)
        metric(agent, DAY - timedelta(days=offset), satisfaction_total=35)
    [alert] = quality.detect_anomalies(day=DAY)
    assert (alert.agent, alert.kind, alert.recent_value, alert.baseline_value) == (
        agent,
        AlertKind.SATISFACTION_DROP,
        Decimal("3.50"),
        Decimal("4.50"),
    )
    assert list(Notification.objects.filter(recipient=manager).values_list("text", flat=True)) == [
        "Hotline quality alert. 吴静: satisfaction over the last 7 days is 3.50, more than 15% "
        "below the 4.50 of the 28 days before."
    ]
    assert quality.detect_anomalies(day=DAY) == []  # re-run: nothing twice
    metric(agent, DAY + timedelta(days=1), satisfaction_total=35)
    assert quality.detect_anomalies(day=DAY + timedelta(days=1)) == []  # same anomaly goes on
    assert Notification.objects.filter(recipient=manager).count() == 1


def test_fd7_satisfaction_at_exactly_15_percent_below_does_not_alert(agent, manager):
    steady_month(agent, DAY)
    for offset in range(7):  # 3.825 exactly: 15% below 4.5
        metric(agent, DAY - timedelta(days=offset), rated_calls=40, satisfaction_total=153)
    assert quality.detect_anomalies(day=DAY) == []
    assert not Notification.objects.exists()


def test_fd7_anomaly_over_clears_the_alert_and_a_new_one_alerts_again(agent, manager):
    steady_month(agent, DAY)
    for offset in range(7):
        metric(agent, DAY - timedelta(days=offset), complaints=1)
    [alert] = quality.detect_anomalies(day=DAY)
    assert alert.kind == AlertKind.COMPLAINTS_RISING
    later = DAY + timedelta(days=7)
    for offset in range(7):
        metric(agent, later - timedelta(days=offset))
    assert quality.detect_anomalies(day=later) == []
    alert.refresh_from_db()
    assert alert.cleared_on == later
    assert quality.detect_anomalies(day=DAY) == []  # back-filling the old night: covered
    for offset in range(7):
        AgentDailyMetric.objects.filter(agent=agent, day=later - timedelta(days=offset)).update(
            complaints=2
        )
    assert [a.kind for a in quality.detect_anomalies(day=later)] == [AlertKind.COMPLAINTS_RISING]
    assert QualityAlert.objects.filter(cleared_on__isnull=True).count() == 1


def test_fd7_falling_three_ring_share_alerts(agent, manager):
    steady_month(agent, DAY)
    for offset in range(7):  # 70% against 90%
        metric(agent, DAY - timedelta(days=offset), answered_in_time=7)
    assert [a.kind for a in quality.detect_anomalies(day=DAY)] == [AlertKind.RING_SHARE_FALLING]


def test_fd7_nightly_job_computes_yesterday_then_checks_it(agent, manager, eager_celery):
    yesterday = timezone.localdate() - timedelta(days=1)
    CallRecordFactory(agent=agent, started_at=local(yesterday, 10), satisfaction=1)
    assert nightly_quality.delay().get() == [1, 0]
    assert AgentDailyMetric.objects.filter(agent=agent, day=yesterday).count() == 1
    assert nightly_quality.delay(yesterday.isoformat()).get() == [1, 0]


def test_fd7_backfill_command_runs_each_day(agent, capsys):
    CallRecordFactory(agent=agent, started_at=local(DAY, 10))
    call_command("frontdesk_nightly", "--start", "2026-03-09", "--end", "2026-03-10")
    assert capsys.readouterr().out.splitlines() == [
        "2026-03-09: 0 agents, 0 new alerts",
        "2026-03-10: 1 agents, 0 new alerts",
    ]


def test_fd7_nightly_beat_schedule_exists():
    from django.apps import apps
    from django_celery_beat.models import PeriodicTask

    # The data migration's own function (its rows may have been flushed by another test).
    importlib.import_module("frontdesk.migrations.0003_beat_schedule").create_tasks(apps, None)
    task = PeriodicTask.objects.get(task="frontdesk.tasks.nightly_quality")
    assert (task.crontab.hour, task.crontab.minute) == ("2", "15")


def test_fd7_manager_notes_what_was_done_once(agent, manager, cs_agent):
    alert = QualityAlert.objects.create(
        agent=agent,
        kind=AlertKind.SATISFACTION_DROP,
        detected_on=DAY,
        recent_value=Decimal("3.5"),
        baseline_value=Decimal("4.5"),
    )
    with pytest.raises(FrontDeskError) as exc:
        quality.acknowledge_alert(alert=alert, by=cs_agent, note="谈过")
    assert str(exc.value) == "Only the customer manager handles alerts."
    quality.acknowledge_alert(alert=alert, by=manager, note="听了录音，已谈话")
    with pytest.raises(FrontDeskError) as exc:
        quality.acknowledge_alert(alert=alert, by=manager, note="again")
    assert str(exc.value) == "This alert has already been handled."
    alert.refresh_from_db()
    assert (alert.acknowledged_by, alert.acknowledge_note, alert.cleared_on) == (
        manager,
        "听了录音，已谈话",
        None,
    )
