"""Dispatching a lead (DISP-2, DISP-5..8; SLIP-2, SLIP-3), one transaction per operation.

Lock order, always: the lead row first, then every candidate designer row in id order, so two
dispatches (or a dispatch and a decline) never wait on each other crosswise.
The lead's state moves only through leads.services.states; this module decides who gets the
lead and keeps the assignment rows that every load count is read from.

Each operation is one transaction: the leads and staff writes it makes (state, slip, timeline,
callback, notification) go through their `write_*` functions, which run inside it without
savepoints; the lead's slip is read with the lead's lock, the designers' rows with their load.
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from leads.models import Lead, LeadEvent, LeadState
from leads.services.errors import LeadError
from leads.services.slip_checks import preferred_designer, slip_refusal
from leads.services.slips import write_dispatch_on_slip
from leads.services.states import lock_lead, return_to_queue, write_dispatch
from leads.services.timeline import write_event
from staff.models import Role, Staff
from staff.services import notify_many, write_notification

from .. import events, queries, rules
from ..models import Assignment, DeclineReason, Skip
from .errors import DispatchError, require_perm

Method = Assignment.Method
OUT_OF_ROTATION_REASON = _lazy(
    "Choosing a designer out of rotation (选派) needs a reason; it is kept in the dispatch log."
)


# --- locks and the ranking under lock --------------------------------------------------------


def _lock_lead(lead: Lead) -> None:
    """Race: two people dispatching or declining the same lead at once would both see it
    waiting and both hand it out; with the lock the second one sees the first one's result.
    The lead is reloaded with its transfer slip (one query; a missing lead: Lead.DoesNotExist)."""
    lock_lead(lead, with_slip=True)


def _lock_designers(extra_ids: Iterable[int] = ()) -> None:
    """DISP-8. Race: two dispatches at the same moment would both count a designer's load
    before either writes, and both hand them a lead past a cap. Locking the candidates' rows
    (every active designer, plus `extra_ids`) makes the second dispatch wait until the first
    commits, then count again. The load is read by a later statement: one that waited for these
    locks would still count from the moment it started."""
    candidates = Q(pk__in=queries.designers().filter(is_active=True).values("pk"))
    if extra_ids:
        candidates |= Q(pk__in=list(extra_ids))
    rows = Staff.objects.filter(candidates).order_by("pk").select_for_update()
    list(rows.values_list("pk", flat=True))


def _locked_ranking(
    lead: Lead, extra_ids: Iterable[int] = ()
) -> tuple[queries.DispatchDay, rules.Ranking, dict[int, Staff]]:
    """Lock every active designer (plus `extra_ids`), then count their load and rank them;
    also the ranked designers' rows by id."""
    _lock_designers(extra_ids)
    ctx = queries.dispatch_day()
    ranking, designers = queries.lead_ranking(lead, ctx)
    return ctx, ranking, designers


def _check_waiting(lead: Lead) -> None:
    """A lead is dispatched only while NEW, ready (DISP-2) and, from marketing, with a fully
    signed slip (SLIP-2)."""
    if lead.state != LeadState.NEW:
        raise DispatchError(
            _("This lead is not waiting for dispatch (it is %(state)s now).")
            % {"state": lead.get_state_display()}
        )
    readiness = queries.readiness_of(lead)
    if not readiness.ready:
        raise DispatchError(readiness.message)
    refusal = slip_refusal(lead)
    if refusal:
        raise DispatchError(refusal)


# --- dispatch (DISP-5, DISP-6) ---------------------------------------------------------------


