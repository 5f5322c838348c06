"""The one place where a lead's state changes (LEAD-3).

- `mark_dispatched`: NEW -> DISPATCHED, or a DISPATCHED lead handed to another designer after a
  decline (the dispatch app decides who; this module keeps the lead consistent). Every dispatch
  schedules the callback a day later (CB-1), whichever path it came by.
- `return_to_queue`: DISPATCHED -> NEW, the one exception to forward-only moves: the designer
  declined and nobody else took the lead, so it waits for dispatch again.
- `transition`: every other move (measured, signed, invalid, dead, reopened), checked against
  the table in leads.rules.states.
Each call locks the lead row, writes the audit history (simple_history) and one timeline event.
`write_dispatch` is `mark_dispatched` for the dispatch engine, which has locked the lead (and its
designers) in its own transaction already.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Role, Staff

from ..models import OPEN_STATES, Lead, LeadEvent, LeadState
from ..rules.states import LeadState as RuleState
from ..rules.states import check_reopen, check_transition
from .callbacks import write_after_dispatch_callback
from .errors import LeadError
from .slip_checks import slip_refusal
from .timeline import record_event, write_event

# Event written for each forward move; dispatch has its own function and event kinds.
TRANSITION_EVENTS = {
    LeadState.MEASURED: LeadEvent.Kind.MEASUREMENT,
    LeadState.SIGNED: LeadEvent.Kind.CONTRACT,
    LeadState.INVALID: LeadEvent.Kind.CLOSURE_CONFIRMED,
    LeadState.DEAD: LeadEvent.Kind.CLOSURE_CONFIRMED,
}
CLOSED = (LeadState.INVALID, LeadState.DEAD)


def lock_lead(lead: Lead, *, with_slip: bool = False) -> Lead:
    """Lock the lead's row for this transaction and reload `lead` in place, in one query;
    `with_slip`: its transfer slip too (with the salesperson and the preferred designer), for
    dispatch (see leads.services.slip_checks). A lead that does not exist raises Lead.DoesNotExist.

    Race: two people acting on the same lead at once (two dispatches, a dispatch and a
    closure) would otherwise both read the old state and both write.
    """
    rows = Lead.objects.select_for_update(of=("self",))
    if with_slip:
        rows = rows.select_related("slip__salesperson", "slip__preferred_designer")
    fresh = rows.get(pk=lead.pk)
    for field in Lead._meta.concrete_fields:
        setattr(lead, field.attname, getattr(fresh, field.attname))
    # Related rows cached on `lead` may be stale: keep only what was read just now.
    lead._state.fields_cache = dict(fresh._state.fields_cache)
    lead._state.adding, lead._state.db = False, fresh._state.db
    lead._prefetched_objects_cache = {}
    lead._slip_read_with_lock = with_slip  # see slip_checks.loaded_slip
    return lead


def _save(lead: Lead, by: Staff | None, reason: str, fields: list[str]) -> None:
    lead._history_user = by  # simple_history: who, even outside a request
    lead._change_reason = reason[:100]
    lead.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def mark_dispatched(*, lead: Lead, designer: Staff, by: Staff, forced: bool = False) -> Lead:
    """Hand the lead to `designer`: NEW -> DISPATCHED, or re-dispatch a DISPATCHED lead.

    Refuses a closed or already measured lead, a person who is not an active designer, the same
    designer again, and a marketing lead whose transfer slip is not fully signed (SLIP-2).
    """
    lock_lead(lead)
    return write_dispatch(lead=lead, designer=designer, by=by, forced=forced)


def write_dispatch(
    *,
    lead: Lead,
    designer: Staff,
    by: Staff,
    forced: bool = False,
    known_designer: bool = False,
    slip_checked: bool = False,
) -> Lead:
    """`mark_dispatched` for a caller that has locked the lead (`lock_lead`) inside its own
    transaction: the same checks and writes, without a second lock, reload or savepoint.

    `known_designer`: the caller picked `designer` among the active designers it selected by
    role and locked, so the role is not read again. `slip_checked`: the caller asked
    `slip_refusal` under this same lock already, so the slip is not judged twice.
    """
    if not known_designer:
        _check_designer(designer)
    redispatch = lead.state == LeadState.DISPATCHED
    if redispatch and lead.designer_id == designer.pk:
        raise LeadError(_("The lead is already dispatched to this designer."))
    if not redispatch:
        _check(lead, LeadState.DISPATCHED)
    refusal = None if slip_checked else slip_refusal(lead)
    if refusal:
        raise LeadError(refusal)
    lead.state = LeadState.DISPATCHED
    lead.designer = designer
    lead.dispatched_at = timezone.now()
    _save(lead, by, "dispatch", ["state", "designer", "dispatched_at"])
    write_event(
        lead=lead,
        kind=_dispatch_kind(redispatch, forced),
        text=_dispatch_text(designer, redispatch, forced),
        by=by,
        at=lead.dispatched_at,
    )
    write_after_dispatch_callback(lead=lead, by=by)
    return lead


def _check_designer(designer: Staff) -> None:
    if not (designer.is_active and designer.has_role(Role.DESIGNER)):
        raise LeadError(
            _("%(name)s is not an active designer.") % {"name": designer.get_full_name()}
        )


def _dispatch_kind(redispatch: bool, forced: bool) -> str:
    if forced:
        return LeadEvent.Kind.FORCED_DISPATCH
    return LeadEvent.Kind.REDISPATCH if redispatch else LeadEvent.Kind.DISPATCH


def _dispatch_text(designer: Staff, redispatch: bool, forced: bool) -> str:
    names = {"designer": designer.get_full_name()}
    if forced:
        return _("Forced dispatch to %(designer)s, past the caps.") % names
    if redispatch:
        return _("Dispatched again, now to %(designer)s.") % names
    return _("Dispatched to %(designer)s.") % names


@transaction.atomic
def return_to_queue(*, lead: Lead, by: Staff, reason: str) -> Lead:
    """DISPATCHED -> NEW when its designer declined and nobody else took it (DISP-7).

    The one exception to forward-only moves (LEAD-3): the lead has not been worked on yet, so it
    simply waits for dispatch again. The designer is cleared; the move is audited with the reason.
    """
    reason = (reason or "").strip()
    if not reason:
        raise LeadError(_("Say why the lead goes back to the dispatch queue."))
    lock_lead(lead)
    if lead.state != LeadState.DISPATCHED:
        raise LeadError(_("Only a dispatched lead can go back to the dispatch queue."))
    previous = lead.designer
    lead.state = LeadState.NEW
    lead.designer = None
    lead.dispatched_at = None
    _save(lead, by, "return to queue", ["state", "designer", "dispatched_at"])
    text = _("Back in the dispatch queue (was with %(designer)s): %(reason)s") % {
        "designer": previous.get_full_name() if previous else "-",
        "reason": reason,
    }
    record_event(lead=lead, kind=LeadEvent.Kind.RETURNED_TO_QUEUE, text=text, by=by)
    return lead


@transaction.atomic
def transition(*, lead: Lead, target: str, by: Staff, note: str = "") -> Lead:
    """Move the lead to `target` (LEAD-3) or reopen a closed lead to its previous state.

    Who may do it, and the details (measurement, contract, closure reasons) are the caller's
    business (leads lifecycle); this checks the state table, keeps closed_at and the state before
    closure right, and records one timeline event with `note` as its text.
    """
    target = LeadState(target)
    lock_lead(lead)
    # A lead closed as invalid while dispatched reopens to DISPATCHED (CLOSE-5).
    if lead.state in CLOSED and target == lead.state_before_closure:
        return _reopen(lead, by, note)
    if target == LeadState.DISPATCHED:
        raise ValueError("Dispatch goes through mark_dispatched(), which needs the designer.")
    _check(lead, target)
    previous = lead.state
    lead.state = target
    fields = ["state"]
    if target in CLOSED:
        lead.state_before_closure = previous
        lead.closed_at = timezone.now()
        fields += ["state_before_closure", "closed_at"]
    _save(lead, by, f"{previous} -> {target}", fields)
    text = note.strip() or _("Now %(state)s.") % {"state": lead.get_state_display()}
    record_event(lead=lead, kind=TRANSITION_EVENTS[target], text=text, by=by)
    return lead


def _check(lead: Lead, target: str) -> None:
    decision = check_transition(RuleState(lead.state), RuleState(target))
    if not decision.allowed:
        raise LeadError(decision.message)


def _reopen(lead: Lead, by: Staff, note: str) -> Lead:
    decision = check_reopen(RuleState(lead.state), RuleState(lead.state_before_closure))
    if not decision.allowed:
        raise LeadError(decision.message)
    _check_no_other_open_lead(lead)
    lead.state = lead.state_before_closure
    lead.state_before_closure = ""
    lead.closed_at = None
    _save(lead, by, "reopen", ["state", "state_before_closure", "closed_at"])
    text = note.strip() or _("Reopened as %(state)s.") % {"state": lead.get_state_display()}
    record_event(lead=lead, kind=LeadEvent.Kind.REOPENED, text=text, by=by)
    return lead


def _check_no_other_open_lead(lead: Lead) -> None:
    """One open lead per customer (LEAD-2) holds for reopening too."""
    others = Lead.objects.filter(state__in=OPEN_STATES).exclude(pk=lead.pk)
    same_phone = others.filter(phone=lead.phone).exists()
    same_address = bool(lead.address_key) and others.filter(address_key=lead.address_key).exists()
    if same_phone or same_address:
        raise LeadError(
            _(
                "This customer has another open lead now; it cannot be reopened while that one "
                "is open."
            )
        )
