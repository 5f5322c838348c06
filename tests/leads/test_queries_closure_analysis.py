"""CLOSE-4: confirmed closures by reason, channel, designer and month, counted in the database."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from leads.models import Channel, ClosureStatus
from leads.queries.closures import AnalysisFilters, closure_analysis
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory
from tests.leads.lifecycle_factories import ClosureFactory

pytestmark = pytest.mark.django_db


def confirmed(
    day: date, *, kind="INVALID", reason="NO_PLAN", channel=Channel.WALK_IN, designer=None
):
    moment = timezone.make_aware(datetime(day.year, day.month, day.day, 23, 30))
    return ClosureFactory(
        lead=LeadFactory(channel=channel, designer=designer),
        kind=kind,
        reason=reason,
        status=ClosureStatus.CONFIRMED,
        decided_at=moment,
    )


@pytest.fixture
def closures_fixture(db):
    han = StaffFactory(roles=["DESIGNER"], name="韩雪")
    yang = StaffFactory(roles=["DESIGNER"], name="杨帆")
    confirmed(date(2026, 4, 30), reason="NO_PLAN", channel=Channel.PHONE)  # 23:30 Beijing
    confirmed(date(2026, 5, 2), reason="NO_PLAN", channel=Channel.WALK_IN)
    confirmed(
        date(2026, 5, 3), kind="DEAD", reason="PRICE", channel=Channel.MARKETING, designer=han
    )
    confirmed(date(2026, 5, 9), kind="DEAD", reason="PRICE", channel=Channel.WALK_IN, designer=han)
    confirmed(date(2026, 5, 20), kind="DEAD", reason="REFUND", designer=yang)
    ClosureFactory(status=ClosureStatus.PROPOSED)  # not confirmed: not counted
    ClosureFactory(status=ClosureStatus.REJECTED)
    ClosureFactory(status=ClosureStatus.REOPENED, decided_at=timezone.now())
    return han, yang


def as_counts(rows) -> dict[str, int]:
    return {row.key: row.count for row in rows}


def test_close4_by_reason_counts_confirmed_closures(closures_fixture):
    analysis = closure_analysis(AnalysisFilters())
    assert analysis.total == 5
    assert as_counts(analysis.reasons) == {"INVALID:NO_PLAN": 2, "DEAD:PRICE": 2, "DEAD:REFUND": 1}
    assert [row.share for row in analysis.reasons] == [40.0, 40.0, 20.0]


def test_close4_by_channel_and_designer(closures_fixture):
    han, yang = closures_fixture
    analysis = closure_analysis(AnalysisFilters())
    assert as_counts(analysis.channels) == {"WALK_IN": 3, "PHONE": 1, "MARKETING": 1}
    assert as_counts(analysis.designers) == {str(han.pk): 2, "": 2, str(yang.pk): 1}
    assert [row.label for row in analysis.designers] == [
        "韩雪",
        "No designer (not dispatched)",
        "杨帆",
    ]


def test_close4_by_month_of_confirmation_in_beijing_time(closures_fixture):
    analysis = closure_analysis(AnalysisFilters())
    assert as_counts(analysis.months) == {"2026-04": 1, "2026-05": 4}


def test_close4_period_and_kind_filters(closures_fixture):
    may_dead = closure_analysis(
        AnalysisFilters(date_from=date(2026, 5, 1), date_to=date(2026, 5, 9), kind="DEAD")
    )
    assert (may_dead.total, as_counts(may_dead.reasons)) == (2, {"DEAD:PRICE": 2})
    april = closure_analysis(AnalysisFilters(date_to=date(2026, 4, 30)))
    assert april.total == 1


def test_close4_analysis_takes_five_queries_whatever_the_volume(
    closures_fixture, django_assert_num_queries
):
    with django_assert_num_queries(5):
        closure_analysis(AnalysisFilters())
