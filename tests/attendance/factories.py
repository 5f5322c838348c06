"""Factories for attendance rows (people come from tests.factories.StaffFactory)."""

import datetime
from decimal import Decimal

import factory

from attendance.models import (
    BusinessOuting,
    CalendarDay,
    CalendarDayKind,
    ClockRecord,
    LeaveApproval,
    LeaveRequest,
    LeaveStatus,
    OffPostRecord,
    ScheduleScope,
    WorkSchedule,
)
from attendance.rules.leave import LeaveType
from tests.factories import StaffFactory


class CalendarDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarDay
        django_get_or_create = ["day"]

    day = datetime.date(2026, 10, 1)
    kind = CalendarDayKind.HOLIDAY
    name = "国庆节"


class WorkScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkSchedule

    scope = ScheduleScope.DEPARTMENT
    department = "DESIGN"
    staff = None
    start = datetime.time(9, 30)
    end = datetime.time(18, 30)
    valid_from = datetime.date(2020, 1, 1)


class LeaveRequestFactory(factory.django.DjangoModelFactory):
    """A leave row written directly (no approval chain): for read-side tests only."""

    class Meta:
        model = LeaveRequest

    staff = factory.SubFactory(StaffFactory)
    filed_by = factory.SelfAttribute("staff")
    leave_type = LeaveType.PERSONAL
    start_day = datetime.date(2026, 3, 10)
    end_day = factory.SelfAttribute("start_day")
    days = Decimal(1)
    reason = "家中有事"
    status = LeaveStatus.APPROVED


class LeaveApprovalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeaveApproval

    request = factory.SubFactory(LeaveRequestFactory)
    level = 1
    approver = factory.SubFactory(StaffFactory)


class ClockRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClockRecord

    staff = factory.SubFactory(StaffFactory)
    day = datetime.date(2026, 3, 10)


class OffPostRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OffPostRecord

    staff = factory.SubFactory(StaffFactory)
    day = datetime.date(2026, 3, 10)
    started_at = datetime.time(14, 0)
    minutes = 20
    note = "离岗未报备"
    recorded_by = factory.SubFactory(StaffFactory)


class BusinessOutingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessOuting

    staff = factory.SubFactory(StaffFactory)
    day = datetime.date(2026, 3, 10)
    planned_out = datetime.time(10, 0)
    planned_back = datetime.time(12, 0)
    destination = "望京西园三区"
    purpose = "量房"