@transaction.atomic
def dispatch_lead(
    *, lead: Lead, by: Staff, designer: Staff | None = None, reason: str = ""
) -> Assignment:
    """Dispatch a waiting lead: to the salesperson's preferred designer when the rules allow
    (DISP-6), else to the first in fair rotation (DISP-5); or to `designer`, the customer
    manager's pick, if that designer may take it within the rules. A pick on quality hold
    needs `reason`, kept on the assignment with the hold it overrides (QG-2)."""
    require_perm(by, "dispatch.dispatch_leads", _("Only the customer manager dispatches leads."))
    _lock_lead(lead)
    _check_waiting(lead)
    _ctx, ranking, designers = _locked_ranking(lead)
    preferred = preferred_designer(lead)
    auto = rules.choose_designer(ranking, preferred.pk if preferred else None)
    if designer is None or (auto.designer and auto.designer.designer_id == designer.pk):
        return _dispatch_automatic(lead, by, ranking, designers, auto, preferred)
    verdict = rules.check_override(ranking, designer.pk, reason)
    if not verdict.allowed:
        raise DispatchError(
            _("%(name)s cannot take this lead: %(reason)s")
            % {"name": designer.get_full_name(), "reason": verdict.message}
        )
    if not reason.strip():  # DISP-5: passing over the next in rotation is said and kept
        raise DispatchError(OUT_OF_ROTATION_REASON)
    note = _preference_note(preferred, auto.preference, chosen_other=True)
    held = ranking.skip_decision(designer.pk)  # only a quality hold gets this far (QG-2)
    return _hand_over(
        lead,
        designer,
        by,
        Method.CHOSEN,
        ranking,
        designers,
        preference_note=note,
        reason=reason.strip(),  # a pick out of rotation keeps its reason (issue 15, DISP)
        overridden=str(held.message) if held is not None else "",
        overridden_hold_id=designers[designer.pk].hold_id if held is not None else None,
        slip_checked=True,
    )


def _dispatch_automatic(
    lead: Lead,
    by: Staff,
    ranking: rules.Ranking,
    designers: dict[int, Staff],
    auto: rules.Choice,
    preferred: Staff | None,
) -> Assignment:
    if auto.needs_force:
        raise DispatchError(auto.decision.message)
    honoured = auto.preference is not None and auto.preference.allowed
    method = Method.PREFERRED if honoured else Method.ROTATION
    target = designers[auto.designer.designer_id]  # the preferred designer when honoured
    note = _preference_note(preferred, auto.preference)
    return _hand_over(
        lead, target, by, method, ranking, designers, preference_note=note, slip_checked=True
    )


def _preference_note(
    preferred: Staff | None, verdict: rules.Decision | None, chosen_other: bool = False
) -> str:
    """What became of the salesperson's wish (DISP-6), kept on the assignment and shown."""
    if preferred is None or verdict is None:
        return ""
    names = {"name": preferred.get_full_name(), "reason": verdict.message}
    if not verdict.allowed:
        return _("Preferred designer %(name)s not honoured: %(reason)s") % names
    if chosen_other:
        return (
            _(
                "Preferred designer %(name)s could take the lead; "
                "the customer manager chose another."
            )
            % names
        )
    return _("Preferred designer %(name)s honoured.") % names


def _hand_over(
    lead: Lead,
    designer: Staff,
    by: Staff,
    method: str,
    ranking: rules.Ranking,
    designers: dict[int, Staff],
    *,
    reason: str = "",
    overridden: str = "",
    preference_note: str = "",
    overridden_hold_id: int | None = None,
    slip_checked: bool = False,
) -> Assignment:
    """Move the lead (leads' one door), write the designer on the slip (SLIP-3), keep the
    assignment row with the designers it passed over, and tell the designer.

    `designers`: the active designers locked and ranked; one of them needs no role check.
    `slip_checked`: `_check_waiting` judged the slip under this lock (not after a decline)."""
    forced = method == Method.FORCED
    known = designer.pk in designers
    try:
        write_dispatch(
            lead=lead,
            designer=designer,
            by=by,
            forced=forced,
            known_designer=known,
            slip_checked=slip_checked,
        )
        write_dispatch_on_slip(lead=lead, designer=designer, by=by)
    except LeadError as exc:
        raise DispatchError(exc.message) from exc
    assignment = Assignment(
        lead=lead,
        designer=designer,
        dispatched_at=lead.dispatched_at,
        dispatched_by=by,
        method=method,
        reason=reason,
        overridden=overridden[:200],
        preference_note=preference_note[:300],
        overridden_hold_id=overridden_hold_id,
    )
    assignment._history_user = by
    assignment.save()
    _record_skips(assignment, ranking)
    _notify_designer(assignment)
    events.lead_dispatched(assignment)
    return assignment


