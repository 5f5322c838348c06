"""RPT-2: the GM's monthly report against the hand-built March (figures per section and per
chart dataset, access, Excel export, bounded query count) and CLOSE-4's reason section."""

from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from dispatch.models import Skip
from reports.queries.monthly import monthly_report
from staff.models import Role
from tests.reports import report_fixture

pytestmark = pytest.mark.django_db

URL = reverse("reports:monthly")
MARCH = {"month": "2026-03"}


@pytest.fixture
def report():
    report_fixture.build()
    return monthly_report(date(2026, 3, 1))


def _row(rows, label):
    return next(row for row in rows if str(row.label) == label)


def test_rpt2_funnel_total_and_change(report):
    total = report.funnel.total
    assert (total.leads, total.dispatched, total.measured, total.signed) == (5, 3, 2, 2)
    assert (total.conversion, total.prev_leads, total.prev_signed) == (40.0, 2, 1)
    assert (total.prev_conversion, total.change) == (50.0, -10.0)


def test_rpt2_funnel_by_channel_size_tier_designer(report):
    walk_in = _row(report.funnel.channels, "Walk-in")
    assert (walk_in.leads, walk_in.signed, walk_in.conversion, walk_in.change) == (2, 1, 50.0, 0.0)
    phone = _row(report.funnel.channels, "Phone call")
    assert (phone.leads, phone.signed, phone.prev_leads, phone.change) == (2, 1, 0, None)
    assert [row.key for row in report.funnel.channels] == ["WALK_IN", "PHONE", "ONLINE"]
    small = next(row for row in report.funnel.sizes if row.key == "SMALL")
    assert (small.leads, small.signed, small.prev_leads, small.prev_signed) == (2, 1, 2, 1)
    director = next(row for row in report.funnel.tiers if row.key == "DIRECTOR")
    assert (director.leads, director.signed) == (1, 1)
    designer_tier = next(row for row in report.funnel.tiers if row.key == "DESIGNER")
    assert (designer_tier.leads, designer_tier.measured, designer_tier.signed) == (2, 2, 1)
    d1 = _row(report.funnel.designers, "设计师甲")
    assert (d1.leads, d1.measured, d1.signed, d1.conversion) == (2, 2, 1, 50.0)
    nobody = _row(report.funnel.designers, "Not dispatched")
    assert (nobody.leads, nobody.signed) == (2, 0)


def test_rpt2_contracts(report):
    c = report.contracts
    assert (c.count, c.amount, c.refunded) == (2, Decimal(260000), 0)
    assert (c.prev_count, c.prev_amount) == (1, Decimal(50000))
    assert c.by_type == {
        "Design contract": {"count": 1, "amount": Decimal(60000)},
        "Construction contract": {"count": 1, "amount": Decimal(200000)},
    }


def test_rpt2_dispatch_fairness_per_tier(report):
    rows = {row.name: row for row in report.fairness}
    d1, d2, d3 = rows["设计师甲"], rows["设计师乙"], rows["总监丙"]
    assert (d1.dispatches, d1.forced, d1.share, d1.allowed_share, d1.gap) == (
        2,
        1,
        66.7,
        50.0,
        16.7,
    )
    assert (d2.dispatches, d2.declined, d2.share, d2.gap) == (1, 1, 33.3, -16.7)
    assert (d3.dispatches, d3.chosen, d3.share, d3.allowed_share) == (1, 1, 100.0, 100.0)


def test_rpt2_skips_by_reason_per_designer_and_tier():
    fixture = report_fixture.build()
    # A skip of the last day of February stays out of March.
    february = fixture.d1.dispatch_assignments.order_by("dispatched_at").first()
    Skip.objects.create(
        assignment=february,
        designer=fixture.d2,
        reason=Skip.Reason.WEEK_CAP,
        skipped_at=report_fixture.at(date(2026, 2, 28), 23, 59),
    )
    report = monthly_report(date(2026, 3, 1))
    rows = {row.name: row for row in report.fairness}
    assert rows["设计师乙"].skips == {
        "ON_LEAVE": 1,
        "DAY_CAP": 0,
        "WEEK_CAP": 0,
        "SEASON_CAP": 0,
        "DECLINED": 1,
        "QUALITY_HOLD": 0,
    }
    assert (rows["设计师乙"].skipped, rows["设计师甲"].skipped, rows["总监丙"].skipped) == (2, 0, 0)
    tiers = {str(t.tier_label): t for t in report.skips_by_tier()}
    assert list(tiers["Designer"].counts.values()) == [1, 0, 0, 0, 1, 0]
    assert (tiers["Designer"].total, tiers["Director designer"].total) == (2, 0)


def test_close4_closure_reasons_this_month_and_last(report):
    assert [(r.key, r.count, r.prev_count) for r in report.closures] == [
        ("INVALID:NO_PLAN", 1, 0),
        ("DEAD:PRICE", 0, 1),
    ]


def test_rpt2_complaints_by_category_department_time_and_overdue(report):
    cm = report.complaints
    assert (cm.total.received, cm.total.closed, cm.total.overdue) == (2, 1, 1)
    assert cm.total.avg_close_hours == 24.0
    assert cm.prev_received == 1
    assert [(r.label, r.received, r.closed, r.overdue) for r in cm.categories] == [
        ("施工质量", 1, 1, 0),
        ("服务态度", 1, 0, 1),
    ]
    assert [(r.label, r.received) for r in cm.departments] == [
        ("Engineering", 1),
        ("Not decided yet", 1),
    ]


