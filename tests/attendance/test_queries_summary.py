"""ATT-8: the monthly summary per person and department, the figures pay reads (COM-5)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attendance import queries, services
from attendance.models import DayPortion
from attendance.rules.leave import LeaveType
from attendance.rules.pay import MonthlyAttendance, pay_statement
from tests.attendance.conftest import beijing
from tests.attendance.factories import (
    ClockRecordFactory,
    LeaveRequestFactory,
    OffPostRecordFactory,
)
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

D = dt.date


def clock(person, day, start=(9, 0), end=(18, 0)):
    ClockRecordFactory(
        staff=person,
        day=day,
        clock_in=beijing(day.year, day.month, day.day, *start),
        clock_out=beijing(day.year, day.month, day.day, *end),
    )


@pytest.fixture
def march(chain, frozen):
    """The clerk's first week of March 2026 (Mon 2 - Fri 6) and Mon 9, computed."""
    clerk = chain.clerk
    clock(clerk, D(2026, 3, 2), start=(9, 25))  # late 25: violation
    clock(clerk, D(2026, 3, 3), start=(9, 5), end=(17, 30))  # late 5, early 30
    LeaveRequestFactory(staff=clerk, start_day=D(2026, 3, 4), leave_type=LeaveType.PERSONAL)
    LeaveRequestFactory(staff=clerk, start_day=D(2026, 3, 5), leave_type=LeaveType.SICK)
    LeaveRequestFactory(
        staff=clerk,
        start_day=D(2026, 3, 6),
        leave_type=LeaveType.SPECIAL_PERSONAL,
        portion=DayPortion.MORNING,
        days=Decimal("0.5"),
    )  # no clock-in in the afternoon either: half a day absent
    clock(clerk, D(2026, 3, 9), start=(9, 10))  # third late: discipline
    OffPostRecordFactory(staff=clerk, recorded_by=chain.lead, day=D(2026, 3, 9), minutes=40)
    services.compute_range(start=D(2026, 3, 1), end=D(2026, 3, 9))
    return clerk


def test_att8_month_row_adds_up_the_days(march):
    (row,) = queries.month_rows([march], 2026, 3)
    assert (row.late_count, row.late_minutes, row.early_count, row.early_minutes) == (3, 40, 1, 30)
    assert (row.off_post_count, row.off_post_minutes) == (1, 40)
    assert (row.absent_days, row.personal_days, row.special_personal_days, row.sick_days) == (
        Decimal("0.5"),
        Decimal(1),
        Decimal("0.5"),
        Decimal(1),
    )
    assert (row.violations, row.flagged) == (2, True)


def test_att8_monthly_summary_is_what_pay_reads(march):
    summary = queries.monthly_summary(march, 2026, 3)
    assert summary == MonthlyAttendance(
        absent_days=Decimal("0.5"),
        personal_leave_days=Decimal("1.5"),
        sick_leave_days=Decimal(1),
        violations=2,
    )
    lines = pay_statement(Decimal(4350), [], [], [], summary)
    assert lines.attendance_deduction == Decimal("500.00")  # 2 days x 200 + 2 x 50


def test_att8_other_months_are_not_counted(march):
    assert queries.monthly_summary(march, 2026, 2) == MonthlyAttendance()


def test_att8_month_rows_cost_the_same_queries_for_5_and_50_people(
    chain, frozen, django_assert_num_queries
):
    few = StaffFactory.create_batch(5)
    many = StaffFactory.create_batch(50)
    with django_assert_num_queries(2):
        queries.month_rows(few, 2026, 3)
    with django_assert_num_queries(2):
        queries.month_rows(many, 2026, 3)


def test_att8_summary_page_runs_the_same_few_queries_for_5_and_50_people(login, hr, march):
    """Issue 10: session, user, roles and permissions, supervisor check, page count, page, status
    figures, record figures: eight, whatever the headcount."""
    url = reverse("attendance:summary") + "?month=2026-03"
    client = login(hr)
    counts = []
    for people in (5, 45):
        StaffFactory.create_batch(people)
        client.get(url)  # warm the session and permission caches
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
        rows = {row.staff.pk: row for row in response.context["rows"]}
        if people == 5:  # all ten on one page, the clerk's figures among them
            assert len(rows) == 10
            assert (rows[march.pk].violations, rows[march.pk].flagged) == (2, True)
    assert counts == [8, 8]


def test_att8_department_totals(march, chain):
    rows = queries.month_rows([march, chain.lead], 2026, 3)
    totals = queries.department_totals(rows)
    assert (totals["late_count"], totals["violations"]) == (3, 2)
