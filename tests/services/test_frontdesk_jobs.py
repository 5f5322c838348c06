"""RPT-3 on real services: the default beat schedule is in the database scheduler's tables, the
nightly runner runs on the real worker through Redis (and re-running duplicates nothing), and the
report queries (RPT-1's UNION ALL, RPT-2's grouping) give the hand-built figures on PostgreSQL.

The worker uses the pytest database (test_<name>), so every test commits its rows
(transaction=True) before sending the task, then polls the database for the effect.
"""

import time
from datetime import date
from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django_celery_beat.models import PeriodicTask

from reports.models import DailySnapshot, JobRun
from reports.queries.monthly import monthly_report
from reports.queries.tables import frontdesk_table
from reports.tasks import run_nightly_jobs
from tests.reports import report_fixture

pytestmark = pytest.mark.django_db(transaction=True)
TASK = "frontdesk.tasks.run_nightly_jobs"


def wait_for(check, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return check()


@pytest.fixture
def worker_disconnected():
    """End the worker's kept-open connection so PostgreSQL can drop the test database."""
    yield
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def _schedule() -> PeriodicTask:
    """The data migration's row (re-created when an earlier transactional test flushed it)."""
    if not PeriodicTask.objects.filter(task=TASK).exists():
        import_module("frontdesk.migrations.0005_nightly_runner_and_bands").create(apps, None)
    return PeriodicTask.objects.get(task=TASK)


def test_rpt3_beat_schedule_exists_in_the_scheduler_tables():
    task = _schedule()
    assert task.enabled
    assert (task.crontab.minute, task.crontab.hour) == ("30", "2")
    assert str(task.crontab.timezone) == "Asia/Shanghai"


def test_rpt3_nightly_runner_runs_on_the_real_worker(live_worker, worker_disconnected):
    report_fixture.build()
    _schedule()

    result = run_nightly_jobs.delay("2026-03-03")

    assert result.get(timeout=60) == {
        "snapshot": "OK",
        "attendance": "OK",
        "hotline": "OK",
        "escalations": "OK",
        "callbacks": "OK",
        "greetings": "OK",
    }
    assert wait_for(lambda: DailySnapshot.objects.filter(day=date(2026, 3, 3)).exists())
    snap = DailySnapshot.objects.get(day=date(2026, 3, 3))
    assert (snap.leads, snap.walk_ins, snap.calls, snap.dispatches) == (2, 1, 1, 3)
    # The same night again, through the broker: one snapshot still, six more recorded runs.
    assert run_nightly_jobs.delay("2026-03-03").get(timeout=60)["snapshot"] == "OK"
    assert DailySnapshot.objects.filter(day=date(2026, 3, 3)).count() == 1
    assert JobRun.objects.filter(for_date=date(2026, 3, 3)).count() == 12


def test_rpt1_rpt2_figures_on_postgresql():
    report_fixture.build()
    week = frontdesk_table("week", date(2026, 3, 4)).total
    assert (week.leads, week.walk_ins, week.calls, week.appointments) == (4, 3, 1, 1)
    assert (week.dispatches, week.measurements, week.signings, week.closures) == (4, 2, 1, 1)
    report = monthly_report(date(2026, 3, 1))
    total = report.funnel.total
    assert (total.leads, total.dispatched, total.measured, total.signed) == (5, 3, 2, 2)
    assert (report.contracts.count, int(report.contracts.amount)) == (2, 260000)
    assert report.complaints.total.avg_close_hours == 24.0
    assert [(r.key, r.count, r.prev_count) for r in report.closures] == [
        ("INVALID:NO_PLAN", 1, 0),
        ("DEAD:PRICE", 0, 1),
    ]
