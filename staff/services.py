"""State changes for staff: notifications and delegations. One transaction per operation."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules
from .models import (
    Delegation,
    EmailStatus,
    Fault,
    FaultType,
    InstructionRequest,
    InstructionStep,
    Notification,
    ReportStatus,
    Role,
    Staff,
    StepKind,
)
from .navigation import MANAGERS
from .outbox import enqueue_after_commit
from .queries import chain_of


@transaction.atomic
def notify(
    *,
    recipient: Staff,
    text: str,
    link: str = "",
    target: models.Model | None = None,
    step: str = "",
) -> Notification:
    """Leave an in-app message for one person; e-mail it too when e-mail is configured.

    With a target and a step the message is a to-do: `resolve_todos(target, step)` marks it done
    when someone completes that step."""
    return write_notification(recipient=recipient, text=text, link=link, target=target, step=step)


def write_notification(
    *,
    recipient: Staff,
    text: str,
    link: str = "",
    target: models.Model | None = None,
    step: str = "",
) -> Notification:
    """`notify` for a service already inside its transaction: the same message and e-mail (sent
    once that transaction commits), without the savepoint a nested atomic block costs.

    The e-mail is recorded on the row first (SEC-9): queueing it may fail after the commit (broker
    down) without failing the request, and the periodic job sends what is still pending."""
    by_email = settings.NOTIFY_BY_EMAIL and bool(recipient.email)
    notification = Notification.objects.create(
        recipient=recipient,
        text=str(text),
        link=link,
        email_status=EmailStatus.PENDING if by_email else EmailStatus.NONE,
        **_tie(target, step),
    )
    if by_email:
        from .tasks import send_notification_email

        enqueue_after_commit(send_notification_email, notification.pk)
    return notification


def _tie(target: models.Model | None, step: str) -> dict:
    if target is None:
        return {}
    if not step:
        raise ValueError("A to-do tied to an object needs the step it asks for")
    return {
        "target_type": ContentType.objects.get_for_model(target),
        "target_id": target.pk,
        "step": step,
    }


@transaction.atomic
def notify_many(
    *, recipients, text: str, link: str = "", target: models.Model | None = None, step: str = ""
) -> list[Notification]:
    return [
        notify(recipient=person, text=text, link=link, target=target, step=step)
        for person in set(recipients)
    ]


def resolve_todos(target: models.Model, step: str | None = None) -> int:
    """The step is done (by whoever did it): its open to-dos about `target` are marked done and
    read, for every recipient. Without a step, every open to-do about the target. Runs inside
    the caller's transaction; one UPDATE."""
    todos = Notification.objects.filter(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        done_at__isnull=True,
    )
    if step is not None:
        todos = todos.filter(step=step)
    now = timezone.now()
    return todos.update(done_at=now, read_at=Coalesce(F("read_at"), Value(now)))


@transaction.atomic
def mark_read(*, notification: Notification, by: Staff) -> None:
    if notification.recipient_id != by.pk:
        raise PermissionError("Only the recipient can mark a notification read")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


