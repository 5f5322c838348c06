"""Business outings (ATT-6): the supervisor approves, the front desk records out and back."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from staff.models import Role, Staff
from staff.services import notify

from ..models import BusinessOuting, OutingStatus
from ..rules.leave import outing_allowed
from .common import AttendanceError, is_hr, local_now, local_today, principals_of


def may_register(user: Staff) -> bool:
    return user.is_superuser or user.has_role(Role.FRONT_DESK, Role.HR)


def may_decide_outing(outing: BusinessOuting, user: Staff, today: date | None = None) -> bool:
    if outing.status != OutingStatus.PENDING or outing.approver_id is None:
        return False
    if user.pk == outing.staff_id:
        return False
    return outing.approver_id == user.pk or outing.approver_id in principals_of(
        user, today or local_today()
    )


@transaction.atomic
def request_outing(
    *,
    staff: Staff,
    by: Staff,
    day: date,
    planned_out: time,
    planned_back: time,
    destination: str,
    purpose: str,
) -> BusinessOuting:
    """File an outing with the direct supervisor; someone with none needs no approval."""
    if by.pk != staff.pk:
        raise AttendanceError(_("An outing is requested by the person who goes out."))
    if planned_back <= planned_out:
        raise AttendanceError(_("The planned return must be after the departure."))
    if day < local_today():
        raise AttendanceError(_("An outing cannot be requested for a past day."))
    outing = BusinessOuting.objects.create(
        staff=staff,
        day=day,
        planned_out=planned_out,
        planned_back=planned_back,
        destination=destination,
        purpose=purpose,
        approver=staff.supervisor,
        status=OutingStatus.PENDING if staff.supervisor_id else OutingStatus.APPROVED,
    )
    if staff.supervisor_id:
        text = _("Outing awaiting your approval: %(outing)s") % {"outing": str(outing)}
        notify(recipient=staff.supervisor, text=text, link=reverse("attendance:approvals"))
    return outing


@transaction.atomic
def decide_outing(
    *, outing: BusinessOuting, by: Staff, approve: bool, comment: str = ""
) -> BusinessOuting:
    # The row lock stops a second click (or a cancellation) deciding the same outing twice.
    outing = BusinessOuting.objects.select_for_update().get(pk=outing.pk)
    if not may_decide_outing(outing, by):
        raise AttendanceError(_("This outing is not waiting for your decision."))
    outing.status = OutingStatus.APPROVED if approve else OutingStatus.REJECTED
    outing.decided_at = local_now()
    outing.decision_comment = comment
    outing.save(update_fields=["status", "decided_at", "decision_comment"])
    if approve:
        text = _("Your outing was approved: %(outing)s") % {"outing": outing}
    else:
        text = _("Your outing was refused: %(outing)s") % {"outing": outing}
    notify(recipient=outing.staff, text=text, link=reverse("attendance:outings"))
    return outing


@transaction.atomic
def cancel_outing(*, outing: BusinessOuting, by: Staff) -> BusinessOuting:
    outing = BusinessOuting.objects.select_for_update().get(pk=outing.pk)
    open_states = (OutingStatus.PENDING, OutingStatus.APPROVED)
    if outing.status not in open_states or outing.out_at is not None:
        raise AttendanceError(_("This outing can no longer be cancelled."))
    if by.pk != outing.staff_id and not is_hr(by):
        raise AttendanceError(_("Only the person going out can cancel the outing."))
    outing.status = OutingStatus.CANCELLED
    outing.save(update_fields=["status"])
    return outing


def _register_check(outing: BusinessOuting, by: Staff) -> BusinessOuting:
    if not may_register(by):
        raise AttendanceError(_("Only the front desk or HR keeps the outing register."))
    # Two clerks at the desk may click for the same person: lock so one entry wins.
    outing = BusinessOuting.objects.select_for_update().get(pk=outing.pk)
    decision = outing_allowed(outing.status == OutingStatus.APPROVED)
    if not decision.allowed:
        raise AttendanceError(str(decision.message))
    return outing


@transaction.atomic
def register_out(
    *, outing: BusinessOuting, by: Staff, at: datetime | None = None
) -> BusinessOuting:
    """ATT-6: the front desk records the departure of an approved outing."""
    outing = _register_check(outing, by)
    if outing.out_at is not None:
        raise AttendanceError(_("The departure is already recorded."))
    outing.out_at = at or local_now()
    outing.registered_by = by
    outing.save(update_fields=["out_at", "registered_by"])
    return outing


@transaction.atomic
def register_back(
    *, outing: BusinessOuting, by: Staff, at: datetime | None = None
) -> BusinessOuting:
    """ATT-6: the front desk records the return."""
    outing = _register_check(outing, by)
    if outing.out_at is None:
        raise AttendanceError(_("Record the departure first."))
    if outing.back_at is not None:
        raise AttendanceError(_("The return is already recorded."))
    back = at or local_now()
    if back <= outing.out_at:
        raise AttendanceError(_("The return must be after the departure."))
    outing.back_at = back
    outing.registered_by = by
    outing.save(update_fields=["back_at", "registered_by"])
    return outing
