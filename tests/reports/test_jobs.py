"""RPT-3: the nightly runner — snapshot upsert, each job idempotent and recorded, back-fill by
date range, the management command, the default beat schedule, the jobs page."""

from datetime import date
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from complaints.models import Escalation
from reports.models import DailySnapshot, JobRun
from reports.services import jobs
from reports.tasks import run_nightly_jobs
from staff.models import Role
from tests.reports import report_fixture

pytestmark = pytest.mark.django_db

MARCH_3 = date(2026, 3, 3)


def test_rpt3_snapshot_has_the_day_figures_and_upserts():
    report_fixture.build()
    jobs.take_snapshot(day=MARCH_3)
    jobs.take_snapshot(day=MARCH_3)
    assert DailySnapshot.objects.count() == 1
    snap = DailySnapshot.objects.get(day=MARCH_3)
    assert (snap.leads, snap.walk_ins, snap.calls, snap.dispatches) == (2, 1, 1, 3)
    assert snap.leads_by_channel["PHONE"] == 2


def test_rpt3_every_job_runs_records_and_is_idempotent():
    report_fixture.build()
    first = jobs.run_nightly(day=MARCH_3)
    assert [run.job for run in first] == [
        "snapshot",
        "attendance",
        "hotline",
        "escalations",
        "callbacks",
        "greetings",
    ]
    assert [run.outcome for run in first] == ["OK"] * 6, [run.message for run in first]
    assert all(run.finished_at >= run.started_at for run in first)
    flagged = Escalation.objects.count()
    second = jobs.run_nightly(day=MARCH_3)
    assert [run.outcome for run in second] == ["OK"] * 6
    assert DailySnapshot.objects.count() == 1
    assert Escalation.objects.count() == flagged
    assert JobRun.objects.filter(for_date=MARCH_3).count() == 12


def test_rpt3_a_failing_job_is_recorded_and_the_night_goes_on():
    def boom(day):
        raise RuntimeError("数据库不可用")

    with mock.patch.dict(jobs.JOBS, {"attendance": ("Attendance", boom)}):
        runs = jobs.run_nightly(day=MARCH_3)
    outcomes = {run.job: (run.outcome, run.message) for run in runs}
    assert outcomes["attendance"] == ("ERROR", "RuntimeError: 数据库不可用")
    assert outcomes["snapshot"][0] == outcomes["callbacks"][0] == "OK"


def test_rpt3_backfill_runs_each_date():
    runs = jobs.backfill(first=date(2026, 3, 1), last=date(2026, 3, 3), jobs=["snapshot"])
    assert [run.for_date for run in runs] == [date(2026, 3, d) for d in (1, 2, 3)]
    assert DailySnapshot.objects.count() == 3


def test_rpt3_backfill_refuses_a_reversed_range():
    with pytest.raises(jobs.JobError, match="The last date is before the first."):
        jobs.backfill(first=date(2026, 3, 3), last=date(2026, 3, 1))


def test_rpt3_run_nightly_command_backfills():
    out = StringIO()
    call_command("run_nightly", "--from", "2026-03-01", "--to", "2026-03-02", stdout=out)
    assert JobRun.objects.count() == 12
    assert set(JobRun.objects.values_list("outcome", flat=True)) == {"OK"}
    assert "2026-03-02 snapshot" in out.getvalue()
    assert DailySnapshot.objects.filter(day__range=("2026-03-01", "2026-03-02")).count() == 2


def test_rpt3_task_runs_the_night(eager_celery):
    result = run_nightly_jobs.delay("2026-03-03").get()
    assert result == dict.fromkeys(jobs.JOBS, "OK")


RUNNER_MIGRATION = "0005_nightly_runner_and_bands"


def _apps_at(migration: str):
    """The models as that front desk migration saw them (SegmentBand was still the front desk's;
    it moved to reports in issue 17)."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(connection).project_state(("frontdesk", migration)).apps


def test_rpt3_default_beat_schedule_exists():
    task = PeriodicTask.objects.filter(task="frontdesk.tasks.run_nightly_jobs").first()
    if task is None:  # a transactional test flushed the data-migration rows: re-create them
        from importlib import import_module

        apps = _apps_at(RUNNER_MIGRATION)
        import_module(f"frontdesk.migrations.{RUNNER_MIGRATION}").create(apps, None)
        task = PeriodicTask.objects.get(task="frontdesk.tasks.run_nightly_jobs")
    assert (task.crontab.hour, task.crontab.minute) == ("2", "30")
    assert str(task.crontab.timezone) == "Asia/Shanghai"
    assert task.enabled


@pytest.mark.parametrize(
    ("persona", "status"),
    [(Role.GM, 200), (Role.CUSTOMER_MANAGER, 403), (Role.FRONT_DESK, 403)],
    indirect=["persona"],
)
def test_rpt3_jobs_page_access(login, persona, status):
    assert login(persona).get(reverse("reports:jobs")).status_code == status


def test_rpt3_jobs_page_lists_runs_and_gm_cannot_run(login, gm):
    jobs.run_nightly(day=MARCH_3, jobs=["snapshot"])
    client = login(gm)
    response = client.get(reverse("reports:jobs"))
    assert list(response.context["page"])[0].job == "snapshot"
    assert response.context["can_run"] is False
    assert client.post(reverse("reports:jobs_run"), {"day": "2026-03-03"}).status_code == 403


def test_rpt3_superuser_runs_a_night_from_the_page(login):
    from tests.factories import StaffFactory

    admin = StaffFactory(is_superuser=True, is_staff=True)
    response = login(admin).post(reverse("reports:jobs_run"), {"day": "2026-03-03"})
    assert response.status_code == 302
    assert JobRun.objects.filter(for_date=MARCH_3).count() == 6


def test_rpt3_jobs_page_query_count_fixed(login, gm, django_assert_num_queries):
    client = login(gm)
    jobs.run_nightly(day=MARCH_3, jobs=["snapshot"])
    client.get(reverse("reports:jobs"))
    with django_assert_num_queries(5) as small:
        client.get(reverse("reports:jobs"))
    jobs.backfill(first=date(2026, 3, 1), last=date(2026, 3, 20), jobs=["snapshot"])
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(reverse("reports:jobs"))


def test_rpt3_the_runner_replaces_the_separate_hotline_schedule():
    from importlib import import_module

    apps = _apps_at(RUNNER_MIGRATION)
    import_module("frontdesk.migrations.0003_beat_schedule").create_tasks(apps, None)
    import_module(f"frontdesk.migrations.{RUNNER_MIGRATION}").create(apps, None)
    assert not PeriodicTask.objects.get(task="frontdesk.tasks.nightly_quality").enabled
    assert PeriodicTask.objects.get(task="frontdesk.tasks.run_nightly_jobs").enabled
