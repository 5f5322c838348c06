"""QG-3: the GM monthly report's fairness section counts quality holds per designer and tier,
checked against the hand-built March of the report's own tests."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from dispatch.models import Skip
from reports.queries.monthly import monthly_report
from tests.dispatch.quality_facts import hold_for
from tests.reports import report_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def march():
    fixture = report_fixture.build()
    hold_for(fixture.d1, date(2026, 3, 5), lift_reason="", reason="Complaint TS2026-0001")
    hold_for(fixture.d1, date(2026, 4, 1))  # April: not March's
    hold_for(fixture.d2, date(2026, 2, 20))  # started in February, runs into March: not counted
    hold_for(fixture.d3, date(2026, 3, 31), days=1)  # the last day counts
    hold_for(fixture.d2, date(2026, 3, 1), days=2)  # the first day counts
    return fixture


def test_qg3_holds_started_in_the_month_per_designer(march):
    report = monthly_report(date(2026, 3, 1))
    rows = {row.name: row.holds for row in report.fairness}
    assert rows == {"设计师甲": 1, "设计师乙": 1, "总监丙": 1}


def test_qg3_holds_per_tier(march):
    report = monthly_report(date(2026, 3, 1))
    assert [(str(label), n) for label, n in report.holds_by_tier()] == [
        ("Designer", 2),
        ("Director designer", 1),
    ]


def test_qg3_quality_hold_skips_are_counted_by_reason(march):
    first = march.d1.dispatch_assignments.order_by("dispatched_at").last()
    Skip.objects.create(
        assignment=first,
        designer=march.d2,
        reason=Skip.Reason.QUALITY_HOLD,
        skipped_at=first.dispatched_at + timedelta(seconds=1),
    )
    report = monthly_report(date(2026, 3, 1))
    rows = {row.name: row for row in report.fairness}
    assert rows["设计师乙"].skips["QUALITY_HOLD"] == 1
    tiers = {str(t.tier_label): t for t in report.skips_by_tier()}
    assert tiers["Designer"].counts["QUALITY_HOLD"] == 1


def test_qg3_report_page_shows_holds_per_tier(march, login, gm):
    response = login(gm).get(reverse("reports:monthly"), {"month": "2026-03"})
    page = response.content.decode()
    assert 'data-testid="holds-by-tier"' in page
    assert f'data-testid="holds-{march.d1.pk}">1<' in page
