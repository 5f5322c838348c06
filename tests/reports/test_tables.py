"""RPT-1: the front-desk tables (page, figures, Excel export, access, query count)."""

from datetime import date, datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports.queries.tables import frontdesk_table, period_bounds
from staff.models import Role
from tests.reports import report_fixture

pytestmark = pytest.mark.django_db

URL = reverse("reports:tables")


def test_rpt1_period_bounds():
    assert period_bounds("day", date(2026, 3, 4)) == (date(2026, 3, 4), date(2026, 3, 4))
    assert period_bounds("week", date(2026, 3, 4)) == (date(2026, 3, 2), date(2026, 3, 8))
    assert period_bounds("month", date(2026, 2, 14)) == (date(2026, 2, 1), date(2026, 2, 28))


def test_rpt1_week_figures_per_day_and_total():
    report_fixture.build()
    table = frontdesk_table("week", date(2026, 3, 4))
    assert [row.day for row in table.rows][0] == date(2026, 3, 2)
    assert len(table.rows) == 7
    mon, tue, wed, thu, fri = table.rows[:5]
    assert (mon.by_channel, mon.walk_ins, mon.calls, mon.dispatches) == ({"WALK_IN": 2}, 2, 0, 1)
    assert (tue.by_channel, tue.walk_ins, tue.calls, tue.dispatches) == ({"PHONE": 2}, 1, 1, 3)
    assert (wed.measurements, wed.closures) == (1, 1)
    assert (thu.signings, thu.appointments) == (1, 1)
    assert fri.measurements == 1
    total = table.total
    assert total.as_dict() == {
        "leads": 4,
        "walk_ins": 3,
        "calls": 1,
        "appointments": 1,
        "dispatches": 4,
        "measurements": 2,
        "signings": 1,
        "closures": 1,
        "by_channel": {
            "WALK_IN": 2,
            "PHONE": 2,
            "MARKETING": 0,
            "ENGINEERING": 0,
            "REFERRAL": 0,
            "ONLINE": 0,
            "SHOWROOM": 0,
            "OTHER": 0,
        },
    }


def test_rpt1_month_and_day_tables():
    report_fixture.build()
    month = frontdesk_table("month", date(2026, 3, 20))
    assert len(month.rows) == 31
    assert (month.total.leads, month.total.signings, month.total.dispatches) == (5, 2, 4)
    day = frontdesk_table("day", date(2026, 3, 3))
    assert len(day.rows) == 1
    assert (day.total.leads, day.total.walk_ins, day.total.calls) == (2, 1, 1)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        (Role.FRONT_DESK, 200),
        (Role.CUSTOMER_MANAGER, 200),
        (Role.GM, 200),
        (Role.CS_AGENT, 403),
        (Role.DESIGNER, 403),
        (Role.HR, 403),
    ],
    indirect=["persona"],
)
def test_rpt1_page_access_per_role(login, persona, status):
    assert login(persona).get(URL).status_code == status


def test_rpt1_page_shows_the_week(login, front_desk):
    report_fixture.build()
    response = login(front_desk).get(URL, {"period": "week", "day": "2026-03-04"})
    assert response.status_code == 200
    assert response.context["table"].total.dispatches == 4
    assert b'data-testid="frontdesk-table"' in response.content


def test_rpt1_export_has_the_same_numbers(login, gm):
    report_fixture.build()
    response = login(gm).get(URL, {"period": "week", "day": "2026-03-04", "format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == datetime(2026, 3, 2)  # a date cell (issue 19), no longer text
    total = rows[-1]
    # date, 8 channels, leads, walk-ins, calls, appointments, dispatches, measurements,
    # signings, closures
    assert total[1:3] == (2, 2)
    assert total[9:] == (4, 3, 1, 1, 4, 2, 1, 1)


def test_rpt1_query_count_fixed(login, gm, django_assert_num_queries):
    client = login(gm)
    client.get(URL, {"period": "month", "day": "2026-03-01"})
    with django_assert_num_queries(4) as small:
        client.get(URL, {"period": "month", "day": "2026-03-01"})
    report_fixture.build()
    report_fixture.build()
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(URL, {"period": "month", "day": "2026-03-01"})


def test_rpt1_any_period_from_to(login, gm):
    report_fixture.build()
    client = login(gm)
    response = client.get(URL, {"date_from": "2026-03-03", "date_to": "2026-03-10"})
    table = response.context["table"]
    assert (table.first, table.last, len(table.rows)) == (date(2026, 3, 3), date(2026, 3, 10), 8)
    assert (table.total.leads, table.total.signings, table.total.dispatches) == (3, 2, 3)
    export = client.get(URL, {"date_from": "2026-03-03", "date_to": "2026-03-10", "format": "xlsx"})
    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[-1][9] == 3


def test_rpt1_reversed_range_is_refused_with_a_message(login, gm):
    response = login(gm).get(URL, {"date_from": "2026-03-10", "date_to": "2026-03-03"})
    assert "The end date is before the start date." in response.content.decode()
    assert response.context["table"].kind == "week"
