"""Who may do what at the front desk: one guard for views and one set of booleans for the
templates (which never test role codes)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from core.access import Access
from staff.models import Staff


def require(user: Staff, *perms: str) -> None:
    """403 unless the user holds at least one of `perms`."""
    if not any(user.has_perm(perm) for perm in perms):
        raise PermissionDenied


@dataclass(frozen=True)
class Desk(Access):
    log_visits: bool
    see_visits: bool
    log_calls: bool
    see_calls: bool
    book: bool
    see_appointments: bool
    change_appointments: bool
    hand_over: bool
    see_handover: bool
    see_documents: bool
    register_documents: bool
    see_quality: bool
    import_calls: bool
    handle_alerts: bool
    check_in_mood: bool
    see_good_cases: bool
    mark_good_cases: bool
    record_faults: bool
    full_phones: bool


PERMS = {
    "log_visits": "frontdesk.add_receptionentry",
    "see_visits": "frontdesk.view_receptionentry",
    "log_calls": "frontdesk.add_phoneconsultation",
    "see_calls": "frontdesk.view_phoneconsultation",
    "book": "frontdesk.add_appointment",
    "see_appointments": "frontdesk.view_appointment",
    "change_appointments": "frontdesk.change_appointment",
    "hand_over": "frontdesk.add_handovernote",
    "see_handover": "frontdesk.view_handovernote",
    "see_documents": "frontdesk.view_document",
    "register_documents": "frontdesk.add_document",
    "see_quality": "frontdesk.view_agentdailymetric",
    "import_calls": "frontdesk.add_callrecord",
    "handle_alerts": "frontdesk.change_qualityalert",
    "check_in_mood": "frontdesk.add_moodcheckin",
    "see_good_cases": "frontdesk.view_goodcase",
    "mark_good_cases": "frontdesk.add_goodcase",
    "record_faults": "staff.add_fault",
    "full_phones": "leads.view_customer_phone",
}


def desk_for(user: Staff) -> Desk:
    """What the signed-in person may do here (permissions are cached on the user)."""
    return Desk.from_perms(user, PERMS)
