"""The dashboard's panel for the selected lead: its slip and dispatch history, then what blocks
it, or the ranked candidates and the skipped designers (DISP-2, DISP-5, QG-2)."""

from __future__ import annotations

from leads.models import Lead, LeadState
from leads.queries.access import phone_for
from staff.models import Staff

from .. import rules
from .day import dispatch_day
from .load import candidate_rows, lead_ranking, split_by_tier
from .queue import blockers, lead_assignments, missing_details, slip_or_none


def panel(lead: Lead, *, viewer: Staff, can_dispatch: bool, can_force: bool) -> dict:
    """The panel's context for `viewer`, whose dispatch rights the view passes in. A dispatched
    lead shows its history only (to record a decline); a waiting one its blockers, and once
    nothing blocks it the candidates and the designer the rotation recommends."""
    slip = slip_or_none(lead)
    found = {
        "phone": phone_for(viewer, lead),
        "slip": slip,
        "history": list(lead_assignments(lead)),
        "is_dispatched": lead.state == LeadState.DISPATCHED,
    }
    if found["is_dispatched"]:
        return found
    found.update(
        blockers=blockers(lead),
        can_confirm_levels=can_dispatch and not lead.levels_introduced,
        missing_details=missing_details(lead),
    )
    if found["blockers"]:
        return found
    return found | _candidates(lead, slip, can_force=can_force)


def _candidates(lead: Lead, slip, *, can_force: bool) -> dict:
    day = dispatch_day()
    ranking, _designers = lead_ranking(lead, day)
    preferred = slip.preferred_designer if slip else None
    choice = rules.choose_designer(ranking, preferred.pk if preferred else None)
    eligible, skipped = candidate_rows(ranking, day)
    same_tier, other_tiers = split_by_tier(skipped)
    return {
        "day": day,
        "choice": choice,
        "preferred": preferred,
        "eligible": eligible,
        "skipped": same_tier,
        "other_tiers": other_tiers,
        "recommended_id": choice.designer.designer_id if choice.designer else None,
        "force_allowed": choice.needs_force and can_force,
    }
