"""ATT-1: the holiday calendar prefilled from chinese-calendar, HR's own entries, schedules."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from attendance import queries, services
from attendance.models import CalendarDay, CalendarSource, ScheduleScope, WorkSchedule
from attendance.services import AttendanceError
from staff.models import Department

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = dt.date


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_att1_prefill_2026_marks_holidays_and_adjusted_working_days():
    result = services.prefill_year(year=2026)
    assert result.created == CalendarDay.objects.count() > 20
    national_day = CalendarDay.objects.get(day=D(2026, 10, 1))
    assert (national_day.kind, national_day.name, national_day.source) == (
        "HOLIDAY",
        "国庆节",
        CalendarSource.PACKAGE,
    )
    assert CalendarDay.objects.get(day=D(2026, 10, 10)).name == "国庆节调休"  # a Saturday worked
    calendar = queries.work_calendar(D(2026, 1, 1), D(2026, 12, 31))
    assert calendar.is_workday(D(2026, 10, 1)) is False
    worked_weekends = [d for d in calendar.adjusted_workdays if d.weekday() >= 5]
    assert worked_weekends and len(worked_weekends) == len(calendar.adjusted_workdays)


def test_att1_prefill_again_changes_nothing_and_keeps_hr_entries(hr):
    services.prefill_year(year=2026)
    services.set_calendar_day(by=hr, day=D(2026, 10, 1), kind="HOLIDAY", name="国庆（公司）")
    again = services.prefill_year(year=2026)
    assert (again.created, again.updated, again.kept_hr_entries) == (0, 0, 1)
    assert CalendarDay.objects.get(day=D(2026, 10, 1)).name == "国庆（公司）"


def test_att1_prefill_of_an_unknown_year_tells_hr_to_enter_it():
    with pytest.raises(AttendanceError) as refused:
        services.prefill_year(year=2031)
    assert str(refused.value) == (
        "The chinese-calendar package has no data for 2031. "
        "HR must enter that year's holidays and adjusted working days by hand."
    )
    assert not CalendarDay.objects.exists()


def test_att1_prefill_command_reports_what_it_did(capsys):
    call_command("prefill_holidays", "2026")
    assert "2026: " in capsys.readouterr().out
    with pytest.raises(CommandError, match="no data for 2031"):
        call_command("prefill_holidays", "2031")


def test_att1_hr_enters_a_day_by_hand(hr):
    day = services.set_calendar_day(by=hr, day=D(2031, 1, 1), kind="HOLIDAY", name="元旦")
    assert day.source == CalendarSource.HR
    assert queries.work_calendar(D(2031, 1, 1), D(2031, 1, 1)).is_workday(D(2031, 1, 1)) is False


def test_att1_adjusted_working_day_must_be_a_weekend(hr):
    with pytest.raises(
        AttendanceError, match="^An adjusted working day is a Saturday or Sunday worked.$"
    ):
        services.set_calendar_day(by=hr, day=D(2031, 1, 2), kind="ADJUSTED_WORKDAY")


def test_sec1_only_hr_maintains_the_calendar(front_desk):
    with pytest.raises(AttendanceError, match="^Only HR maintains the calendar and schedules.$"):
        services.set_calendar_day(by=front_desk, day=D(2031, 1, 1), kind="HOLIDAY")


def test_att1_hr_sets_a_department_schedule_from_a_date(hr, designer):
    services.save_schedule(
        by=hr,
        scope=ScheduleScope.DEPARTMENT,
        department=Department.DESIGN,
        start=dt.time(9, 30),
        end=dt.time(18, 30),
        valid_from=D(2026, 4, 1),
    )
    assert queries.schedule_for(designer, D(2026, 3, 31)).start == dt.time(9)
    assert queries.schedule_for(designer, D(2026, 4, 1)).start == dt.time(9, 30)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"scope": "PERSON"}, "Choose the person this schedule is for."),
        ({"scope": "DEPARTMENT"}, "Choose the department this schedule is for."),
        ({"scope": "FIRM", "start": dt.time(18)}, "The working day must start before it ends."),
        (
            {"scope": "FIRM", "valid_from": D(2000, 1, 1)},
            "A schedule for the same people already starts on that date.",
        ),
    ],
)
def test_att1_schedule_refusals(hr, fields, message):
    values = {"start": dt.time(9), "end": dt.time(18), "valid_from": D(2026, 1, 1), **fields}
    with pytest.raises(AttendanceError, match=f"^{message}$"):
        services.save_schedule(by=hr, **values)


def test_att1_the_firm_keeps_one_default_schedule(hr):
    default = WorkSchedule.objects.get(scope=ScheduleScope.FIRM)
    with pytest.raises(AttendanceError, match="^The firm always keeps one default schedule.$"):
        services.delete_schedule(by=hr, schedule=default)
