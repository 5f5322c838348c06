"""Callbacks (回访, CB-1): scheduled 1 day after dispatch, 3 days after measurement and while a
closure awaits its second callback; each reminded once when due and escalated once to the
assignee's supervisor when a day overdue (delays from CallbackPolicy rows).

Other apps call:
- `schedule_callback(*, lead, kind, assignee, due_at, ...)` for their own follow-ups
  (complaints: COMPLAINT_FOLLOW_UP);
- `send_due_reminders(now=...)` from the beat task every 15 minutes (leads.tasks).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Role, Staff
from staff.queries import count_subquery
from staff.services import notify, notify_many

from ..models import (
    OPEN_CALLBACK,
    Callback,
    CallbackKind,
    CallbackPolicy,
    Closure,
    Lead,
    LeadEvent,
    Measurement,
)
from ..rules import lifecycle as rules
from .errors import LeadError
from .timeline import record_event

# Kinds of which a lead has at most one open callback (the model's partial unique constraint).
ONE_OPEN_PER_LEAD = (
    CallbackKind.AFTER_DISPATCH,
    CallbackKind.AFTER_MEASUREMENT,
    CallbackKind.CLOSURE_PENDING,
)


def callback_config_on(day: date) -> rules.CallbackConfig:
    """The callback delays in force on `day`; DOMAIN's defaults when no row exists."""
    row = CallbackPolicy.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    if row is None:
        return rules.CallbackConfig()
    return rules.CallbackConfig(
        after_dispatch=timedelta(hours=row.after_dispatch_hours),
        after_measurement=timedelta(hours=row.after_measurement_hours),
        closure_pending=timedelta(hours=row.closure_pending_hours),
        complaint_follow_up=timedelta(hours=row.complaint_follow_up_hours),
        escalate_after=timedelta(hours=row.escalate_after_hours),
    )


def due_after(kind: str, event_at: datetime) -> datetime:
    """When a callback of `kind` falls due for an event at `event_at` (policy of that day)."""
    config = callback_config_on(timezone.localdate(event_at))
    return rules.callback_due(rules.CallbackKind(kind), event_at, config)


# --- scheduling ---------------------------------------------------------------------------------


@transaction.atomic
def schedule_callback(
    *,
    lead: Lead,
    kind: str,
    assignee: Staff,
    due_at: datetime,
    closure: Closure | None = None,
    note: str = "",
    by: Staff | None = None,
) -> Callback:
    """Open a callback; for a kind a lead has once (after dispatch, after measurement, closure),
    an open one is moved to the new assignee and due time instead, and may be reminded again."""
    if kind in ONE_OPEN_PER_LEAD:
        # Race: two events of the same kind at once (a re-dispatch while the first dispatch
        # commits); the row lock makes the second one move the first one's callback.
        existing = (
            Callback.objects.select_for_update().filter(OPEN_CALLBACK, lead=lead, kind=kind).first()
        )
    else:
        existing = None
    return _move_or_open(existing, lead, kind, assignee.pk, due_at, closure, note, by)


def _move_or_open(
    existing: Callback | None,
    lead: Lead,
    kind: str,
    assignee_id: int,
    due_at: datetime,
    closure: Closure | None,
    note: str,
    by: Staff | None,
) -> Callback:
    """Move the open callback `existing` to the new assignee and due time (it may be reminded
    and escalated again), or open a new one when there is none."""
    if existing is None:
        callback = Callback(
            lead=lead,
            kind=kind,
            assignee_id=assignee_id,
            due_at=due_at,
            closure=closure,
            note=note[:300],
        )
        callback._history_user = by
        callback.save()
        return callback
    callback = existing
    callback.assignee_id = assignee_id
    callback.due_at = due_at
    callback.closure = closure
    callback.note = note[:300]
    callback.reminded_at = callback.escalated_at = callback.escalated_to = None
    callback._history_user = by
    callback.save()
    return callback


@transaction.atomic
def schedule_after_dispatch(*, lead: Lead, by: Staff) -> Callback:
    """CB-1: a day after dispatch, ask the customer whether the designer made contact.
    leads.services.states schedules it on every dispatch, whichever path it came by."""
    return write_after_dispatch_callback(lead=lead, by=by)


