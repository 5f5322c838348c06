"""RPT-4: customer segments by community, area band, budget band, channel and planned
decoration month, with conversion and month-over-month change; bands are rows; a segment opens
to its leads."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from reports.models import SegmentBand
from reports.queries.segments import segment_leads, segment_rows
from staff.models import Role
from tests.reports import report_fixture

pytestmark = pytest.mark.django_db

MARCH = date(2026, 3, 1)


@pytest.fixture
def data():
    SegmentBand.objects.all().delete()
    SegmentBand.objects.create(kind="AREA", label="小户型", low=0, high=90, order=1)
    SegmentBand.objects.create(kind="AREA", label="大户型", low=90, high=None, order=2)
    SegmentBand.objects.create(kind="BUDGET", label="5万以下", low=0, high=50000, order=1)
    SegmentBand.objects.create(kind="BUDGET", label="5万以上", low=50000, order=2)
    return report_fixture.build()


def _by_label(rows):
    return {
        row.label: (row.leads, row.signed, row.conversion, row.prev_leads, row.change)
        for row in rows
    }


def test_rpt4_by_community(data):
    assert _by_label(segment_rows("community", MARCH)) == {
        "阳光小区": (2, 1, 50.0, 2, 0.0),
        "望京花园": (2, 1, 50.0, 0, None),
        "Not given": (1, 0, 0.0, 0, None),
    }


def test_rpt4_bands_are_rows_and_change_with_them(data):
    assert _by_label(segment_rows("area", MARCH)) == {
        "小户型": (2, 1, 50.0, 0, None),
        "大户型": (2, 1, 50.0, 2, 0.0),
        "Not given": (1, 0, 0.0, 0, None),
    }
    SegmentBand.objects.filter(label="大户型").update(low=Decimal(100))
    SegmentBand.objects.create(kind="AREA", label="中户型", low=90, high=100, order=2)
    rows = _by_label(segment_rows("area", MARCH))
    assert rows["中户型"] == (1, 0, 0.0, 2, -50.0)
    assert rows["大户型"] == (1, 1, 100.0, 0, None)


def test_rpt4_by_budget_channel_and_decoration_month(data):
    assert _by_label(segment_rows("budget", MARCH)) == {
        "5万以下": (3, 1, 33.3, 2, -16.7),
        "5万以上": (1, 1, 100.0, 0, None),
        "Not given": (1, 0, 0.0, 0, None),
    }
    channels = _by_label(segment_rows("channel", MARCH))
    assert channels["Walk-in"] == (2, 1, 50.0, 2, 0.0)
    assert channels["Online"] == (1, 0, 0.0, 0, None)
    months = _by_label(segment_rows("decoration", MARCH))
    assert months["2026-05"] == (1, 1, 100.0, 0, None)
    assert months["2026-09"] == (3, 1, 33.3, 2, -16.7)


def test_rpt4_a_segment_opens_to_its_leads(data, login, gm):
    leads = segment_leads("area", str(SegmentBand.objects.get(label="小户型").pk), MARCH)
    assert sorted(lead.customer_name for lead in leads) == sorted(
        [data.leads["l1"].customer_name, data.leads["l4"].customer_name]
    )
    response = login(gm).get(
        reverse("reports:segment_leads"),
        {"by": "community", "key": "望京花园", "month": "2026-03"},
    )
    assert response.status_code == 200
    assert {lead.pk for lead in response.context["page"]} == {
        data.leads["l3"].pk,
        data.leads["l4"].pk,
    }


def test_rpt4_a_segments_leads_are_headed_by_its_words_not_its_code(data, login, gm):
    client = login(gm)
    by_channel = client.get(reverse("reports:segment_leads"), {"by": "channel", "key": "WALK_IN"})
    assert by_channel.context["key_label"] == "Walk-in"
    band = SegmentBand.objects.get(label="小户型")
    by_area = client.get(reverse("reports:segment_leads"), {"by": "area", "key": str(band.pk)})
    assert by_area.context["key_label"] == "小户型"
    unset = client.get(reverse("reports:segment_leads"), {"by": "budget", "key": "-"})
    assert unset.context["key_label"] == "Not given"


def test_rpt4_page_links_each_segment(data, login, customer_manager):
    response = login(customer_manager).get(
        reverse("reports:segments"), {"by": "channel", "month": "2026-03"}
    )
    assert response.status_code == 200
    assert "?by=channel&key=WALK_IN&month=2026-03" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        (Role.GM, 200),
        (Role.CUSTOMER_MANAGER, 200),
        (Role.MARKETING_MANAGER, 200),
        (Role.FRONT_DESK, 403),
        (Role.DESIGNER, 403),
    ],
    indirect=["persona"],
)
def test_rpt4_access_per_role(login, persona, status):
    assert login(persona).get(reverse("reports:segments")).status_code == status


@pytest.mark.parametrize(("by", "count"), [("community", 4), ("area", 5), ("decoration", 4)])
def test_rpt4_query_count_fixed(by, count, login, gm, django_assert_num_queries):
    url = reverse("reports:segments")
    client = login(gm)
    report_fixture.build()
    client.get(url, {"by": by, "month": "2026-03"})
    with django_assert_num_queries(count) as small:
        client.get(url, {"by": by, "month": "2026-03"})
    report_fixture.build()
    report_fixture.build()
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url, {"by": by, "month": "2026-03"})
