"""FD-10 每日小结: the agent's end-of-shift review — today against yesterday and against the
chosen benchmark colleague, a few lines and a plan — private to the agent, the supervisor chain
and HR (the customer manager reads every agent's)."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from frontdesk.models import DailyReview
from frontdesk.rules import review as rules
from frontdesk.services.errors import FrontDeskError
from frontdesk.services.review import save_review
from leads.models import Callback
from tests.factories import StaffFactory
from tests.frontdesk.factories import CallRecordFactory
from tests.leads.factories import LeadFactory

REVIEW = reverse("frontdesk:review")
TEAM = reverse("frontdesk:review_team")


def at(day, hour=10, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


# --- rules ---------------------------------------------------------------------------------------


def test_fd10_figures_in_time_share_and_satisfaction():
    figures = rules.DayFigures(calls=3, answered_in_time=2, rated_calls=2, satisfaction_total=9)
    assert (str(figures.in_time_pct), str(figures.satisfaction)) == ("66.7", "4.50")
    assert rules.DayFigures().in_time_pct is None and rules.DayFigures().satisfaction is None


def test_fd10_review_private_to_agent_chain_and_hr():
    agent, boss, stranger = 1, 2, 3
    assert rules.may_read_review(rules.Viewer(agent), agent, [boss])
    assert rules.may_read_review(rules.Viewer(boss), agent, [boss])
    assert rules.may_read_review(rules.Viewer(stranger, is_hr=True), agent, [boss])
    assert rules.may_read_review(rules.Viewer(stranger, is_customer_manager=True), agent, [boss])
    assert not rules.may_read_review(rules.Viewer(stranger), agent, [boss])


def test_fd10_write_today_only_and_not_oneself_as_benchmark():
    today = timezone.localdate()
    ok = rules.check_write(
        agent_id=1, day=today, today=today, benchmark_id=2, benchmark_is_agent=True
    )
    assert ok
    refused = rules.check_write(
        agent_id=1, day=today, today=today, benchmark_id=1, benchmark_is_agent=True
    )
    assert refused.reason == rules.ReviewRefusal.SELF_BENCHMARK
    late = rules.check_write(
        agent_id=1,
        day=today - timedelta(days=1),
        today=today,
        benchmark_id=None,
        benchmark_is_agent=False,
    )
    assert late.reason == rules.ReviewRefusal.NOT_TODAY
    not_agent = rules.check_write(
        agent_id=1, day=today, today=today, benchmark_id=2, benchmark_is_agent=False
    )
    assert not_agent.reason == rules.ReviewRefusal.NOT_AN_AGENT


# --- service -------------------------------------------------------------------------------------


@pytest.fixture
def team(db, cs_agent, customer_manager):
    """cs_agent reports to the customer manager; `star` is the benchmark colleague."""
    star = StaffFactory(roles=["CS_AGENT"], name="标杆小郑", supervisor=customer_manager)
    cs_agent.supervisor = customer_manager
    cs_agent.save(update_fields=["supervisor"])
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    CallRecordFactory(agent=cs_agent, started_at=at(today, 9), ring_seconds=5, satisfaction=5)
    CallRecordFactory(agent=cs_agent, started_at=at(today, 10), ring_seconds=40, satisfaction=3)
    CallRecordFactory(agent=cs_agent, started_at=at(yesterday, 9), ring_seconds=5)
    for minute in range(3):
        CallRecordFactory(agent=star, started_at=at(today, 11, minute), ring_seconds=5)
    lead = LeadFactory()
    Callback.objects.create(
        lead=lead,
        kind="AFTER_DISPATCH",
        assignee=cs_agent,
        due_at=at(today, 8),
        done_at=at(today, 9),
        done_by=cs_agent,
    )
    return star


@pytest.mark.django_db
def test_fd10_one_review_per_agent_and_day(cs_agent, team):
    save_review(agent=cs_agent, text="接了两个电话", plan="", benchmark=team)
    save_review(agent=cs_agent, text="改一下", plan="明天更快接听", benchmark=team)
    review = DailyReview.objects.get()
    assert (review.text, review.plan, review.benchmark) == ("改一下", "明天更快接听", team)


@pytest.mark.django_db
def test_fd10_oneself_as_benchmark_is_refused(cs_agent, designer):
    with translation.override("en"), pytest.raises(FrontDeskError, match="not yourself"):
        save_review(agent=cs_agent, text="", plan="", benchmark=cs_agent)
    with pytest.raises(FrontDeskError):
        save_review(agent=cs_agent, text="", plan="", benchmark=designer)
    assert not DailyReview.objects.exists()


# --- views ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_fd10_page_compares_today_yesterday_and_benchmark(login, cs_agent, team):
    DailyReview.objects.create(agent=team, day=timezone.localdate(), text="标杆的私密小结")
    client = login(cs_agent)
    response = client.post(REVIEW, {"text": "今天不错", "plan": "少让电话响", "benchmark": team.pk})
    assert response.status_code == 302
    page = client.get(REVIEW)
    columns = [figures for _label, figures in page.context["columns"]]
    assert [(f.calls, f.answered_in_time, f.satisfaction, f.callbacks_done) for f in columns] == [
        (2, 1, rules.DayFigures(rated_calls=2, satisfaction_total=8).satisfaction, 1),
        (1, 1, columns[1].satisfaction, 0),
        (3, 3, columns[2].satisfaction, 0),
    ]
    body = page.content.decode()
    assert "今天不错" in body
    assert "标杆的私密小结" not in body  # the benchmark's figures, never their review


@pytest.mark.django_db
def test_fd10_team_view_per_visibility(login, cs_agent, customer_manager, hr, gm, team):
    save_review(agent=cs_agent, text="我的小结", plan="", benchmark=team)
    for reader in (customer_manager, hr):
        rows = login(reader).get(TEAM).context["rows"]
        assert {row.agent for row in rows} == {cs_agent, team}
    # The GM is above neither agent here: nothing to read.
    assert login(gm).get(TEAM).context["rows"] == []
    customer_manager.supervisor = gm
    customer_manager.save(update_fields=["supervisor"])
    gm_rows = login(gm).get(TEAM).context["rows"]
    assert {row.agent for row in gm_rows} == {cs_agent, team}
    assert login(cs_agent).get(TEAM).status_code == 403
    assert login(customer_manager).get(REVIEW).status_code == 403  # agents write reviews


@pytest.mark.django_db
def test_fd10_pages_fixed_query_counts(login, cs_agent, customer_manager, team):
    save_review(agent=cs_agent, text="小结", plan="", benchmark=team)
    agent_client, team_client = login(cs_agent), login(customer_manager)
    agent_client.get(REVIEW), team_client.get(TEAM)  # warm sessions
    with CaptureQueriesContext(connection) as agent_few:
        agent_client.get(REVIEW)
    with CaptureQueriesContext(connection) as team_few:
        team_client.get(TEAM)
    for n in range(4):
        other = StaffFactory(roles=["CS_AGENT"], supervisor=customer_manager)
        CallRecordFactory(agent=other, started_at=at(timezone.localdate(), 12, n))
        save_review(agent=other, text=f"小结{n}", plan="", benchmark=team)
    with CaptureQueriesContext(connection) as agent_many:
        agent_client.get(REVIEW)
    with CaptureQueriesContext(connection) as team_many:
        team_client.get(TEAM)
    assert len(agent_many) == len(agent_few)
    assert len(team_many) == len(team_few)
    assert len(team_many.captured_queries) <= 14
