"""The questions other apps ask: who is on leave (dispatch), calendar and schedules (CMP-4)."""

import datetime as dt

import pytest

from attendance import queries
from attendance.models import CalendarDayKind, LeaveStatus, ScheduleScope, WorkSchedule
from attendance.rules.calendar import Schedule, complaint_due
from staff.models import Department
from tests.attendance.factories import (
    CalendarDayFactory,
    LeaveRequestFactory,
    WorkScheduleFactory,
)
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

D = dt.date


def test_att4_staff_on_leave_lists_only_approved_leave_covering_the_day():
    approved = LeaveRequestFactory(start_day=D(2026, 3, 9), end_day=D(2026, 3, 11))
    LeaveRequestFactory(status=LeaveStatus.PENDING, start_day=D(2026, 3, 10))
    LeaveRequestFactory(status=LeaveStatus.REJECTED, start_day=D(2026, 3, 10))
    LeaveRequestFactory(status=LeaveStatus.CANCELLED, start_day=D(2026, 3, 10))
    LeaveRequestFactory(start_day=D(2026, 3, 12))

    assert queries.staff_on_leave(D(2026, 3, 10)) == {approved.staff_id}


@pytest.mark.parametrize(
    ("day", "on_leave"),
    [
        (D(2026, 3, 8), False),
        (D(2026, 3, 9), True),
        (D(2026, 3, 11), True),
        (D(2026, 3, 12), False),
    ],
)
def test_att4_staff_on_leave_includes_first_and_last_day(day, on_leave):
    leave = LeaveRequestFactory(start_day=D(2026, 3, 9), end_day=D(2026, 3, 11))
    assert (leave.staff_id in queries.staff_on_leave(day)) is on_leave


def test_att4_staff_on_leave_is_one_query(django_assert_num_queries):
    LeaveRequestFactory.create_batch(3)
    with django_assert_num_queries(1):
        queries.staff_on_leave(D(2026, 3, 10))


def test_att1_work_calendar_reads_holidays_and_adjusted_workdays():
    CalendarDayFactory(day=D(2026, 10, 1), kind=CalendarDayKind.HOLIDAY)
    CalendarDayFactory(day=D(2026, 9, 27), kind=CalendarDayKind.ADJUSTED_WORKDAY, name="调休")
    calendar = queries.work_calendar(D(2026, 9, 1), D(2026, 10, 31))

    assert calendar.holidays == frozenset({D(2026, 10, 1)})
    assert calendar.adjusted_workdays == frozenset({D(2026, 9, 27)})
    assert calendar.is_workday(D(2026, 9, 27)) is True  # a Sunday worked
    assert calendar.is_workday(D(2026, 10, 1)) is False  # a Thursday off


def test_att1_work_calendar_only_reads_the_range_asked_for():
    CalendarDayFactory(day=D(2026, 10, 1))
    assert queries.work_calendar(D(2026, 11, 1), D(2026, 11, 30)).holidays == frozenset()


def test_att1_firm_default_schedule_is_nine_to_six(designer):
    assert queries.schedule_for(designer, D(2026, 3, 10)) == Schedule(dt.time(9), dt.time(18))


def test_att1_firm_default_is_a_row_hr_can_change(designer):
    WorkSchedule.objects.filter(scope=ScheduleScope.FIRM).update(start=dt.time(8, 30))
    assert queries.schedule_for(designer, D(2026, 3, 10)).start == dt.time(8, 30)


def test_att1_department_schedule_beats_firm_default(designer):
    WorkScheduleFactory(department=Department.DESIGN, start=dt.time(9, 30), end=dt.time(18, 30))
    assert queries.schedule_for(designer, D(2026, 3, 10)) == Schedule(
        dt.time(9, 30), dt.time(18, 30)
    )


def test_att1_person_override_beats_department(designer):
    WorkScheduleFactory(department=Department.DESIGN)
    WorkScheduleFactory(
        scope=ScheduleScope.PERSON,
        department="",
        staff=designer,
        start=dt.time(10),
        end=dt.time(19),
    )
    assert queries.schedule_for(designer, D(2026, 3, 10)) == Schedule(dt.time(10), dt.time(19))


def test_att1_schedule_change_applies_from_its_valid_from_date(designer):
    WorkScheduleFactory(
        department=Department.DESIGN, start=dt.time(9, 30), valid_from=D(2026, 1, 1)
    )
    WorkScheduleFactory(
        department=Department.DESIGN, start=dt.time(8, 30), valid_from=D(2026, 6, 1)
    )
    assert queries.schedule_for(designer, D(2026, 5, 31)).start == dt.time(9, 30)
    assert queries.schedule_for(designer, D(2026, 6, 1)).start == dt.time(8, 30)


def test_att1_other_departments_schedule_does_not_apply(designer):
    WorkScheduleFactory(department=Department.MARKETING, start=dt.time(8))
    assert queries.schedule_for(designer, D(2026, 3, 10)).start == dt.time(9)


def test_att1_schedule_for_is_one_query(designer, django_assert_num_queries):
    WorkScheduleFactory(department=Department.DESIGN)
    with django_assert_num_queries(1):
        queries.schedule_for(designer, D(2026, 3, 10))


def test_att1_schedules_for_many_people_is_one_query(django_assert_num_queries):
    people = StaffFactory.create_batch(5, department=Department.DESIGN)
    WorkScheduleFactory(
        scope=ScheduleScope.PERSON, department="", staff=people[0], start=dt.time(7)
    )
    with django_assert_num_queries(1):
        found = queries.schedules_for(people, D(2026, 3, 10))
    assert [found[p.pk].start for p in people] == [dt.time(7)] + [dt.time(9)] * 4


def test_cmp4_complaint_on_a_holiday_is_due_next_working_day_from_the_database(designer):
    """The complaints app combines work_calendar and schedule_for exactly like this."""
    CalendarDayFactory(day=D(2026, 10, 1))
    CalendarDayFactory(day=D(2026, 10, 2))
    received = dt.datetime(2026, 10, 1, 10, 0)
    calendar = queries.work_calendar(D(2026, 10, 1), D(2026, 10, 31))
    due = complaint_due(received, calendar, queries.schedule_for(designer, received.date()))
    assert due == dt.datetime(2026, 10, 5, 18, 0)