def write_after_dispatch_callback(*, lead: Lead, by: Staff) -> Callback:
    """`schedule_after_dispatch` inside the caller's transaction, with the lead's row locked
    (every dispatch holds it, so no other after-dispatch callback of the lead is written
    meanwhile). Who calls, when, and the callback already open are read in one query."""
    at = lead.dispatched_at or timezone.now()
    agent_id, hours, open_id = _after_dispatch_plan(lead, timezone.localdate(at))
    config = rules.CallbackConfig() if hours is None else _after_dispatch_config(hours)
    due_at = rules.callback_due(rules.CallbackKind.AFTER_DISPATCH, at, config)
    note = _("Did designer %(designer)s contact the customer?") % {
        "designer": lead.designer.get_full_name() if lead.designer else "-"
    }
    assignee_id = agent_id if agent_id is not None else by.pk
    # Race: the assignee closing the open callback as it is moved; the lock (and the repeated
    # "still open" condition) makes a callback closed meanwhile stay closed and a new one open.
    existing = None
    if open_id is not None:
        existing = Callback.objects.select_for_update().filter(OPEN_CALLBACK, pk=open_id).first()
    kind = CallbackKind.AFTER_DISPATCH
    return _move_or_open(existing, lead, kind, assignee_id, due_at, None, note, by)


def _after_dispatch_plan(lead: Lead, day: date) -> tuple[int | None, int | None, int | None]:
    """(least-loaded agent's id, the after-dispatch delay in hours of the policy in force on
    `day`, the lead's open after-dispatch callback's id), each None when there is none."""
    agent = _by_open_load(Role.CS_AGENT).values("pk")[:1]
    policy = CallbackPolicy.objects.filter(effective_from__lte=day).order_by("-effective_from")
    still_open = Callback.objects.filter(
        OPEN_CALLBACK, lead=OuterRef("pk"), kind=CallbackKind.AFTER_DISPATCH
    )
    return (
        Lead.objects.filter(pk=lead.pk)
        .annotate(
            agent=Subquery(agent),
            hours=Subquery(policy.values("after_dispatch_hours")[:1]),
            open_callback=Subquery(still_open.values("pk")[:1]),
        )
        .values_list("agent", "hours", "open_callback")
        .get()
    )


def _after_dispatch_config(hours: int) -> rules.CallbackConfig:
    """The policy row's after-dispatch delay (the only one an after-dispatch callback uses)."""
    return rules.CallbackConfig(after_dispatch=timedelta(hours=hours))


def schedule_after_measurement(*, measurement: Measurement, by: Staff) -> Callback:
    """CB-1: three days after the measurement (counted from the measurement day, at the time it
    was recorded), ask how the customer found the measurement and the designer."""
    recorded = timezone.localtime(measurement.recorded_at)
    at = timezone.make_aware(datetime.combine(measurement.measured_on, recorded.time()))
    note = _("How did the measurement with %(designer)s go? Is the customer ready to sign?") % {
        "designer": measurement.designer.get_full_name()
    }
    return schedule_callback(
        lead=measurement.lead,
        kind=CallbackKind.AFTER_MEASUREMENT,
        assignee=callback_agent(fallback=by),
        due_at=due_after(CallbackKind.AFTER_MEASUREMENT, at),
        note=note,
        by=by,
    )


def schedule_closure_callback(*, closure: Closure, assignee: Staff, by: Staff) -> Callback:
    """CB-1 / CLOSE-2: the design manager's second callback while the closure awaits them."""
    return schedule_callback(
        lead=closure.lead,
        kind=CallbackKind.CLOSURE_PENDING,
        assignee=assignee,
        due_at=due_after(CallbackKind.CLOSURE_PENDING, closure.proposed_at),
        closure=closure,
        note=_("Call the customer again and confirm or reject the proposed closure."),
        by=by,
    )


