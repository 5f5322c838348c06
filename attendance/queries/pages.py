"""Read helpers behind the attendance pages: fixed query counts via select_related/prefetch."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from staff.models import Role, Staff

from ..models import (
    BusinessOuting,
    CalendarDay,
    ClockRecord,
    DailyStatus,
    LeaveApproval,
    LeaveRequest,
    LeaveStatus,
    OffPostRecord,
    OutingStatus,
    ViolationRecord,
    WorkSchedule,
)
from ..services.common import local_today, principals_of

# ------------------------------------------------------------------------------------------------
# Who sees whom
# ------------------------------------------------------------------------------------------------


def sees_everyone(user: Staff) -> bool:
    """HR and the GM see the whole firm's attendance (a permission, set in roles.py)."""
    return user.has_perm("attendance.view_all_attendance")


def subordinate_ids(user: Staff, depth: int = 6) -> set[int]:
    """Everyone below `user` in the supervisor chain (one query per level, bounded)."""
    found: set[int] = set()
    level = {user.pk}
    for _level in range(depth):
        level = (
            set(Staff.objects.filter(supervisor_id__in=level).values_list("pk", flat=True))
            - found
            - {user.pk}
        )
        if not level:
            break
        found |= level
    return found


def visible_people(user: Staff, department: str = "") -> QuerySet[Staff]:
    """Active staff whose attendance `user` may see: all for HR/GM, else their reports.

    The technical superuser account is nobody's employee and has no attendance.
    """
    people = Staff.objects.filter(is_active=True, is_superuser=False)
    if not sees_everyone(user):
        people = people.filter(pk__in=subordinate_ids(user))
    if department:
        people = people.filter(department=department)
    return people.order_by("department", "employee_no")


def is_supervisor(user: Staff) -> bool:
    return Staff.objects.filter(supervisor=user, is_active=True).exists()


# ------------------------------------------------------------------------------------------------
# Leave
# ------------------------------------------------------------------------------------------------


def _with_approvals(requests: QuerySet[LeaveRequest]) -> QuerySet[LeaveRequest]:
    approvals = LeaveApproval.objects.select_related("approver", "decided_by").order_by("level")
    return requests.select_related("staff", "filed_by").prefetch_related(
        Prefetch("approvals", queryset=approvals)
    )


def my_leave(user: Staff, status: str = "") -> QuerySet[LeaveRequest]:
    """Requests for `user`, or filed by them for someone else (sick leave)."""
    requests = LeaveRequest.objects.filter(Q(staff=user) | Q(filed_by=user))
    if status:
        requests = requests.filter(status=status)
    return _with_approvals(requests).order_by("-start_day", "-id")


def leave_detail(pk: int) -> LeaveRequest:
    return _with_approvals(LeaveRequest.objects.filter(pk=pk)).get()


def awaiting_leave(user: Staff, today: date) -> QuerySet[LeaveRequest]:
    """Pending requests whose current level is `user` (or someone who delegated to them)."""
    earlier_open = LeaveApproval.objects.filter(
        request=OuterRef("request"), level__lt=OuterRef("level"), decision=""
    )
    my_turn = LeaveApproval.objects.filter(
        request=OuterRef("pk"),
        decision="",
        approver_id__in={user.pk} | principals_of(user, today),
    ).exclude(Exists(earlier_open))
    requests = LeaveRequest.objects.filter(Exists(my_turn), status=LeaveStatus.PENDING)
    return _with_approvals(requests.exclude(staff=user)).order_by("start_day", "id")


def awaiting_outings(user: Staff, today: date) -> QuerySet[BusinessOuting]:
    approvers = {user.pk} | principals_of(user, today)
    return (
        BusinessOuting.objects.filter(status=OutingStatus.PENDING, approver_id__in=approvers)
        .exclude(staff=user)
        .select_related("staff")
        .order_by("day", "planned_out")
    )


def leave_in_month(people: QuerySet[Staff], first: date, last: date) -> QuerySet[LeaveRequest]:
    """Pending and approved leave overlapping the month, for the department calendar."""
    return LeaveRequest.objects.filter(
        staff__in=people,
        status__in=[LeaveStatus.PENDING, LeaveStatus.APPROVED],
        start_day__lte=last,
        end_day__gte=first,
    ).order_by("start_day")


def calendar_days(first: date, last: date) -> dict[date, CalendarDay]:
    return {row.day: row for row in CalendarDay.objects.filter(day__range=(first, last))}


# ------------------------------------------------------------------------------------------------
# Records
# ------------------------------------------------------------------------------------------------


def clock_records(
    *, day: date | None = None, department: str = "", search: str = ""
) -> QuerySet[ClockRecord]:
    records = ClockRecord.objects.select_related("staff", "entered_by")
    if day:
        records = records.filter(day=day)
    if department:
        records = records.filter(staff__department=department)
    if search:
        records = records.filter(
            Q(staff__name__icontains=search) | Q(staff__employee_no__icontains=search)
        )
    return records.order_by("-day", "staff__employee_no")


def off_post_records(user: Staff) -> QuerySet[OffPostRecord]:
    records = OffPostRecord.objects.select_related("staff", "recorded_by", "violation")
    if not sees_everyone(user):
        records = records.filter(staff_id__in=subordinate_ids(user))
    return records.order_by("-day", "-started_at")


def daily_statuses(
    user: Staff, *, day: date, department: str = "", code: str = ""
) -> QuerySet[DailyStatus]:
    statuses = DailyStatus.objects.filter(day=day, staff__in=visible_people(user, department))
    if code:
        statuses = statuses.filter(code=code)
    return statuses.select_related("staff").order_by("staff__department", "staff__employee_no")


def violations_for(user: Staff, *, first: date, last: date) -> QuerySet[ViolationRecord]:
    return (
        ViolationRecord.objects.filter(day__range=(first, last), staff__in=visible_people(user))
        .select_related("staff", "off_post")
        .order_by("-day", "staff__employee_no")
    )


def my_statuses(user: Staff, first: date, last: date) -> QuerySet[DailyStatus]:
    return DailyStatus.objects.filter(staff=user, day__range=(first, last)).order_by("day")


def my_outings(user: Staff) -> QuerySet[BusinessOuting]:
    return BusinessOuting.objects.filter(staff=user).select_related("approver").order_by("-day")


def outing_register(day: date) -> QuerySet[BusinessOuting]:
    """The front desk's register for a day: approved outings, and who is still out."""
    return (
        BusinessOuting.objects.filter(day=day, status=OutingStatus.APPROVED)
        .select_related("staff", "registered_by")
        .order_by("planned_out", "staff__employee_no")
    )


def schedules() -> QuerySet[WorkSchedule]:
    return WorkSchedule.objects.select_related("staff").order_by(
        "scope", "department", "staff__employee_no", "-valid_from"
    )


def front_desk_and_hr() -> QuerySet[Staff]:
    return Staff.objects.filter(groups__name__in=[Role.FRONT_DESK, Role.HR]).distinct()


def may_view_leave(leave: LeaveRequest, user: Staff) -> bool:
    """The employee, the filer, its approvers (and delegates), supervisors above, HR and GM."""
    involved = {leave.staff_id, leave.filed_by_id}
    involved |= set(leave.approvals.values_list("approver_id", flat=True))
    if user.pk in involved or sees_everyone(user):
        return True
    if involved & principals_of(user, local_today()):
        return True
    return leave.staff_id in subordinate_ids(user)


def leave_history(leave: LeaveRequest):
    """SEC-3 on the page: the request's own changes and each level's decision."""
    request_rows = leave.history.select_related("history_user")
    return request_rows.order_by("-history_date")[:20]
