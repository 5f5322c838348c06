"""Closing a lead (跑单): two steps, then the record (CLOSE-1, 2, 3, 5).

1. The customer manager (for a dead lead also a customer-service agent) calls the customer and
   proposes: invalid before measurement, dead after it, with the customer's own words, a reason
   of that kind and an explanation. The lead stays as it is; the design manager's second
   callback is scheduled (CB-1).
2. The design manager calls again and confirms (the lead closes at that moment, the GM office
   is notified) or rejects with a note (the lead carries on in work).
A refund is a dead closure with reason REFUND: confirming it refunds the contracts and voids
their commission (COM-4). Only the customer manager reopens a closed lead, with a reason.
Lock order: the lead row, then the closure row.
"""

from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Role, Staff
from staff.services import notify, notify_many, resolve_todos

from .. import events
from ..models import Closure, ClosureKind, ClosureReason, ClosureStatus, Lead, LeadEvent
from ..rules import lifecycle as rules
from ..rules.states import LeadState as RuleState
from .callbacks import (
    cancel_open_callbacks,
    complete_closure_callbacks,
    least_loaded,
    schedule_closure_callback,
)
from .commission import void_for_refund
from .contracts import mark_refunded
from .errors import LeadError
from .states import lock_lead, transition
from .timeline import record_event

CLOSED_STATE = {ClosureKind.INVALID: "INVALID", ClosureKind.DEAD: "DEAD"}
CONFIRM = "confirm"  # the design managers' to-do step (staff.services.resolve_todos)


# --- who may (for the pages' booleans; the services check the same rules) -------------------


def kind_for(lead: Lead) -> str | None:
    """INVALID or DEAD by the lead's state (CLOSE-1); None for a closed lead."""
    kind = rules.closure_kind_for(RuleState(lead.state))
    return None if isinstance(kind, rules.Decision) else str(kind)


def may_propose(user: Staff, lead: Lead) -> bool:
    kind = kind_for(lead)
    if kind is None:
        return False
    proposers = rules.ClosureRoles().proposers[rules.ClosureKind(kind)]
    return user.has_role(*proposers)


def may_decide(user: Staff) -> bool:
    return user.has_role(*rules.ClosureRoles().confirmers)


def may_reopen(user: Staff, lead: Lead) -> bool:
    return not lead.is_open and user.has_role(*rules.ClosureRoles().reopeners)


def pending_closure(lead: Lead) -> Closure | None:
    return lead.closures.filter(status=ClosureStatus.PROPOSED).first()


# --- step 1: the proposal ---------------------------------------------------------------------


@transaction.atomic
def propose_closure(
    *,
    lead: Lead,
    reason: str,
    customer_words: str,
    by: Staff,
    explanation: str = "",
    kind: str | None = None,
    responsible: Staff | None = None,
    penalty: Decimal | None = None,
) -> Closure:
    """CLOSE-1/2: record the first callback and propose the closure `kind` (default: the kind
    the lead's state allows). The design manager is asked for the second callback."""
    lock_lead(lead)
    chosen = _check_proposal(
        lead=lead, kind=kind, reason=reason, customer_words=customer_words, by=by
    )
    _check_penalty(penalty)
    confirmer = least_loaded(Role.DESIGN_MANAGER)
    if confirmer is None:
        raise LeadError(_("There is no active design manager to make the second callback."))
    closure = _save_proposal(
        Closure(
            lead=lead,
            kind=chosen,
            reason=reason,
            customer_words=customer_words.strip(),
            explanation=(explanation or "").strip(),
            state_at_proposal=lead.state,
            proposed_by=by,
            proposed_at=timezone.now(),
            responsible=responsible,
            penalty=penalty,
        ),
        by,
    )
    record_event(
        lead=lead, kind=LeadEvent.Kind.CLOSURE_PROPOSED, text=_proposal_text(closure), by=by
    )
    schedule_closure_callback(closure=closure, assignee=confirmer, by=by)
    _ask_design_managers(closure)
    return closure