def _open_count() -> Coalesce:
    """Open callbacks of the outer person, counted on the open-callback index; a join would read
    every callback they ever made."""
    return count_subquery(
        Callback.objects.filter(
            assignee=OuterRef("pk"), done_at__isnull=True, cancelled_at__isnull=True
        )
    )


def _by_open_load(role: str):
    """Active holders of `role`, fewest open callbacks first (then the lowest number)."""
    people = Staff.objects.filter(is_active=True, groups__name=role).annotate(open=_open_count())
    return people.order_by("open", "employee_no")


def least_loaded(role: str) -> Staff | None:
    """The active holder of `role` with the fewest open callbacks (then the lowest number)."""
    return _by_open_load(role).first()


def callback_agent(*, fallback: Staff) -> Staff:
    """Customer-service agents make the routine callbacks; with none on staff, whoever caused
    the event (the customer manager who dispatched, the designer who measured) makes it."""
    return least_loaded(Role.CS_AGENT) or fallback


# --- doing them ---------------------------------------------------------------------------------


def _locked(callback: Callback) -> Callback:
    """Race: the assignee recording the outcome while the manager reassigns it."""
    return Callback.objects.select_for_update().select_related("lead").get(pk=callback.pk)


def may_handle(user: Staff, callback: Callback) -> bool:
    return callback.assignee_id == user.pk or user.has_perm("leads.view_all_callbacks")


@transaction.atomic
def record_outcome(*, callback: Callback, outcome: str, by: Staff) -> Callback:
    """The assignee (or the customer manager) records what the customer said; the callback is
    done. A closure's second callback is answered by confirming or rejecting the closure."""
    callback = _locked(callback)
    _check_open(callback)
    if not may_handle(by, callback):
        raise LeadError(_("Only the assignee or the customer manager records this callback."))
    if callback.kind == CallbackKind.CLOSURE_PENDING:
        raise LeadError(_("Answer this callback by confirming or rejecting the closure."))
    if callback.kind == CallbackKind.CARE:
        raise LeadError(_("Answer a care call with the customer's feedback."))
    outcome = (outcome or "").strip()
    if not outcome:
        raise LeadError(_("Write down what the customer said."))
    _finish(callback, outcome, by)
    text = _("%(kind)s: %(outcome)s") % {"kind": callback.get_kind_display(), "outcome": outcome}
    record_event(lead=callback.lead, kind=LeadEvent.Kind.CALLBACK, text=text, by=by)
    return callback


def _check_open(callback: Callback) -> None:
    if not callback.is_open:
        raise LeadError(_("This callback is already closed."))


def _finish(callback: Callback, outcome: str, by: Staff | None) -> None:
    callback.done_at = timezone.now()
    callback.done_by = by
    callback.outcome = outcome
    callback._history_user = by
    callback.save(update_fields=["done_at", "done_by", "outcome"])


@transaction.atomic
def reassign_callback(*, callback: Callback, assignee: Staff, by: Staff) -> Callback:
    """The customer manager hands an open callback to someone else, who is told."""
    if not by.has_perm("leads.view_all_callbacks"):
        raise LeadError(_("Only the customer manager reassigns callbacks."))
    callback = _locked(callback)
    _check_open(callback)
    if not assignee.is_active:
        raise LeadError(_("Callbacks go to active staff only."))
    callback.assignee = assignee
    callback.reminded_at = callback.escalated_at = callback.escalated_to = None
    callback._history_user = by
    callback.save(update_fields=["assignee", "reminded_at", "escalated_at", "escalated_to"])
    notify(
        recipient=assignee,
        text=_("A callback to %(customer)s is now yours, due %(due)s.")
        % {"customer": callback.lead.customer_name, "due": _local(callback.due_at)},
        link=reverse("leads:callbacks"),
    )
    return callback


def complete_closure_callbacks(*, closure: Closure, outcome: str, by: Staff) -> None:
    """The closure's second callback is done once the closure is decided."""
    for callback in Callback.objects.select_for_update().filter(OPEN_CALLBACK, closure=closure):
        _finish(callback, outcome, by)


