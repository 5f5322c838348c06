"""The attendance app's outbound events: leave.pending when a request waits for an approver, so a
manager's robot or the firm's systems hear of it (issue 16). Recorded inside the leave service's
transaction (SEC-9)."""

from decimal import Decimal

from django.conf import settings
from django.utils import translation

from staff.models import Staff
from staff.outbound.services import record_event

from .models import LeaveRequest


def leave_pending(leave: LeaveRequest, approver: Staff) -> None:
    with translation.override(settings.OUTBOUND_LANGUAGE):
        data = {
            "id": leave.pk,
            "person": leave.staff.get_full_name(),
            "department": str(leave.staff.get_department_display()),
            "type": leave.leave_type,
            "type_label": str(leave.get_leave_type_display()),
            "start_day": leave.start_day.isoformat(),
            "end_day": leave.end_day.isoformat(),
            "days": f"{Decimal(leave.days):.1f}",  # 1.0, 0.5: as stored
            "late_notice": leave.late_notice,
            "approver": approver.get_full_name(),
            "path": leave.get_absolute_url(),
        }
    record_event("leave.pending", {"leave": data})
