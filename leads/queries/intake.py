"""The as-you-type check of the intake form: does this customer exist already? (LEAD-2)"""

from dataclasses import dataclass

from staff.models import Staff
from staff.phones import InvalidPhone, normalize_phone

from ..models import OPEN_STATES, Lead
from .access import can_view_lead, sees_all_leads

MIN_DIGITS = 7  # below this the number is still being typed: say nothing yet


@dataclass(frozen=True)
class PhoneCheck:
    typed: bool = False
    error: str = ""
    lead: Lead | None = None  # set only when the viewer may see the lead
    exists: bool = False
    closed_before: Lead | None = None
    can_record_visit: bool = False


def phone_check(user: Staff, raw: str) -> PhoneCheck:
    digits = sum(ch.isdigit() for ch in raw or "")
    if digits < MIN_DIGITS:
        return PhoneCheck()
    try:
        phone = normalize_phone(raw)
    except InvalidPhone as exc:
        return PhoneCheck(typed=True, error=str(exc.message) if digits >= 11 else "")
    leads = Lead.objects.filter(phone=phone).select_related("owner", "designer")
    open_lead = leads.filter(state__in=OPEN_STATES).first()
    if open_lead is None:
        closed = leads.order_by("-created_at").first() if sees_all_leads(user) else None
        return PhoneCheck(typed=True, closed_before=closed)
    visible = can_view_lead(user, open_lead)
    return PhoneCheck(
        typed=True,
        exists=True,
        lead=open_lead if visible else None,
        can_record_visit=visible and user.has_perm("leads.add_lead"),
    )
