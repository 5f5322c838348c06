"""ATT-4 notice, ATT-5 the approval chain level by level, filing rules, cancellation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from attendance import services
from attendance.models import (
    ApprovalDecision,
    ApprovalLevel,
    DailyStatus,
    DayPortion,
    LeaveStatus,
)
from attendance.rules.leave import LeaveType
from attendance.services import AttendanceError
from staff.models import Delegation, Notification
from tests.attendance.conftest import beijing
from tests.attendance.factories import CalendarDayFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = dt.date


@pytest.fixture
def english():
    with translation.override("en"):
        yield


MONDAY = D(2026, 3, 16)


def file(person, by=None, *, kind=LeaveType.PERSONAL, start=MONDAY, end=None, **extra):
    return services.file_leave(
        staff=person,
        by=by or person,
        leave_type=kind,
        start_day=start,
        end_day=end or start,
        reason="家里有事",
        **extra,
    )


def levels(leave) -> list[tuple[int, int, str]]:
    return list(leave.approvals.order_by("level").values_list("level", "approver", "decision"))


# ---------------------------------------------------------------- ATT-5 chain order and levels


def test_att5_each_level_waiting_is_an_outbound_event_for_robots(chain, frozen):
    """Issue 16: 'leave waiting for approval to a manager' — one leave.pending per level asked,
    naming that level's approver, recorded in the leave service's transaction."""
    from staff.outbound.models import OutboundEvent

    leave = file(chain.clerk, end=D(2026, 3, 17))
    services.approve_leave(leave=leave, by=chain.lead)
    events = [
        e.payload["leave"]
        for e in OutboundEvent.objects.filter(kind="leave.pending").order_by("pk")
    ]
    assert [e["approver"] for e in events] == [
        chain.lead.get_full_name(),
        chain.manager.get_full_name(),
    ]
    assert (events[0]["person"], events[0]["days"]) == (chain.clerk.get_full_name(), "2.0")


def test_att5_two_day_leave_climbs_two_levels_in_order(chain, frozen):
    leave = file(chain.clerk, end=D(2026, 3, 17))
    assert leave.days == Decimal(2)
    assert levels(leave) == [(1, chain.lead.pk, ""), (2, chain.manager.pk, "")]

    services.approve_leave(leave=leave, by=chain.lead)
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.PENDING
    services.approve_leave(leave=leave, by=chain.manager)
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.APPROVED
    assert [d for _l, _a, d in levels(leave)] == [ApprovalDecision.APPROVED] * 2


def test_att5_each_level_is_notified_in_turn_and_the_employee_at_the_end(chain, frozen):
    leave = file(chain.clerk, end=D(2026, 3, 17))
    assert Notification.objects.filter(recipient=chain.lead).count() == 1
    assert not Notification.objects.filter(recipient=chain.manager).exists()
    services.approve_leave(leave=leave, by=chain.lead)
    assert Notification.objects.filter(recipient=chain.manager).count() == 1
    services.approve_leave(leave=leave, by=chain.manager)
    text = Notification.objects.get(recipient=chain.clerk).text
    assert text.startswith("Your leave was approved: 客服吴, Personal leave, 2026-03-16")


def test_att5_manager_cannot_skip_the_first_level(chain, frozen):
    leave = file(chain.clerk, end=D(2026, 3, 17))
    with pytest.raises(AttendanceError, match="^A lower level must approve first.$"):
        services.approve_leave(leave=leave, by=chain.manager)
    assert levels(leave)[1][2] == ""


def test_att5_nobody_approves_their_own_leave(chain, frozen):
    leave = file(chain.lead)
    with pytest.raises(AttendanceError, match="^Nobody may approve their own leave.$"):
        services.approve_leave(leave=leave, by=chain.lead)


def test_att5_someone_outside_the_chain_cannot_approve(chain, frozen, hr):
    leave = file(chain.clerk)
    with pytest.raises(AttendanceError, match="^You are not in this leave's approval chain.$"):
        services.approve_leave(leave=leave, by=hr)


def test_att5_a_level_cannot_approve_twice(chain, frozen):
    leave = file(chain.clerk, end=D(2026, 3, 17))
    services.approve_leave(leave=leave, by=chain.lead)
    with pytest.raises(AttendanceError, match="^You have already approved this leave.$"):
        services.approve_leave(leave=leave, by=chain.lead)


def test_att5_decided_request_cannot_be_approved_again(chain, frozen):
    leave = file(chain.clerk)
    services.approve_leave(leave=leave, by=chain.lead)
    with pytest.raises(AttendanceError, match="^This request has already been decided.$"):
        services.approve_leave(leave=leave, by=chain.manager)


@pytest.mark.parametrize(
    ("start", "end", "portion", "levels_wanted"),
    [
        (D(2026, 3, 16), D(2026, 3, 16), DayPortion.MORNING, 1),  # 0.5 day
        (D(2026, 3, 16), D(2026, 3, 16), DayPortion.FULL, 1),  # exactly 1 day
        (D(2026, 3, 16), D(2026, 3, 17), DayPortion.FULL, 2),
        (D(2026, 3, 16), D(2026, 3, 18), DayPortion.FULL, 2),  # exactly 3 days
        (D(2026, 3, 16), D(2026, 3, 19), DayPortion.FULL, 3),  # longer: policy maximum
    ],
)
def test_att5_levels_by_leave_length(chain, frozen, start, end, portion, levels_wanted):
    leave = file(chain.clerk, start=start, end=end, portion=portion)
    assert len(levels(leave)) == levels_wanted


def test_att5_levels_per_length_are_data(chain, frozen):
    ApprovalLevel.objects.filter(up_to_days=1).update(levels=2)
    assert len(levels(file(chain.clerk))) == 2


def test_att5_chain_stops_at_the_top_of_the_firm(chain, frozen):
    leave = file(chain.lead, start=D(2026, 3, 16), end=D(2026, 3, 20))  # 5 days: 3 levels
    assert [a for _l, a, _d in levels(leave)] == [chain.manager.pk, chain.gm.pk]


def test_att5_top_of_the_firm_has_nobody_to_ask_and_is_approved_at_once(chain, frozen):
    leave = file(chain.gm)
    assert leave.status == LeaveStatus.APPROVED
    assert levels(leave) == []


def test_att5_delegate_signs_for_an_absent_supervisor_without_skipping(chain, frozen, hr):
    Delegation.objects.create(
        principal=chain.manager, delegate=hr, start=D(2026, 3, 1), end=D(2026, 3, 31), reason="出差"
    )
    leave = file(chain.clerk, end=D(2026, 3, 17))
    with pytest.raises(AttendanceError, match="^You are not in this leave's approval chain.$"):
        services.approve_leave(leave=leave, by=hr)  # the manager's turn has not come yet
    services.approve_leave(leave=leave, by=chain.lead)
    services.approve_leave(leave=leave, by=hr)
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.APPROVED
    assert leave.approvals.get(level=2).decided_by == hr


# ---------------------------------------------------------------- ATT-5 who files


def test_att5_personal_leave_only_by_the_employee(chain, frozen):
    with pytest.raises(
        AttendanceError, match="^Personal leave can only be requested by the employee.$"
    ):
        file(chain.clerk, by=chain.lead)


def test_att5_special_personal_leave_only_by_the_employee(chain, frozen):
    with pytest.raises(AttendanceError):
        file(chain.clerk, by=chain.lead, kind=LeaveType.SPECIAL_PERSONAL)


def test_att5_sick_leave_filed_by_a_colleague_tells_the_employee(chain, frozen, front_desk):
    leave = file(chain.clerk, by=front_desk, kind=LeaveType.SICK, start=D(2026, 3, 11))
    assert leave.filed_by == front_desk
    assert leave.late_notice is False
    text = Notification.objects.get(recipient=chain.clerk).text
    assert text.startswith("前台小孙 filed 客服吴, Sick leave, 2026-03-11")


# ---------------------------------------------------------------- ATT-4 notice, table-driven

SHIFT = (2026, 3, 16)  # Monday, 09:00-18:00


@pytest.mark.parametrize(
    ("kind", "filed_at", "portion", "late"),
    [
        (LeaveType.PERSONAL, beijing(2026, 3, 15, 9, 0), DayPortion.FULL, False),  # exactly 1 day
        (LeaveType.PERSONAL, beijing(2026, 3, 15, 9, 1), DayPortion.FULL, True),
        (LeaveType.PERSONAL, beijing(2026, 3, 15, 23, 30), DayPortion.FULL, True),  # midnight
        (LeaveType.SPECIAL_PERSONAL, beijing(2026, 3, 16, 8, 0), DayPortion.FULL, False),  # 1 h
        (LeaveType.SPECIAL_PERSONAL, beijing(2026, 3, 16, 8, 1), DayPortion.FULL, True),
        (LeaveType.SPECIAL_PERSONAL, beijing(2026, 3, 15, 23, 30), DayPortion.FULL, False),
        (LeaveType.SPECIAL_PERSONAL, beijing(2026, 3, 16, 12, 30), DayPortion.AFTERNOON, False),
        (LeaveType.SPECIAL_PERSONAL, beijing(2026, 3, 16, 12, 31), DayPortion.AFTERNOON, True),
        (LeaveType.SICK, beijing(2026, 3, 16, 10, 0), DayPortion.FULL, False),  # after the start
    ],
)
def test_att4_notice_boundaries(chain, kind, filed_at, portion, late):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("attendance.services.leave.local_now", lambda: filed_at)
        leave = file(chain.clerk, kind=kind, start=D(*SHIFT), portion=portion)
    assert leave.late_notice is late


def test_att4_notice_counts_from_the_persons_own_schedule(chain):
    from tests.attendance.factories import WorkScheduleFactory

    WorkScheduleFactory(scope="PERSON", department="", staff=chain.clerk, start=dt.time(10))
    leave = file(chain.clerk, now=beijing(2026, 3, 15, 9, 30))  # 24.5 h before 10:00
    assert leave.late_notice is False


def test_att4_late_request_warns_the_approver(chain):
    file(chain.clerk, now=beijing(2026, 3, 16, 8, 0))
    text = Notification.objects.get(recipient=chain.lead).text
    assert text.startswith("Late leave request awaiting your approval:")


def test_att4_late_request_refused_makes_the_day_absence(chain, frozen):
    leave = file(chain.clerk, start=D(2026, 3, 10), now=beijing(2026, 3, 10, 8, 30))
    services.compute_day(day=D(2026, 3, 10))
    services.reject_leave(leave=leave, by=chain.lead, comment="未提前请假")
    status = DailyStatus.objects.get(staff=chain.clerk, day=D(2026, 3, 10))
    assert status.code == "ABSENT"


def test_att4_late_request_approved_after_the_night_turns_absence_into_leave(chain, frozen):
    leave = file(chain.clerk, start=D(2026, 3, 10), now=beijing(2026, 3, 10, 8, 30))
    services.compute_day(day=D(2026, 3, 10))
    assert DailyStatus.objects.get(staff=chain.clerk, day=D(2026, 3, 10)).code == "ABSENT"
    services.approve_leave(leave=leave, by=chain.lead)
    status = DailyStatus.objects.get(staff=chain.clerk, day=D(2026, 3, 10))
    assert (status.code, status.leave_type) == ("ON_LEAVE", "PERSONAL")


# ---------------------------------------------------------------- ATT-1 calendar in leave days


def test_att1_holidays_do_not_count_as_leave_days(chain, frozen):
    for day in range(1, 8):
        CalendarDayFactory(day=D(2026, 10, day))
    leave = file(chain.clerk, start=D(2026, 9, 30), end=D(2026, 10, 9))
    assert leave.days == Decimal(3)  # Sep 30, Oct 8, Oct 9


def test_att1_an_adjusted_working_day_counts_as_a_leave_day(chain, frozen):
    CalendarDayFactory(day=D(2026, 9, 27), kind="ADJUSTED_WORKDAY", name="调休")
    leave = file(chain.clerk, start=D(2026, 9, 26), end=D(2026, 9, 27))  # Sat + Sun
    assert leave.days == Decimal(1)


def test_att1_leave_on_holidays_only_is_refused(chain, frozen):
    CalendarDayFactory(day=D(2026, 10, 1))
    with pytest.raises(AttendanceError, match="^The chosen days contain no working day.$"):
        file(chain.clerk, start=D(2026, 10, 1))


# ---------------------------------------------------------------- shape, overlap, refusal, cancel


def test_att4_half_day_covers_one_day_only(chain, frozen):
    with pytest.raises(AttendanceError, match="^A half day of leave covers a single day.$"):
        file(chain.clerk, end=D(2026, 3, 17), portion=DayPortion.MORNING)


def test_att4_overlapping_leave_is_refused(chain, frozen):
    file(chain.clerk, start=D(2026, 3, 16), end=D(2026, 3, 18))
    with pytest.raises(
        AttendanceError, match="^客服吴 already has leave from 2026-03-16 to 2026-03-18.$"
    ):
        file(chain.clerk, start=D(2026, 3, 18), kind=LeaveType.SICK)


def test_att5_refusal_needs_a_reason_and_ends_the_request(chain, frozen):
    leave = file(chain.clerk, end=D(2026, 3, 17))
    with pytest.raises(AttendanceError, match="^Say why the leave is refused.$"):
        services.reject_leave(leave=leave, by=chain.lead, comment=" ")
    services.reject_leave(leave=leave, by=chain.lead, comment="项目紧")
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.REJECTED
    with pytest.raises(AttendanceError, match="^This request has already been decided.$"):
        services.approve_leave(leave=leave, by=chain.manager)


def test_att5_only_the_current_level_may_refuse(chain, frozen):
    leave = file(chain.clerk, end=D(2026, 3, 17))
    with pytest.raises(AttendanceError, match="^A lower level must approve first.$"):
        services.reject_leave(leave=leave, by=chain.manager, comment="不行")


def test_att4_employee_cancels_pending_leave(chain, frozen):
    leave = file(chain.clerk)
    services.cancel_leave(leave=leave, by=chain.clerk)
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.CANCELLED


def test_att4_started_approved_leave_is_cancelled_only_by_hr(chain, frozen, hr):
    leave = file(chain.clerk, kind=LeaveType.SICK, start=D(2026, 3, 11))
    services.approve_leave(leave=leave, by=chain.lead)
    with pytest.raises(AttendanceError, match="^You cannot cancel this request.$"):
        services.cancel_leave(leave=leave, by=chain.clerk)
    services.cancel_leave(leave=leave, by=hr)


def test_att5_without_any_level_rows_the_domain_defaults_apply(chain, frozen):
    ApprovalLevel.objects.all().delete()
    assert len(levels(file(chain.clerk, end=D(2026, 3, 17)))) == 2
