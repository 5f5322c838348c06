"""The dispatch app's outbound event: lead.dispatched, recorded inside the dispatch's transaction
(SEC-9). The lead's part of the payload is the leads app's."""

from django.conf import settings
from django.utils import translation

from leads.events import lead_data
from staff.outbound.services import record_event

from .models import Assignment


def lead_dispatched(assignment: Assignment) -> None:
    """Every hand-over: rotation, preferred, chosen, after a decline, forced (强制派单)."""
    with translation.override(settings.OUTBOUND_LANGUAGE):
        details = {
            "designer": assignment.designer.get_full_name(),
            "method": assignment.method,
            "method_label": str(assignment.get_method_display()),
            "forced": assignment.is_forced,
            "dispatched_at": assignment.dispatched_at.isoformat(),
        }
    record_event("lead.dispatched", {"lead": lead_data(assignment.lead), "assignment": details})
