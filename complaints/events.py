"""The complaints app's outbound events: complaint.registered, complaint.closed and
complaint.overdue, recorded inside the causing service's transaction (SEC-9). The phone is masked
per receiver when sent."""

from datetime import datetime

from django.conf import settings
from django.utils import translation

from staff.outbound.services import record_event

from .models import Complaint


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def complaint_data(complaint: Complaint) -> dict:
    with translation.override(settings.OUTBOUND_LANGUAGE):
        return {
            "id": complaint.pk,
            "number": complaint.number,
            "status": complaint.status,
            "status_label": str(complaint.get_status_display()),
            "channel": complaint.channel,
            "received_at": _iso(complaint.received_at),
            "customer_name": complaint.customer_name,
            "phone": complaint.phone,
            "category": complaint.category.name,
            "severity": complaint.severity,
            "severity_label": str(complaint.get_severity_display()),
            "summary": complaint.summary,
            "lead_id": complaint.lead_id,
            "investigation_due_at": _iso(complaint.investigation_due_at),
            "closed_at": _iso(complaint.closed_at),
            "path": complaint.get_absolute_url(),
        }


def complaint_registered(complaint: Complaint) -> None:
    record_event("complaint.registered", {"complaint": complaint_data(complaint)})


def complaint_closed(complaint: Complaint) -> None:
    record_event("complaint.closed", {"complaint": complaint_data(complaint)})


def complaint_overdue(complaint: Complaint, due_at: datetime) -> None:
    """A step is late (CMP-4): for the managers' group robot, once per complaint and step."""
    data = complaint_data(complaint)
    with translation.override(settings.OUTBOUND_LANGUAGE):
        data["overdue_step"] = str(complaint.next_step_label)
    data["due_at"] = _iso(due_at)
    record_event("complaint.overdue", {"complaint": data})