def cancel_open_callbacks(*, lead: Lead) -> int:
    """A closed lead is not called back any more (its open callbacks are cancelled)."""
    return Callback.objects.filter(OPEN_CALLBACK, lead=lead).update(cancelled_at=timezone.now())


# --- the reminder job ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderRun:
    reminded: int
    escalated: int


def send_due_reminders(*, now: datetime | None = None) -> ReminderRun:
    """Remind every assignee whose callback is due and escalate callbacks overdue by the
    policy's delay. Each callback is claimed in its own transaction, so the job may run twice at
    once, or late, and still sends each reminder and each escalation exactly once."""
    now = now or timezone.now()
    config = callback_config_on(timezone.localdate(now))
    reminded = escalated = 0
    for callback in _candidates(now, config):
        actions = rules.callback_action(
            due_at=callback.due_at,
            reminded=callback.reminded_at is not None,
            escalated=callback.escalated_at is not None,
            now=now,
            config=config,
        )
        if rules.CallbackAction.REMIND in actions and _remind(callback.pk, now):
            reminded += 1
        if rules.CallbackAction.ESCALATE in actions and _escalate(callback.pk, now):
            escalated += 1
    return ReminderRun(reminded=reminded, escalated=escalated)


def _candidates(now: datetime, config: rules.CallbackConfig) -> list[Callback]:
    due = Q(due_at__lte=now, reminded_at__isnull=True)
    overdue = Q(due_at__lte=now - config.escalate_after, escalated_at__isnull=True)
    rows = Callback.objects.filter(OPEN_CALLBACK).filter(due | overdue)
    return list(rows.only("pk", "due_at", "reminded_at", "escalated_at").order_by("due_at", "pk"))


@transaction.atomic
def _remind(callback_id: int, now: datetime) -> bool:
    # Race: two runs of the job (two workers, or a late run overlapping the next one) both see
    # the callback due. The conditional UPDATE claims it: the second run waits for the first's
    # row lock, then finds reminded_at set and updates nothing, so it sends nothing.
    claimed = Callback.objects.filter(OPEN_CALLBACK, pk=callback_id, reminded_at__isnull=True)
    if not claimed.update(reminded_at=now):
        return False
    callback = Callback.objects.select_related("lead", "assignee").get(pk=callback_id)
    notify(recipient=callback.assignee, text=_reminder_text(callback), link=_link(callback))
    return True


def _reminder_text(callback: Callback) -> str:
    return _("Callback due %(due)s: %(customer)s (%(kind)s). %(note)s") % {
        "due": _local(callback.due_at),
        "customer": callback.lead.customer_name,
        "kind": callback.get_kind_display(),
        "note": callback.note,
    }


@transaction.atomic
def _escalate(callback_id: int, now: datetime) -> bool:
    callback = Callback.objects.select_related("lead", "assignee__supervisor").get(pk=callback_id)
    targets = escalation_targets(callback.assignee)
    # Race: as in _remind; the conditional UPDATE lets exactly one run escalate.
    claimed = Callback.objects.filter(OPEN_CALLBACK, pk=callback_id, escalated_at__isnull=True)
    if not claimed.update(escalated_at=now, escalated_to=targets[0] if targets else None):
        return False
    text = _("Overdue callback: %(assignee)s has not called %(customer)s back (due %(due)s).") % {
        "assignee": callback.assignee.get_full_name(),
        "customer": callback.lead.customer_name,
        "due": _local(callback.due_at),
    }
    notify_many(recipients=targets, text=text, link=callback.lead.get_absolute_url())
    return True


def escalation_targets(assignee: Staff) -> list[Staff]:
    """The assignee's direct supervisor; for someone without one (the head of the firm's chain),
    the general manager's office."""
    boss = assignee.supervisor
    if boss is not None and boss.is_active:
        return [boss]
    gms = Staff.objects.filter(is_active=True, groups__name=Role.GM).exclude(pk=assignee.pk)
    return list(gms.order_by("employee_no"))


def _link(callback: Callback) -> str:
    if callback.closure_id:
        return reverse("leads:closure_detail", args=[callback.closure_id])
    return reverse("leads:callbacks")


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
