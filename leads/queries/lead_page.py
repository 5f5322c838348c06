"""The lead page's data for one user: the lead's rows and what the user may do there, read in a
fixed number of queries whatever the lead holds (issue 10). The view adds the forms."""

from staff.models import Staff

from ..models import Channel, Lead, TransferSlip
from . import leads as queries
from .access import sees_all_leads, shows_full_phone


def lead_page(user: Staff, lead: Lead) -> dict:
    """The page's context but its forms, for a lead read by `leads.lead_for_page`; `people` is
    the active staff, the choices of the page's forms."""
    slip = queries.slip_or_none(lead)
    show_history = sees_all_leads(user)
    people = queries.page_people(lead)  # also sets the people the rows below name
    return {
        "lead": lead,
        "people": people,
        "slip": slip,
        "slip_steps": queries.lead_slip_steps(lead),
        "claim_rows": queries.claim_rows(lead),
        "ruling": queries.current_ruling(lead),
        "events": lead.events.all(),
        "findings": lead.private_contacts.all(),
        "salesperson_credit": queries.salesperson_credit(lead),
        "marketing_credit": queries.marketing_credit(lead),
        "full_phone": shows_full_phone(user, lead),
        "can_rule": user.has_perm("leads.rule_ownership"),
        "can_record_private_contact": user.has_perm("leads.add_privatecontactfinding"),
        "can_edit": user.has_perm("leads.change_lead") and lead.is_open,
        "can_record_visit": user.has_perm("leads.add_lead") and lead.is_open,
        "can_fill_slip": can_fill_slip(user, lead, slip),
        "show_history": show_history,
        "history": queries.history_rows(lead) if show_history else [],
    }


def can_fill_slip(user: Staff, lead: Lead, slip: TransferSlip | None) -> bool:
    """The salesperson who brought an open marketing lead fills its slip, once."""
    return (
        slip is None
        and lead.is_open
        and lead.channel == Channel.MARKETING
        and lead.brought_by_id == user.pk
    )