def _record_skips(assignment: Assignment, ranking: rules.Ranking) -> None:
    """Keep who was passed over and why (RPT-2 counts skips by reason), in one insert."""
    skips = [
        Skip(
            assignment=assignment,
            designer_id=designer_id,
            reason=reason,
            skipped_at=assignment.dispatched_at,
        )
        for designer_id, reason in rules.reported_skips(ranking, assignment.designer_id)
    ]
    if skips:
        Skip.objects.bulk_create(skips)


def _notify_designer(assignment: Assignment) -> None:
    lead = assignment.lead
    details = {
        "customer": lead.customer_name,
        "address": lead.address,
        "size": lead.get_size_class_display(),
    }
    if assignment.is_forced:
        text = _("Forced dispatch (强制派单) to you: %(customer)s, %(address)s, %(size)s.")
    else:
        text = _("New lead dispatched to you: %(customer)s, %(address)s, %(size)s.")
    write_notification(
        recipient=assignment.designer, text=text % details, link=reverse("dispatch:my_leads")
    )


# --- decline (DISP-7) ------------------------------------------------------------------------


@transaction.atomic
def decline_dispatch(*, lead: Lead, by: Staff, reason: str) -> Assignment | None:
    """The designer declined the lead, through the customer manager or the design manager
    (DISP-7): record it and hand the lead to the next in rotation. With nobody left the lead
    goes back to the queue and the customer managers are told a forced dispatch is needed.

    Returns the new assignment, or None when the lead went back to the queue.
    """
    require_perm(
        by,
        "dispatch.record_decline",
        _("Only the customer manager or the design manager records a designer's decline."),
    )
    return _decline(lead, by, reason)


@transaction.atomic
def decline_own_lead(*, lead: Lead, by: Staff, reason_code: str, text: str) -> Assignment | None:
    """The designer declines a lead dispatched to them, from their own page, with a reason
    from the list and their words (DISP-7): the same path as a decline recorded by the
    customer manager, who is told what became of the lead."""
    if reason_code not in DeclineReason.values:
        raise DispatchError(_("Choose why you decline the lead."))
    if not (text or "").strip():
        raise DispatchError(_("Say in a few words why you decline the lead."))
    label = DeclineReason(reason_code).label
    if lead.designer_id != by.pk:  # checked again under the lead's lock in _decline
        raise DispatchError(_("Only the designer the lead is dispatched to can decline it."))
    assignment = _decline(lead, by, f"{label}: {text.strip()}", own=True)
    _tell_managers_of_decline(lead, by, assignment)
    return assignment


def _tell_managers_of_decline(lead: Lead, by: Staff, assignment: Assignment | None) -> None:
    """The customer managers learn of a designer's own decline; a lead back in the queue has
    told them already (`_back_to_queue`)."""
    if assignment is None:
        return
    text = _("%(name)s declined %(customer)s; the lead now goes to %(next)s.")
    names = {
        "name": by.get_full_name(),
        "customer": lead.customer_name,
        "next": assignment.designer.get_full_name(),
    }
    managers = Staff.objects.filter(is_active=True, groups__name=Role.CUSTOMER_MANAGER)
    link = f"{reverse('dispatch:index')}?lead={lead.pk}"
    for manager in managers.distinct():
        write_notification(recipient=manager, text=text % names, link=link)


def _decline(lead: Lead, by: Staff, reason: str, own: bool = False) -> Assignment | None:
    reason = (reason or "").strip()
    if not reason:
        raise DispatchError(_("Say why the designer declines the lead."))
    _lock_lead(lead)
    if lead.state != LeadState.DISPATCHED:
        raise DispatchError(
            _("Only a dispatched lead can be declined; this one is %(state)s.")
            % {"state": lead.get_state_display()}
        )
    if own and lead.designer_id != by.pk:
        raise DispatchError(_("Only the designer the lead is dispatched to can decline it."))
    declined = _record_decline(lead, by, reason)
    _ctx, ranking, designers = _locked_ranking(lead)
    choice = rules.choose_designer(ranking)
    if choice.needs_force:
        _back_to_queue(lead, by, choice.decision)
        return None
    target = designers[choice.designer.designer_id]
    note = _("%(name)s declined: %(reason)s") % {
        "name": declined.designer.get_full_name(),
        "reason": reason,
    }
    return _hand_over(lead, target, by, Method.AFTER_DECLINE, ranking, designers, reason=note)