def _check_proposal(
    *, lead: Lead, kind: str | None, reason: str, customer_words: str, by: Staff
) -> str:
    """The closure kind to propose (default: the kind the lead's state allows), or LeadError
    when the lead may not be proposed for closure now (CLOSE-1/2)."""
    expected = rules.closure_kind_for(RuleState(lead.state))
    if isinstance(expected, rules.Decision):
        raise LeadError(expected.message)
    if pending_closure(lead) is not None:
        raise LeadError(_("A closure of this lead is already awaiting confirmation."))
    decision = rules.check_proposal(
        RuleState(lead.state),
        rules.ClosureKind(kind or expected),
        reason,
        customer_words or "",
        by.role_codes,
    )
    if not decision:
        raise LeadError(decision.message)
    return kind or expected


def _check_penalty(penalty: Decimal | None) -> None:
    if penalty is not None and penalty < 0:
        raise LeadError(_("The penalty cannot be negative."))


def _save_proposal(closure: Closure, by: Staff) -> Closure:
    closure._history_user = by
    try:
        with transaction.atomic():
            closure.save()
    except IntegrityError as exc:  # proposed by someone else at the same moment
        raise LeadError(_("A closure of this lead is already awaiting confirmation.")) from exc
    return closure


def _proposal_text(closure: Closure) -> str:
    return _("Proposed as %(kind)s (%(reason)s). The customer said: “%(words)s”") % {
        "kind": closure.get_kind_display(),
        "reason": closure.get_reason_display(),
        "words": closure.customer_words,
    }


def _ask_design_managers(closure: Closure) -> None:
    managers = Staff.objects.filter(is_active=True, groups__name=Role.DESIGN_MANAGER)
    text = _("%(customer)s: closure proposed as %(kind)s (%(reason)s); your second callback.") % {
        "customer": closure.lead.customer_name,
        "kind": closure.get_kind_display(),
        "reason": closure.get_reason_display(),
    }
    notify_many(
        recipients=managers,
        text=text,
        link=closure.get_absolute_url(),
        target=closure,
        step=CONFIRM,
    )


# --- step 2: the design manager's decision ---------------------------------------------------


def _locked_for_decision(closure: Closure) -> Closure:
    """Lock the lead, then the closure. Race: two design managers deciding at once, or a
    decision while the proposer's colleague signs a contract on the lead."""
    lock_lead(closure.lead)
    return (
        Closure.objects.select_for_update().select_related("lead", "proposed_by").get(pk=closure.pk)
    )


def _check_decision(closure: Closure, by: Staff, note: str, outcome: rules.ClosureStatus) -> None:
    decision = rules.check_confirmation(
        closure.status,  # a StrEnum compares equal to its code; REOPENED is simply not pending
        by.role_codes,
        by.pk,
        closure.proposed_by_id,
        note or "",
        outcome=outcome,
    )
    if not decision:
        raise LeadError(decision.message)


@transaction.atomic
def confirm_closure(
    *,
    closure: Closure,
    by: Staff,
    note: str = "",
    responsible: Staff | None = None,
    penalty: Decimal | None = None,
) -> Closure:
    """CLOSE-2/3: the second callback agrees; the lead closes now. Responsible staff and a
    penalty may be recorded; the GM office is notified. A refund voids the commission."""
    closure = _locked_for_decision(closure)
    _check_decision(closure, by, note, rules.ClosureStatus.CONFIRMED)
    lead = closure.lead
    if kind_for(lead) != closure.kind:
        raise LeadError(
            _("The lead has moved on since the proposal (it is %(state)s now); reject it.")
            % {"state": lead.get_state_display()}
        )
    _check_penalty(penalty)
    closing = _closed_text(closure, by, note)
    transition(lead=lead, target=CLOSED_STATE[closure.kind], by=by, note=closing)
    _decide(closure, by, ClosureStatus.CONFIRMED, note, at=lead.closed_at)  # the same moment
    if responsible is not None:
        closure.responsible = responsible
    if penalty is not None:
        closure.penalty = penalty
    closure.gm_notified_at = closure.decided_at
    closure.save(update_fields=["responsible", "penalty", "gm_notified_at"])
    if closure.reason == ClosureReason.REFUND:
        mark_refunded(lead=lead, by=by)
        void_for_refund(lead=lead, by=by)
    complete_closure_callbacks(closure=closure, outcome=_outcome(closure), by=by)
    cancel_open_callbacks(lead=lead)
    _tell_about_confirmation(closure)
    events.lead_closed(closure)
    return closure


