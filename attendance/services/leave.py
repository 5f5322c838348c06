"""Leave (ATT-4, ATT-5): filing, level-by-level approval, refusal and cancellation."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from staff.models import Staff
from staff.services import notify, resolve_todos

from .. import events, queries
from ..models import (
    ApprovalDecision,
    DayPortion,
    LeaveApproval,
    LeaveRequest,
    LeaveStatus,
)
from ..rules.calendar import WorkCalendar
from ..rules.leave import (
    LeaveConfig,
    LeaveType,
    approval_chain,
    can_approve,
    is_fully_approved,
    leave_days,
    levels_for,
    may_file,
    next_approver,
    notice_ok,
)
from .common import (
    AttendanceError,
    at_local,
    is_hr,
    local_now,
    local_today,
    principals_of,
    supervisors_map,
)
from .daily import recompute_if_past

APPROVE = "approve"  # the to-do step of a leave approval (staff.services.resolve_todos)

OPEN_STATUSES = (LeaveStatus.PENDING, LeaveStatus.APPROVED)


def _days_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def working_days(start: date, end: date, portion: str, calendar: WorkCalendar) -> Decimal:
    """Working days the leave covers by the holiday calendar; a half day counts 0.5."""
    return leave_days(len(calendar.workdays(start, end)), portion != DayPortion.FULL)


def leave_starts_at(staff: Staff, start: date, portion: str) -> datetime:
    """When the leave begins: the shift start, or midday for an afternoon off (ATT-4 notice)."""
    schedule = queries.schedule_for(staff, start)
    moment = schedule.midday if portion == DayPortion.AFTERNOON else schedule.start
    return at_local(start, moment)


def _check_shape(start: date, end: date, portion: str) -> None:
    if end < start:
        raise AttendanceError(_("The last day is before the first day."))
    if portion != DayPortion.FULL and start != end:
        raise AttendanceError(_("A half day of leave covers a single day."))


def _check_overlap(staff: Staff, start: date, end: date) -> None:
    clash = LeaveRequest.objects.filter(
        staff=staff, status__in=OPEN_STATUSES, start_day__lte=end, end_day__gte=start
    ).first()
    if clash is not None:
        raise AttendanceError(
            _("%(name)s already has leave from %(start)s to %(end)s.")
            % {"name": staff.get_full_name(), "start": clash.start_day, "end": clash.end_day}
        )


def _create_chain(leave: LeaveRequest, config: LeaveConfig) -> list[int]:
    levels = levels_for(leave.days, config)
    chain = approval_chain(leave.staff_id, supervisors_map(), levels)
    LeaveApproval.objects.bulk_create(
        [
            LeaveApproval(request=leave, level=number, approver_id=approver)
            for number, approver in enumerate(chain, start=1)
        ]
    )
    return chain


@transaction.atomic
def file_leave(
    *,
    staff: Staff,
    by: Staff,
    leave_type: str,
    start_day: date,
    end_day: date,
    reason: str,
    portion: str = DayPortion.FULL,
    now: datetime | None = None,
) -> LeaveRequest:
    """ATT-4/5: file a request and send it to the first level of the supervisor chain.

    - personal kinds only by the employee; sick leave by anyone for them;
    - a late request is accepted but marked: without approval the day counts as absence;
    - someone with no supervisor (the top of the firm) has nobody to ask: approved at once.
    """
    now = now or local_now()
    decision = may_file(LeaveType(leave_type), by.pk, staff.pk)
    if not decision.allowed:
        raise AttendanceError(str(decision.message))
    _check_shape(start_day, end_day, portion)
    # Lock the person's row: two quick submissions must not both pass the overlap check.
    Staff.objects.select_for_update().filter(pk=staff.pk).first()
    _check_overlap(staff, start_day, end_day)
    calendar = queries.work_calendar(start_day, end_day)
    days = working_days(start_day, end_day, portion, calendar)
    if not days:
        raise AttendanceError(_("The chosen days contain no working day."))
    config = queries.leave_config()
    starts = leave_starts_at(staff, start_day, portion)
    timely = notice_ok(LeaveType(leave_type), now, starts, config)
    leave = LeaveRequest.objects.create(
        staff=staff,
        filed_by=by,
        leave_type=leave_type,
        start_day=start_day,
        end_day=end_day,
        portion=portion,
        days=days,
        reason=reason,
        late_notice=not timely.allowed,
    )
    chain = _create_chain(leave, config)
    if not chain:
        _finish(leave, now)
    else:
        _ask(leave, chain[0])
    if by.pk != staff.pk:
        _tell_employee(leave, _("%(filer)s filed %(leave)s for you.") % _names(leave, by))
    return leave


def _names(leave: LeaveRequest, actor: Staff) -> dict[str, str]:
    return {"filer": actor.get_full_name(), "leave": str(leave), "name": actor.get_full_name()}


def _ask(leave: LeaveRequest, approver_id: int) -> None:
    approver = Staff.objects.get(pk=approver_id)
    text = _("Leave awaiting your approval: %(leave)s") % {"leave": str(leave)}
    if leave.late_notice:
        text = _("Late leave request awaiting your approval: %(leave)s") % {"leave": str(leave)}
    notify(recipient=approver, text=text, link=leave.get_absolute_url(), target=leave, step=APPROVE)
    events.leave_pending(leave, approver)


def _tell_employee(leave: LeaveRequest, text: str) -> None:
    notify(recipient=leave.staff, text=text, link=leave.get_absolute_url())
    if leave.filed_by_id != leave.staff_id:
        notify(recipient=leave.filed_by, text=text, link=leave.get_absolute_url())


def _finish(leave: LeaveRequest, now: datetime) -> None:
    leave.status = LeaveStatus.APPROVED
    leave.decided_at = now
    leave.save(update_fields=["status", "decided_at"])
    recompute_if_past(staff_id=leave.staff_id, days=_days_between(leave.start_day, leave.end_day))


def _locked(leave: LeaveRequest) -> LeaveRequest:
    # Two approvers (or an approver and the employee cancelling) may act at the same moment:
    # the row lock makes them take turns, and the second sees the first one's decision.
    locked = LeaveRequest.objects.select_for_update().get(pk=leave.pk)
    if locked.status != LeaveStatus.PENDING:
        raise AttendanceError(_("This request has already been decided."))
    return locked


def _acting_for(by: Staff, pending: LeaveApproval | None, today: date) -> int:
    """The approver `by` acts as: themselves, or the next approver who delegated to them."""
    if pending is not None and pending.approver_id in principals_of(by, today):
        return pending.approver_id
    return by.pk


def _turn(leave: LeaveRequest, by: Staff, now: datetime) -> LeaveApproval:
    """The undecided level `by` may decide now; refuses self-approval and skipping (ATT-5)."""
    approvals = list(leave.approvals.order_by("level"))
    chain = [row.approver_id for row in approvals]
    done = [row.approver_id for row in approvals if row.decision == ApprovalDecision.APPROVED]
    pending = next((row for row in approvals if not row.decision), None)
    acting = by.pk if by.pk == leave.staff_id else _acting_for(by, pending, now.date())
    decision = can_approve(chain, done, acting, leave.staff_id)
    if not decision.allowed:
        raise AttendanceError(str(decision.message))
    return next(row for row in approvals if row.approver_id == acting)


def _decide(row: LeaveApproval, by: Staff, verdict: str, comment: str, now: datetime) -> None:
    row.decision = verdict
    row.decided_by = by
    row.comment = comment
    row.decided_at = now
    row.save(update_fields=["decision", "decided_by", "comment", "decided_at"])


@transaction.atomic
def approve_leave(
    *, leave: LeaveRequest, by: Staff, comment: str = "", now: datetime | None = None
) -> LeaveRequest:
    """ATT-5: the next level approves; the last level's approval grants the leave."""
    now = now or local_now()
    leave = _locked(leave)
    _decide(_turn(leave, by, now), by, ApprovalDecision.APPROVED, comment, now)
    resolve_todos(leave, APPROVE)
    rows = list(leave.approvals.order_by("level").values_list("approver_id", "decision"))
    chain = [approver for approver, _d in rows]
    done = [approver for approver, verdict in rows if verdict == ApprovalDecision.APPROVED]
    if is_fully_approved(chain, done):
        _finish(leave, now)
        _tell_employee(leave, _("Your leave was approved: %(leave)s") % {"leave": str(leave)})
    else:
        _ask(leave, next_approver(chain, done))
    return leave


