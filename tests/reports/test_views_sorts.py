"""The shared list pattern on the nightly jobs and a segment's leads (issue 15): runs sort by
start (newest first by default), the night they were for or the job; a segment's leads only by
what an index of the leads table answers (consultation date, registration time); an unknown
sort falls back, the filters stay in the header links, and 50 rows take as many queries as 5."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from leads.models import Channel, Lead
from reports.models import JobOutcome, JobRun
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
JOBS = reverse("reports:jobs")
SEGMENT_LEADS = reverse("reports:segment_leads")
ONLINE_IN_MARCH = {"by": "channel", "key": Channel.ONLINE, "month": "2026-03"}


def at(day: int, hour: int = 2, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


def jobs_of(response) -> list[str]:
    return [run.job for run in response.context["page"]]


def names(response) -> list[str]:
    return [lead.customer_name for lead in response.context["page"]]


@pytest.fixture
def runs():
    """The snapshot of 3 March (run on the 4th), the callbacks of the 2nd (run on the 3rd) and
    the attendance of the 1st, re-run by hand on the 4th after the snapshot."""
    for job, night, started in (
        ("snapshot", 3, at(4)),
        ("attendance", 1, at(4, hour=9)),
        ("callbacks", 2, at(3)),
    ):
        JobRun.objects.create(
            job=job, for_date=date(2026, 3, night), started_at=started, outcome=JobOutcome.OK
        )


def test_jobs_sort_by_start_night_and_job(login, gm, runs):
    client = login(gm)
    assert jobs_of(client.get(JOBS)) == ["attendance", "snapshot", "callbacks"]  # newest first
    assert jobs_of(client.get(JOBS, {"sort": "started"})) == ["callbacks", "snapshot", "attendance"]
    assert jobs_of(client.get(JOBS, {"sort": "date"})) == ["attendance", "callbacks", "snapshot"]
    assert jobs_of(client.get(JOBS, {"sort": "-job"})) == ["snapshot", "callbacks", "attendance"]


def test_jobs_ignore_an_unknown_sort_and_keep_the_job_filter(login, gm, runs):
    client = login(gm)
    response = client.get(JOBS, {"job": "snapshot", "sort": "outcome"})
    assert response.context["listing"].sort == "-started"
    assert jobs_of(response) == ["snapshot"]
    body = client.get(JOBS, {"job": "snapshot", "sort": "date"}).content.decode()
    assert 'aria-sort="ascending"' in body
    assert 'href="?job=snapshot&amp;sort=-date"' in body
    assert 'data-testid="job-runs"' in body


@pytest.mark.parametrize("rows", [5, 50])
def test_sorted_jobs_query_count_is_fixed(login, gm, django_assert_num_queries, rows):
    for night in range(rows):
        JobRun.objects.create(
            job="snapshot", for_date=date(2026, 1, 1), started_at=at(night % 28 + 1)
        )
    client = login(gm)
    client.get(JOBS)
    # session, user, permissions, count, runs.
    with django_assert_num_queries(5):
        response = client.get(JOBS, {"sort": "-date", "per_page": "50"})
    assert len(response.context["page"]) == rows


def lead(name: str, consulted: date, registered: datetime, **fields) -> Lead:
    made = LeadFactory(customer_name=name, consultation_date=consulted, **fields)
    Lead.objects.filter(pk=made.pk).update(created_at=registered)  # auto_now_add otherwise
    return made


@pytest.fixture
def segment():
    """Three online leads consulted in March (甲 the 10th, 乙 the 5th, 丙 the 15th), registered
    on the 12th, 20th and 16th; a walk-in of March and an online lead of February besides."""
    for name, consulted, registered in (("甲", 10, 12), ("乙", 5, 20), ("丙", 15, 16)):
        lead(name, date(2026, 3, consulted), at(registered), channel=Channel.ONLINE)
    lead("到店", date(2026, 3, 8), at(8), channel=Channel.WALK_IN)
    lead("二月", date(2026, 2, 20), at(20, month=2), channel=Channel.ONLINE)


def test_segment_leads_sort_by_consultation_and_registration(login, gm, segment):
    client = login(gm)
    assert names(client.get(SEGMENT_LEADS, ONLINE_IN_MARCH)) == ["丙", "甲", "乙"]  # newest first
    by = {**ONLINE_IN_MARCH, "sort": "consulted"}
    assert names(client.get(SEGMENT_LEADS, by)) == ["乙", "甲", "丙"]
    by = {**ONLINE_IN_MARCH, "sort": "registered"}
    assert names(client.get(SEGMENT_LEADS, by)) == ["甲", "丙", "乙"]
    by = {**ONLINE_IN_MARCH, "sort": "-registered"}
    assert names(client.get(SEGMENT_LEADS, by)) == ["乙", "丙", "甲"]


def test_segment_leads_ignore_an_unsorted_column_and_keep_the_segment(login, gm, segment):
    client = login(gm)
    response = client.get(SEGMENT_LEADS, {**ONLINE_IN_MARCH, "sort": "customer_name"})
    assert response.context["listing"].sort == "-consulted"
    assert names(response) == ["丙", "甲", "乙"]
    body = client.get(SEGMENT_LEADS, {**ONLINE_IN_MARCH, "sort": "registered"}).content.decode()
    assert 'aria-sort="ascending"' in body
    assert 'href="?by=channel&amp;key=ONLINE&amp;month=2026-03&amp;sort=-registered"' in body
    assert 'data-testid="segment-lead-list"' in body


@pytest.mark.parametrize("rows", [5, 50])
def test_sorted_segment_leads_query_count_is_fixed(login, gm, django_assert_num_queries, rows):
    LeadFactory.create_batch(rows, channel=Channel.ONLINE, consultation_date=date(2026, 3, 9))
    client = login(gm)
    client.get(SEGMENT_LEADS, ONLINE_IN_MARCH)
    # session, user, permissions, count, the leads with their designers and whether signed.
    with django_assert_num_queries(5):
        response = client.get(
            SEGMENT_LEADS, {**ONLINE_IN_MARCH, "sort": "-registered", "per_page": "50"}
        )
    assert len(response.context["page"]) == rows
