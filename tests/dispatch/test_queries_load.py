"""Read side: load counts, leave, the queue and its counts (DISP-2, DISP-3, DISP-5)."""

import datetime
import sys

import pytest

from dispatch import queries
from leads.models import Channel, LeadState
from tests.attendance.factories import LeaveRequestFactory
from tests.dispatch.conftest import NOW
from tests.dispatch.factories import AssignmentFactory, ReadyLeadFactory
from tests.leads.factories import SlipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]
TODAY = NOW.date()


def snapshot(designer):
    day = queries.dispatch_day()
    return next(s for s in queries.designer_snapshots(day) if s.designer_id == designer.pk)


def test_disp3_counts_today_week_and_open_this_week(make_designer):
    designer = make_designer()
    AssignmentFactory(designer=designer)  # today, open
    AssignmentFactory(designer=designer, dispatched_at=NOW - datetime.timedelta(days=2))  # Mon
    AssignmentFactory(  # Monday, measured since: counts for the week, not for the season cap
        designer=designer,
        dispatched_at=NOW - datetime.timedelta(days=2),
        lead__state=LeadState.MEASURED,
    )
    AssignmentFactory(designer=designer, dispatched_at=NOW - datetime.timedelta(days=3))  # Sun
    AssignmentFactory(designer=designer, declined_at=NOW, decline_reason="出差")  # declined
    s = snapshot(designer)
    assert (s.today_count, s.week_count, s.open_this_week) == (1, 3, 2)
    assert s.last_dispatch_at == NOW


def test_disp3_lead_redispatched_to_someone_else_leaves_the_open_count(make_designer):
    first, second = make_designer(), make_designer()
    assignment = AssignmentFactory(designer=first)
    type(assignment.lead).objects.filter(pk=assignment.lead.pk).update(designer=second)
    assert snapshot(first).open_this_week == 0


def test_disp5_designers_on_leave_come_from_attendance(make_designer):
    away = make_designer()
    LeaveRequestFactory(staff=away, start_day=TODAY, end_day=TODAY)
    LeaveRequestFactory(staff=make_designer(), start_day=TODAY, status="REJECTED")
    assert queries.designers_on_leave(TODAY) == {away.pk}
    assert snapshot(away).on_leave is True


def test_disp5_without_attendance_nobody_is_on_leave(monkeypatch):
    monkeypatch.setitem(sys.modules, "attendance.queries", None)  # import raises ImportError
    assert queries.designers_on_leave(TODAY) == frozenset()


def test_disp2_ready_queue_and_not_ready_split_with_counts():
    ready = ReadyLeadFactory()
    no_budget = ReadyLeadFactory(budget=None, size_class="")
    unsigned = SlipFactory(lead__levels_introduced=True).lead
    marketing_no_slip = ReadyLeadFactory(channel=Channel.MARKETING)
    AssignmentFactory()
    assert list(queries.ready_queue()) == [ready]
    waiting = {lead.pk: queries.blockers(lead) for lead in queries.not_ready_leads()}
    assert waiting[no_budget.pk] == ["The budget is not known."]
    assert "transfer slip must first be signed" in waiting[unsigned.pk][0]
    assert waiting[marketing_no_slip.pk][0].startswith("This marketing lead cannot be dispatched")
    assert queries.queue_counts() == {"ready": 1, "waiting": 3, "dispatched": 1}


def test_disp1_size_class_falls_back_to_the_budget_when_intake_left_it_blank():
    lead = ReadyLeadFactory(size_class="", budget=60000)
    assert queries.lead_size_class(lead) == "LARGE"