@transaction.atomic
def mark_all_read(*, by: Staff) -> int:
    return Notification.objects.filter(recipient=by, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# --- delegations (工作联络单, SLIP-4) -------------------------------------------------------------


class DelegationError(Exception):
    """A refused delegation, with a message a person can read."""


def _check_period(principal: Staff, delegate: Staff, start: date, end: date) -> None:
    if principal.pk == delegate.pk:
        raise DelegationError(_("A manager cannot name themselves as delegate."))
    if end < start:
        raise DelegationError(_("The delegation period ends before it starts."))
    if not delegate.is_active:
        raise DelegationError(_("The delegate must be an active member of staff."))
    overlapping = Delegation.objects.filter(principal=principal, start__lte=end, end__gte=start)
    if overlapping.exists():
        raise DelegationError(
            _("%(name)s already has a delegate for part of this period.")
            % {"name": principal.get_full_name()}
        )


def may_delegate_for(by: Staff, principal: Staff) -> bool:
    """Managers name their own delegate; HR may record one for any manager."""
    if not principal.has_role(*MANAGERS):
        return False
    return by.pk == principal.pk or by.has_perm("staff.add_delegation")


@transaction.atomic
def name_delegate(
    *, principal: Staff, delegate: Staff, start: date, end: date, reason: str, by: Staff
) -> Delegation:
    """A manager away names who signs for them from `start` to `end` (SLIP-4); the delegate and
    the departments concerned are told."""
    if not may_delegate_for(by, principal):
        raise DelegationError(_("Only the manager, or HR, names a delegate for a manager."))
    if not (reason or "").strip():
        raise DelegationError(_("Say why the manager is away."))
    # Race: two delegations for the same manager saved at once would both pass the overlap check.
    Staff.objects.select_for_update().filter(pk=principal.pk).first()
    _check_period(principal, delegate, start, end)
    delegation = Delegation(
        principal=principal, delegate=delegate, start=start, end=end, reason=reason.strip()
    )
    delegation._history_user = by
    delegation.save()
    _announce(delegation, by)
    return delegation


def concerned_by(delegation: Delegation) -> list[Staff]:
    """Who hears of a delegation: the delegate, the principal's department and direct reports,
    and the customer managers (they route the signed work)."""
    principal = delegation.principal
    people = Staff.objects.filter(is_active=True).filter(
        models.Q(department=principal.department)
        | models.Q(supervisor=principal)
        | models.Q(groups__name=Role.CUSTOMER_MANAGER)
        | models.Q(pk=delegation.delegate_id)
    )
    return [person for person in people.distinct() if person.pk != principal.pk]


def _announce(delegation: Delegation, by: Staff) -> None:
    text = _("%(delegate)s signs for %(principal)s from %(start)s to %(end)s (%(reason)s).") % {
        "delegate": delegation.delegate.get_full_name(),
        "principal": delegation.principal.get_full_name(),
        "start": delegation.start,
        "end": delegation.end,
        "reason": delegation.reason,
    }
    notify_many(recipients=concerned_by(delegation), text=text, link=reverse("staff:delegations"))


@transaction.atomic
def end_delegation(*, delegation: Delegation, by: Staff, today: date) -> Delegation | None:
    """The manager is back early: the delegation ends yesterday (or is withdrawn if it has not
    started). Returns the shortened delegation, or None when withdrawn."""
    if not may_delegate_for(by, delegation.principal):
        raise DelegationError(_("Only the manager, or HR, ends a delegation."))
    if delegation.end < today:
        raise DelegationError(_("This delegation has already ended."))
    delegation._history_user = by
    if delegation.start >= today:
        delegation.delete()
        return None
    delegation.end = today - timedelta(days=1)
    delegation.save(update_fields=["end"])
    return delegation


# --- faults (过失单, FD-5) -----------------------------------------------------------------------


class FaultError(Exception):
    """A refused fault operation, with a message a person can read."""


def may_record_faults(user: Staff) -> bool:
    return user.has_perm("staff.add_fault")


@transaction.atomic
def record_fault(
    *,
    staff: Staff,
    fault_type: FaultType,
    occurred_on: date,
    note: str,
    by: Staff,
    deduction: Decimal | None = None,
) -> Fault:
    """The customer manager records a fault slip against a person (FD-5); the person is told.

    The deduction is the type's default unless the manager sets another amount.
    """
    if not may_record_faults(by):
        raise FaultError(_("Only the customer manager records faults."))
    if not (note or "").strip():
        raise FaultError(_("Describe what happened."))
    if not fault_type.is_active:
        raise FaultError(_("This fault type is no longer in use."))
    if occurred_on > timezone.localdate():
        raise FaultError(_("A fault cannot be dated in the future."))
    amount = fault_type.default_deduction if deduction is None else deduction
    if amount < 0:
        raise FaultError(_("The deduction cannot be negative."))
    fault = Fault(
        staff=staff,
        fault_type=fault_type,
        occurred_on=occurred_on,
        deduction=amount,
        note=note.strip(),
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    fault._history_user = by
    fault.save()
    _tell_about_fault(fault)
    return fault


def _tell_about_fault(fault: Fault) -> None:
    text = _(
        "A fault slip was recorded for you: %(type)s on %(day)s, deduction %(amount)s yuan."
    ) % {
        "type": fault.fault_type.name,
        "day": fault.occurred_on,
        "amount": fault.deduction,
    }
    notify(recipient=fault.staff, text=text, link=reverse("staff:faults"))


@transaction.atomic
def withdraw_fault(*, fault: Fault, reason: str, by: Staff) -> Fault:
    """A fault recorded in error is withdrawn (kept with the reason); it no longer deducts."""
    if not by.has_perm("staff.change_fault"):
        raise FaultError(_("Only the customer manager withdraws a fault."))
    if not (reason or "").strip():
        raise FaultError(_("Say why the fault is withdrawn."))
    # Race: two clicks withdrawing at once; the lock makes the second see the first.
    fault = Fault.objects.select_for_update().get(pk=fault.pk)
    if fault.is_withdrawn:
        raise FaultError(_("This fault has already been withdrawn."))
    fault.withdrawn_at = timezone.now()
    fault.withdrawn_by = by
    fault.withdraw_reason = reason.strip()
    fault._history_user = by
    fault.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason"])
    notify(
        recipient=fault.staff,
        text=_("Your fault slip of %(day)s (%(type)s) was withdrawn.")
        % {"day": fault.occurred_on, "type": fault.fault_type.name},
        link=reverse("staff:faults"),
    )
    return fault


# --- requests for instructions (请示报告, REP-1) --------------------------------------------------


class ReportError(Exception):
    """A refused request-for-instructions operation, with a message a person can read."""


def _route(chain: list[int], *, urgent: bool, target: Staff | None) -> rules.Route:
    route = rules.route_report(chain, urgent=urgent, target_id=target.pk if target else None)
    if not route.allowed:
        raise ReportError(str(route.message))
    return route


@transaction.atomic
def file_report(
    *,
    by: Staff,
    kind: str,
    subject: str,
    details: str,
    proposal: str = "",
    urgent: bool = False,
    target: Staff | None = None,
) -> InstructionRequest:
    """File a report with the direct supervisor, or, when urgent, straight with a higher one
    (`target`); every supervisor skipped is told at once (REP-1)."""
    if not (subject or "").strip() or not (details or "").strip():
        raise ReportError(_("Give the report a subject and say what happened."))
    chain = chain_of(by)
    route = _route(chain, urgent=urgent, target=target)
    report = InstructionRequest(
        reporter=by,
        kind=kind,
        subject=subject.strip(),
        details=details.strip(),
        proposal=(proposal or "").strip(),
        urgent=urgent,
        recipient_id=route.recipient_id,
        level=chain.index(route.recipient_id) + 1,
    )
    report._history_user = by
    report.save()
    now = timezone.now()
    _step(report, StepKind.FILED, by, route.recipient_id, now)
    _skip(report, route.skipped_ids, by, now)
    _tell_recipient(report, by)
    return report


def _step(report, kind, actor: Staff, recipient_id: int | None, at, note: str = "") -> None:
    InstructionStep.objects.create(
        request=report, kind=kind, actor=actor, recipient_id=recipient_id, note=note, at=at
    )


def _skip(report: InstructionRequest, skipped_ids, by: Staff, at) -> None:
    """Record and tell every supervisor an urgent report went past (REP-1)."""
    if not skipped_ids:
        return
    for pk in skipped_ids:
        _step(report, StepKind.SKIPPED, by, pk, at)
    text = _(
        "Urgent report from %(reporter)s went straight to %(recipient)s, past you: %(subject)s"
    ) % {
        "reporter": report.reporter.get_full_name(),
        "recipient": report.recipient.get_full_name(),
        "subject": report.subject,
    }
    notify_many(
        recipients=Staff.objects.filter(pk__in=skipped_ids),
        text=text,
        link=report.get_absolute_url(),
    )


def _tell_recipient(report: InstructionRequest, by: Staff) -> None:
    if report.urgent:
        template = _("Urgent request for instructions from %(reporter)s: %(subject)s")
    else:
        template = _("Request for instructions from %(reporter)s: %(subject)s")
    text = template % {"reporter": report.reporter.get_full_name(), "subject": report.subject}
    notify(recipient=report.recipient, text=text, link=report.get_absolute_url())


def _lock_awaiting(report: InstructionRequest, by: Staff) -> InstructionRequest:
    # Race: the holder passing it up while also instructing (two tabs); one wins.
    report = InstructionRequest.objects.select_for_update().get(pk=report.pk)
    if not report.is_awaiting:
        raise ReportError(_("This report has already been answered."))
    if report.recipient_id != by.pk:
        raise ReportError(_("This report is not waiting for you."))
    return report


@transaction.atomic
def forward_report(
    *, report: InstructionRequest, by: Staff, note: str = "", target: Staff | None = None
) -> InstructionRequest:
    """The holder passes the report up to their own supervisor (level by level); an urgent
    report may go higher, and the supervisors skipped are told at once."""
    report = _lock_awaiting(report, by)
    chain = chain_of(by)
    route = _route(chain, urgent=report.urgent, target=target)
    report.recipient_id = route.recipient_id
    report.level += chain.index(route.recipient_id) + 1
    report._history_user = by
    report.save(update_fields=["recipient", "level"])
    now = timezone.now()
    _step(report, StepKind.FORWARDED, by, route.recipient_id, now, note=(note or "").strip())
    _skip(report, route.skipped_ids, by, now)
    _tell_recipient(report, by)
    return report


@transaction.atomic
def give_instruction(
    *, report: InstructionRequest, by: Staff, instruction: str
) -> InstructionRequest:
    """The superior's instruction, recorded in full as written; the reporter is told."""
    if not (instruction or "").strip():
        raise ReportError(_("Write the instruction in full."))
    report = _lock_awaiting(report, by)
    report.status = ReportStatus.INSTRUCTED
    report.instruction = instruction.strip()
    report.instructed_by = by
    report.instructed_at = timezone.now()
    report._history_user = by
    report.save(update_fields=["status", "instruction", "instructed_by", "instructed_at"])
    _step(report, StepKind.INSTRUCTED, by, report.reporter_id, report.instructed_at)
    notify(
        recipient=report.reporter,
        text=_("%(name)s gave an instruction on your report: %(subject)s")
        % {"name": by.get_full_name(), "subject": report.subject},
        link=report.get_absolute_url(),
    )
    return report


@transaction.atomic
def record_execution(
    *, report: InstructionRequest, by: Staff, execution: str
) -> InstructionRequest:
    """The reporter records how the instruction was carried out; the superior is told."""
    if not (execution or "").strip():
        raise ReportError(_("Say how the instruction was carried out."))
    # Race: a double submit would record the execution twice.
    report = InstructionRequest.objects.select_for_update().get(pk=report.pk)
    if report.reporter_id != by.pk:
        raise ReportError(_("Only the reporter records how the instruction was carried out."))
    if report.status != ReportStatus.INSTRUCTED:
        raise ReportError(_("There is no instruction to carry out yet, or it is already done."))
    report.status = ReportStatus.CARRIED_OUT
    report.execution = execution.strip()
    report.executed_at = timezone.now()
    report._history_user = by
    report.save(update_fields=["status", "execution", "executed_at"])
    _step(report, StepKind.CARRIED_OUT, by, report.instructed_by_id, report.executed_at)
    notify(
        recipient=report.instructed_by,
        text=_("%(name)s carried out your instruction: %(subject)s")
        % {"name": by.get_full_name(), "subject": report.subject},
        link=report.get_absolute_url(),
    )
    return report
