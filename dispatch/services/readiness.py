"""Completing a waiting lead for dispatch from the dashboard, in place (DISP-2).

The customer manager fills what the lead still lacks (decoration date, area, budget) and may
confirm the designer levels in the same step, so a walk-in registered with gaps is dispatched
without leaving the dashboard. The details go through leads' own edit service (history and
timeline kept); nothing here decides readiness: `leads.rules.readiness` does.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from leads.models import Lead, LeadState
from leads.services.errors import LeadError
from leads.services.intake import update_lead_details
from leads.services.states import lock_lead
from staff.models import Staff

from .dispatching import confirm_levels_introduced
from .errors import DispatchError, require_perm

# The lead's details dispatch needs (DISP-2) that may be filled here; nothing else.
FILLABLE = ("planned_decoration_date", "area_m2", "budget")


@transaction.atomic
def complete_for_dispatch(
    *,
    lead: Lead,
    by: Staff,
    planned_decoration_date: date | None = None,
    area_m2: Decimal | None = None,
    budget: Decimal | None = None,
    levels_introduced: bool = False,
) -> Lead:
    """Fill the missing dispatch details of a waiting lead (only those still missing: a known
    value is corrected on the lead page), and confirm the designer levels when asked."""
    require_perm(
        by, "dispatch.dispatch_leads", _("Only the customer manager completes a lead here.")
    )
    lock_lead(lead)
    if lead.state != LeadState.NEW:
        raise DispatchError(_("Only a lead waiting for dispatch is completed here."))
    given = {
        "planned_decoration_date": planned_decoration_date,
        "area_m2": area_m2,
        "budget": budget,
    }
    changes = {
        name: value
        for name, value in given.items()
        if value is not None and getattr(lead, name) is None
    }
    if not changes and not levels_introduced:
        raise DispatchError(_("Fill in at least one of the missing details."))
    if changes:
        try:
            update_lead_details(lead=lead, by=by, **changes)
        except LeadError as exc:
            raise DispatchError(exc.message) from exc
    if levels_introduced:
        confirm_levels_introduced(lead=lead, by=by)
    return lead