def _decide(
    closure: Closure, by: Staff, status: str, note: str, at: datetime | None = None
) -> None:
    closure.status = status
    closure.decided_by = by
    closure.decided_at = at or timezone.now()
    closure.decision_note = (note or "").strip()
    closure._history_user = by
    closure.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    resolve_todos(closure, CONFIRM)


def _closed_text(closure: Closure, by: Staff, note: str) -> str:
    return _("Closed as %(kind)s (%(reason)s), confirmed by %(manager)s. %(note)s") % {
        "kind": closure.get_kind_display(),
        "reason": closure.get_reason_display(),
        "manager": by.get_full_name(),
        "note": (note or "").strip(),
    }


def _outcome(closure: Closure) -> str:
    return closure.decision_note or closure.get_status_display()


def _tell_about_confirmation(closure: Closure) -> None:
    """CLOSE-3: the GM office gets the record (the source's fax); the proposer and the
    designer learn the lead is closed."""
    lead = closure.lead
    names = {
        "customer": lead.customer_name,
        "kind": closure.get_kind_display(),
        "reason": closure.get_reason_display(),
    }
    link = closure.get_absolute_url()
    gm_office = Staff.objects.filter(is_active=True, groups__name=Role.GM)
    notify_many(
        recipients=gm_office,
        text=_("Closure confirmed: %(customer)s, %(kind)s (%(reason)s).") % names,
        link=link,
    )
    people = {closure.proposed_by, *([lead.designer] if lead.designer else [])}
    notify_many(
        recipients=[p for p in people if p.pk != closure.decided_by_id],
        text=_("%(customer)s is closed as %(kind)s (%(reason)s).") % names,
        link=link,
    )


@transaction.atomic
def reject_closure(*, closure: Closure, by: Staff, note: str) -> Closure:
    """CLOSE-2: the second callback disagrees; the lead returns to work as it was."""
    closure = _locked_for_decision(closure)
    _check_decision(closure, by, note, rules.ClosureStatus.REJECTED)
    _decide(closure, by, ClosureStatus.REJECTED, note)
    lead = closure.lead
    text = _("Closure rejected by %(manager)s: %(note)s The lead stays in work.") % {
        "manager": by.get_full_name(),
        "note": closure.decision_note,
    }
    record_event(lead=lead, kind=LeadEvent.Kind.CLOSURE_REJECTED, text=text, by=by)
    complete_closure_callbacks(closure=closure, outcome=_outcome(closure), by=by)
    notify(
        recipient=closure.proposed_by,
        text=_("The closure of %(customer)s was rejected: %(note)s The lead is back in work.")
        % {"customer": lead.customer_name, "note": closure.decision_note},
        link=lead.get_absolute_url(),
    )
    return closure


# --- CLOSE-5: reopening -----------------------------------------------------------------------


@transaction.atomic
def reopen_lead(*, lead: Lead, reason: str, by: Staff) -> Lead:
    """Only the customer manager reopens a closed lead, with a reason; it returns to the state
    it had before closing. Audited: the lead's and the closure's history, and the timeline.
    Commission voided by a refund stays void."""
    lock_lead(lead)
    decision = rules.check_reopen(by.role_codes, reason or "", state=RuleState(lead.state))
    if not decision:
        raise LeadError(decision.message)
    reason = reason.strip()
    closure = lead.closures.filter(status=ClosureStatus.CONFIRMED).order_by("-decided_at").first()
    note = _("Reopened by %(manager)s: %(reason)s") % {
        "manager": by.get_full_name(),
        "reason": reason,
    }
    transition(lead=lead, target=lead.state_before_closure, by=by, note=note)
    if closure is not None:
        closure = Closure.objects.select_for_update().get(pk=closure.pk)
        closure.status = ClosureStatus.REOPENED
        closure.reopened_by = by
        closure.reopened_at = timezone.now()
        closure.reopen_reason = reason
        closure._history_user = by
        closure.save(update_fields=["status", "reopened_by", "reopened_at", "reopen_reason"])
    return lead