def test_rpt2_attendance_and_pay(report):
    a = report.attendance
    assert (a["people"], a["late"], a["absent"], a["violations"]) == (2, 1, 1, 0)
    assert report.pay["status"] == ""
    assert report.pay_rows()[1][1] == 0


def test_rpt2_chart_datasets_match_the_tables(report):
    charts = report.charts()
    assert charts["funnel"]["values"] == [5, 3, 2, 2]
    assert charts["channels"] == {
        "labels": ["Walk-in", "Phone call", "Online"],
        "leads": [2, 2, 1],
        "signed": [1, 1, 0],
        "prev_leads": [2, 0, 0],
    }
    assert charts["closures"]["values"] == [1, 0]
    assert charts["closures"]["prev"] == [0, 1]
    assert charts["complaints"] == {"labels": ["施工质量", "服务态度"], "values": [1, 1]}
    assert sorted(zip(charts["fairness"]["labels"], charts["fairness"]["share"])) == [
        ("总监丙", 100.0),
        ("设计师乙", 33.3),
        ("设计师甲", 66.7),
    ]


@pytest.mark.parametrize(
    ("persona", "status"),
    [(Role.GM, 200), (Role.CUSTOMER_MANAGER, 403), (Role.HR, 403), (Role.FRONT_DESK, 403)],
    indirect=["persona"],
)
def test_rpt2_only_the_gm_sees_it(login, persona, status):
    assert login(persona).get(URL, MARCH).status_code == status


def test_rpt2_superuser_sees_it(login):
    from tests.factories import StaffFactory

    admin = StaffFactory(is_superuser=True, is_staff=True)
    assert login(admin).get(URL, MARCH).status_code == 200


def test_rpt2_page_has_charts_data_and_print_layout(login, gm):
    report_fixture.build()
    response = login(gm).get(URL, MARCH)
    body = response.content.decode()
    assert 'id="report-charts"' in body
    assert "chart.umd.min.js" in body
    # The print layout is a stylesheet (the Content-Security-Policy refuses inline <style>).
    assert "css/monthly-report.css" in body
    css = Path(settings.BASE_DIR, "static", "css", "monthly-report.css").read_text()
    assert "size: A4" in css
    assert 'data-testid="chart-fairness"' in body
    assert 'data-testid="skips-by-reason"' in body
    assert response.context["report"].prev == date(2026, 2, 1)


def test_rpt2_export_one_sheet_per_section_same_numbers(login, gm):
    report_fixture.build()
    response = login(gm).get(URL, {**MARCH, "format": "xlsx"})
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == [
        "Funnel",
        "By size",
        "By tier",
        "By designer",
        "Contracts",
        "Dispatch fairness",
        "Closure reasons",
        "Complaints",
        "Attendance",
        "Pay",
    ]
    funnel = list(book["Funnel"].iter_rows(values_only=True))
    # a rate is a fraction shown as 0.0% (issue 19), no longer a number of percent
    assert funnel[1][:6] == ("All leads", 5, 3, 2, 2, 0.4)
    contracts = {row[0]: row[1:] for row in book["Contracts"].iter_rows(values_only=True)}
    assert contracts["Total"] == (2, 260000)
    closures = list(book["Closure reasons"].iter_rows(values_only=True))
    assert closures[1][1:] == (1, 0)
    fairness = {row[1]: row for row in book["Dispatch fairness"].iter_rows(values_only=True)}
    assert fairness["设计师甲"][2:6] == (2, 0.667, 0.5, 16.7)  # shares as 0.0% fractions
    assert fairness["Designer"][-6:] == (
        "Skipped: On leave",
        "Skipped: Daily cap reached",
        "Skipped: Weekly cap reached",
        "Skipped: Season cap reached",
        "Skipped: Declined this lead",
        "Skipped: Quality hold",
    )
    assert fairness["设计师乙"][-6:] == (1, 0, 0, 0, 1, 0)


def test_rpt2_query_count_independent_of_data_size(login, gm, django_assert_num_queries):
    client = login(gm)
    report_fixture.build()
    client.get(URL, MARCH)
    with django_assert_num_queries(11) as small:
        client.get(URL, MARCH)
    for _ in range(3):
        report_fixture.build()
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(URL, MARCH)


def test_rpt2_a_champion_is_allowed_a_bigger_share():
    from dispatch.models import CapacityRule
    from tests.dispatch.factories import ChampionFactory

    fixture = report_fixture.build()
    CapacityRule.objects.all().delete()
    CapacityRule.objects.create(effective_from=date(2026, 1, 1), week_cap=6, champion_week_bonus=2)
    ChampionFactory(
        designer=fixture.d1, grants_from=date(2026, 1, 1), grants_until=date(2026, 3, 31)
    )
    rows = {row.name: row for row in monthly_report(date(2026, 3, 1)).fairness}
    assert (rows["设计师甲"].weight, rows["设计师甲"].allowed_share) == (8, 57.1)
    assert (rows["设计师乙"].weight, rows["设计师乙"].allowed_share) == (6, 42.9)
