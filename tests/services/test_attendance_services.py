"""Attendance on real PostgreSQL: races between approvers, double filing, concurrent nights."""

import datetime as dt

import pytest
import time_machine

from attendance import services
from attendance.models import (
    ApprovalDecision,
    ClockRecord,
    DailyStatus,
    LeaveApproval,
    LeaveRequest,
    LeaveStatus,
    ViolationRecord,
)
from attendance.rules.leave import LeaveType
from staff.models import Department, Notification, Role
from tests.factories import StaffFactory
from tests.services import threads

pytestmark = pytest.mark.django_db(transaction=True)

BEIJING = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 3, 11, 10, 0, tzinfo=BEIJING)


@pytest.fixture
def people():
    gm = StaffFactory(roles=[Role.GM], department=Department.GM_OFFICE)
    manager = StaffFactory(roles=[Role.CUSTOMER_MANAGER], supervisor=gm)
    clerk = StaffFactory(roles=[Role.CS_AGENT], supervisor=manager)
    StaffFactory.create_batch(3, roles=[Role.CS_AGENT], supervisor=manager)
    return gm, manager, clerk


def run_together(*jobs):
    """The jobs at the same moment, each on its own connection, on the test's clock."""
    return threads.run_together(jobs, around=lambda: time_machine.travel(NOW, tick=False))


def test_att5_double_click_on_approve_records_one_decision(people):
    gm, manager, clerk = people
    leave = services.file_leave(
        staff=clerk,
        by=clerk,
        leave_type=LeaveType.PERSONAL,
        start_day=dt.date(2026, 3, 16),
        end_day=dt.date(2026, 3, 17),
        reason="家中有事",
        now=NOW,
    )
    outcomes = run_together(
        lambda: services.approve_leave(leave=leave, by=manager, now=NOW),
        lambda: services.approve_leave(leave=leave, by=manager, now=NOW),
    )
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], services.AttendanceError)
    decided = LeaveApproval.objects.filter(request=leave, decision=ApprovalDecision.APPROVED)
    assert decided.count() == 1
    assert Notification.objects.filter(recipient=gm).count() == 1  # the next level, once


def test_att4_two_quick_submissions_file_one_leave(people):
    _gm, _manager, clerk = people

    def file():
        return services.file_leave(
            staff=clerk,
            by=clerk,
            leave_type=LeaveType.SICK,
            start_day=dt.date(2026, 3, 11),
            end_day=dt.date(2026, 3, 11),
            reason="发烧",
            now=NOW,
        )

    outcomes = run_together(file, file)
    assert sum(isinstance(o, LeaveRequest) for o in outcomes) == 1
    assert LeaveRequest.objects.filter(staff=clerk).count() == 1


def test_att5_approval_and_cancellation_race_leaves_a_consistent_request(people):
    _gm, manager, clerk = people
    leave = services.file_leave(
        staff=clerk,
        by=clerk,
        leave_type=LeaveType.PERSONAL,
        start_day=dt.date(2026, 3, 16),
        end_day=dt.date(2026, 3, 16),
        reason="家中有事",
        now=NOW,
    )
    run_together(
        lambda: services.approve_leave(leave=leave, by=manager, now=NOW),
        lambda: services.cancel_leave(leave=leave, by=clerk, now=NOW),
    )
    leave.refresh_from_db()
    approved_rows = leave.approvals.filter(decision=ApprovalDecision.APPROVED).count()
    assert (leave.status, approved_rows) in {
        (LeaveStatus.APPROVED, 1),  # approval first; cancelling an approved future leave too:
        (LeaveStatus.CANCELLED, 1),
        (LeaveStatus.CANCELLED, 0),
    }


def test_rpt3_two_computations_of_the_same_night_do_not_duplicate(people):
    _gm, _manager, clerk = people
    day = dt.date(2026, 3, 10)
    ClockRecord.objects.create(
        staff=clerk, day=day, clock_in=dt.datetime(2026, 3, 10, 9, 30, tzinfo=BEIJING)
    )
    for person in type(clerk).objects.all():
        person.date_joined = dt.datetime(2020, 1, 1, tzinfo=BEIJING)
        person.save(update_fields=["date_joined"])
    outcomes = run_together(
        lambda: services.compute_day(day=day), lambda: services.compute_day(day=day)
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert DailyStatus.objects.filter(day=day).count() == type(clerk).objects.count()
    assert ViolationRecord.objects.filter(staff=clerk, day=day).count() == 1