def _record_decline(lead: Lead, by: Staff, reason: str) -> Assignment:
    assignment = queries.current_assignment(lead) or _unlogged_assignment(lead, by)
    assignment.declined_at = timezone.now()
    assignment.declined_by = by
    assignment.decline_reason = reason
    assignment._history_user = by
    assignment.save(update_fields=["declined_at", "declined_by", "decline_reason"])
    text = _("%(name)s declined the lead: %(reason)s") % {
        "name": assignment.designer.get_full_name(),
        "reason": reason,
    }
    write_event(lead=lead, kind=LeadEvent.Kind.DECLINE, text=text, by=by)
    return assignment


def _unlogged_assignment(lead: Lead, by: Staff) -> Assignment:
    """A lead dispatched without this app (imported data): log its dispatch now, so the
    decline is kept like any other."""
    return Assignment.objects.create(
        lead=lead,
        designer=lead.designer,
        dispatched_at=lead.dispatched_at or timezone.now(),
        dispatched_by=by,
        method=Method.ROTATION,
        reason=_("Dispatched before the dispatch log was kept."),
    )


def _back_to_queue(lead: Lead, by: Staff, why: rules.Decision) -> None:
    try:
        return_to_queue(lead=lead, by=by, reason=str(why.message))
    except LeadError as exc:
        raise DispatchError(exc.message) from exc
    text = _("The lead of %(customer)s is back in the dispatch queue: %(why)s") % {
        "customer": lead.customer_name,
        "why": why.message,
    }
    managers = Staff.objects.filter(is_active=True, groups__name=Role.CUSTOMER_MANAGER)
    link = f"{reverse('dispatch:index')}?lead={lead.pk}"
    notify_many(recipients=managers.distinct(), text=text, link=link)


# --- forced dispatch (DISP-7) ----------------------------------------------------------------


@transaction.atomic
def force_dispatch(*, lead: Lead, designer: Staff, by: Staff, reason: str) -> Assignment:
    """强制派单: when nobody is eligible or willing, the customer manager hands the lead to a
    named designer past the caps, with a reason; the assignment is marked and reported."""
    require_perm(by, "dispatch.force_dispatch", _("Only the customer manager forces a dispatch."))
    _lock_lead(lead)
    _check_waiting(lead)
    ctx, ranking, designers = _locked_ranking(lead, extra_ids=[designer.pk])
    snapshot = _snapshot_for(designer, ctx, ranking)
    decision = rules.check_forced(snapshot, reason or "", ranking)
    if not decision.allowed:
        raise DispatchError(decision.message)
    skipped = ranking.skip_decision(designer.pk)
    overridden = str(skipped.message) if skipped is not None else ""
    return _hand_over(
        lead,
        designer,
        by,
        Method.FORCED,
        ranking,
        designers,
        reason=reason.strip(),
        overridden=overridden,
        slip_checked=True,
    )


def _snapshot_for(
    designer: Staff, ctx: queries.DispatchDay, ranking: rules.Ranking
) -> rules.DesignerSnapshot:
    for snapshot in (*ranking.eligible, *(s for s, _d in ranking.skipped)):
        if snapshot.designer_id == designer.pk:
            return snapshot
    return queries.designer_snapshots(ctx, ids=[designer.pk])[0]


# --- readiness (DISP-2) ----------------------------------------------------------------------


@transaction.atomic
def confirm_levels_introduced(*, lead: Lead, by: Staff) -> Lead:
    """DISP-2: the customer manager confirms the designer levels were introduced to the
    customer, the last step before a lead is ready. Confirming twice changes nothing."""
    require_perm(
        by,
        "dispatch.dispatch_leads",
        _("Only the customer manager confirms that the designer levels were introduced."),
    )
    lock_lead(lead)
    if lead.state != LeadState.NEW:
        raise DispatchError(_("Only a lead waiting for dispatch needs this confirmation."))
    if lead.levels_introduced:
        return lead
    lead.levels_introduced = True
    lead._history_user = by
    lead._change_reason = "designer levels introduced"
    lead.save(update_fields=["levels_introduced", "updated_at"])
    text = _("Designer levels introduced to the customer (confirmed by %(name)s).") % {
        "name": by.get_full_name()
    }
    write_event(lead=lead, kind=LeadEvent.Kind.NOTE, text=text, by=by)
    return lead