@transaction.atomic
def reject_leave(
    *, leave: LeaveRequest, by: Staff, comment: str, now: datetime | None = None
) -> LeaveRequest:
    """The level whose turn it is refuses; the request ends there (a late one: absence)."""
    now = now or local_now()
    if not comment.strip():
        raise AttendanceError(_("Say why the leave is refused."))
    leave = _locked(leave)
    _decide(_turn(leave, by, now), by, ApprovalDecision.REJECTED, comment, now)
    resolve_todos(leave, APPROVE)
    leave.status = LeaveStatus.REJECTED
    leave.decided_at = now
    leave.save(update_fields=["status", "decided_at"])
    text = _("Your leave was refused: %(leave)s. Reason: %(reason)s") % {
        "leave": str(leave),
        "reason": comment,
    }
    _tell_employee(leave, text)
    return leave


def can_cancel(leave: LeaveRequest, user: Staff, today: date) -> bool:
    """The employee or filer while it is pending or has not started; HR at any time."""
    if leave.status not in OPEN_STATUSES:
        return False
    if is_hr(user):
        return True
    own = user.pk in (leave.staff_id, leave.filed_by_id)
    return own and (leave.status == LeaveStatus.PENDING or leave.start_day > today)


@transaction.atomic
def cancel_leave(*, leave: LeaveRequest, by: Staff, now: datetime | None = None) -> LeaveRequest:
    now = now or local_now()
    leave = LeaveRequest.objects.select_for_update().get(pk=leave.pk)
    if not can_cancel(leave, by, now.date()):
        raise AttendanceError(_("You cannot cancel this request."))
    was_approved = leave.status == LeaveStatus.APPROVED
    leave.status = LeaveStatus.CANCELLED
    leave.decided_at = now
    leave.save(update_fields=["status", "decided_at"])
    resolve_todos(leave, APPROVE)
    if was_approved:
        days = _days_between(leave.start_day, leave.end_day)
        recompute_if_past(staff_id=leave.staff_id, days=days)
    return leave


def pending_approver_id(leave: LeaveRequest) -> int | None:
    """Whose turn it is on a pending request (for pages); None when decided."""
    if leave.status != LeaveStatus.PENDING:
        return None
    rows = sorted(leave.approvals.all(), key=lambda row: row.level)
    return next((row.approver_id for row in rows if not row.decision), None)


def may_decide(leave: LeaveRequest, user: Staff, today: date | None = None) -> bool:
    """Does the page offer approve/refuse buttons to `user`? (The service checks again.)"""
    waiting = pending_approver_id(leave)
    if waiting is None or user.pk == leave.staff_id:
        return False
    return waiting == user.pk or waiting in principals_of(user, today or local_today())
