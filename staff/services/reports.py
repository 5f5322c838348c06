"""Requests for instructions (请示报告, REP-1): filed, passed up the chain, instructed, done."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import rules
from ..models import InstructionRequest, InstructionStep, ReportStatus, Staff, StepKind
from ..queries import chain_of
from .notifications import notify, notify_many


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
