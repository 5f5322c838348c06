"""Site measurement (量房, LIFE-1): the lead's designer or the customer manager records the date
and the designer; the lead moves DISPATCHED -> MEASURED and the callback 3 days later is
scheduled (CB-1)."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Role, Staff

from .. import events
from ..models import Lead, LeadState, Measurement
from ..rules import lifecycle as rules
from ..rules.states import LeadState as RuleState
from .callbacks import schedule_after_measurement
from .errors import LeadError
from .states import lock_lead, transition


def may_work_on(user: Staff, lead: Lead, perm: str) -> bool:
    """The lead's own designer, or someone who manages every lead (the customer manager)."""
    if not user.has_perm(perm):
        return False
    return lead.designer_id == user.pk or user.has_perm("leads.view_all_leads")


def check_may(user: Staff, lead: Lead, perm: str) -> None:
    if not may_work_on(user, lead, perm):
        raise LeadError(_("Only the lead's designer or the customer manager records this."))


@transaction.atomic
def record_measurement(
    *,
    lead: Lead,
    measured_on: date,
    by: Staff,
    designer: Staff | None = None,
    note: str = "",
) -> Measurement:
    """LIFE-1: the date and the designer who measured (default: the lead's designer)."""
    lock_lead(lead)
    check_may(by, lead, "leads.add_measurement")
    dispatched_on = timezone.localdate(lead.dispatched_at) if lead.dispatched_at else None
    decision = rules.check_measurement(
        RuleState(lead.state), measured_on, dispatched_on, timezone.localdate()
    )
    if not decision:
        raise LeadError(decision.message)
    designer = designer or lead.designer
    if designer is None or not (designer.is_active and designer.has_role(Role.DESIGNER)):
        raise LeadError(_("Choose the active designer who measured."))
    measurement = Measurement(
        lead=lead, measured_on=measured_on, designer=designer, note=note.strip(), recorded_by=by
    )
    measurement._history_user = by
    measurement.save()
    text = _("Measured on %(day)s by %(designer)s.") % {
        "day": f"{measured_on:%Y-%m-%d}",
        "designer": designer.get_full_name(),
    }
    transition(lead=lead, target=LeadState.MEASURED, by=by, note=text)
    schedule_after_measurement(measurement=measurement, by=by)
    events.lead_measured(measurement)
    return measurement
