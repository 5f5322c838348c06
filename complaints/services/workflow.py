"""The handling form's steps (CMP-4..7): investigate, decide, handle, reply, follow up, close.

Each step is one transaction: lock the complaint, ask the rules whether this person may take the
step now, write the step's fields, move the status, keep the history, tell whoever acts next.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Department, Staff

from .. import events, rules
from ..models import Channel, Complaint, ComplaintEvent, ComplaintStatus
from .common import notify_next, require, save_step
from .errors import ComplaintError


def _lock(complaint: Complaint) -> Complaint:
    # Race: two people submitting the same step at once would both pass the status check; the
    # row lock makes the second wait, re-read the new status and be refused.
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def _check(complaint: Complaint, target: ComplaintStatus, by: Staff) -> None:
    decision = rules.check_step(
        rules.ComplaintStatus(complaint.status),
        rules.ComplaintStatus(target),
        by.role_codes,
        complaint.has_reply,
        has_follow_up=complaint.has_follow_up,
        in_responsible_department=complaint.is_responsible(by),
    )
    if not decision:
        raise ComplaintError(decision.message)


def _text(value: str, message) -> str:
    value = (value or "").strip()
    require(bool(value), message)
    return value


def _past(moment: datetime, message) -> datetime:
    require(moment <= timezone.now(), message)
    return moment


def _advance(
    complaint: Complaint, target: ComplaintStatus, *, by: Staff, event: ComplaintEvent
) -> Complaint:
    complaint.status = target
    complaint.status_changed_at = timezone.now()
    save_step(complaint, by=by, event=event)
    notify_next(complaint, by=by)
    return complaint


@transaction.atomic
def record_investigation(
    *, complaint: Complaint, by: Staff, findings: str, proposal: str
) -> Complaint:
    """CMP-4: the findings and a proposal, due the same working day."""
    complaint = _lock(complaint)
    _check(complaint, ComplaintStatus.INVESTIGATED, by)
    complaint.findings = _text(findings, _("Write down what the investigation found."))
    complaint.proposal = _text(proposal, _("Propose how to handle the complaint."))
    complaint.investigated_by, complaint.investigated_at = by, timezone.now()
    return _advance(
        complaint, ComplaintStatus.INVESTIGATED, by=by, event=ComplaintEvent.INVESTIGATED
    )


@transaction.atomic
def decide_complaint(
    *, complaint: Complaint, by: Staff, handling_method: str, responsible_department: str
) -> Complaint:
    """CMP-5: the department manager decides how to handle it and which department does."""
    complaint = _lock(complaint)
    _check(complaint, ComplaintStatus.DECIDED, by)
    require(
        responsible_department in Department.values,
        _("Choose the department responsible for handling the complaint."),
    )
    complaint.handling_method = _text(handling_method, _("Write down how to handle it."))
    complaint.responsible_department = responsible_department
    complaint.decided_by, complaint.decided_at = by, timezone.now()
    return _advance(complaint, ComplaintStatus.DECIDED, by=by, event=ComplaintEvent.DECIDED)


@transaction.atomic
def record_handling(*, complaint: Complaint, by: Staff, handling_record: str) -> Complaint:
    """CMP-5: the responsible department records what it did."""
    complaint = _lock(complaint)
    _check(complaint, ComplaintStatus.HANDLED, by)
    complaint.handling_record = _text(handling_record, _("Write down what was done."))
    complaint.handled_by, complaint.handled_at = by, timezone.now()
    return _advance(complaint, ComplaintStatus.HANDLED, by=by, event=ComplaintEvent.HANDLED)


@transaction.atomic
def record_reply(
    *, complaint: Complaint, by: Staff, channel: str, text: str, replied_at: datetime
) -> Complaint:
    """CMP-5 (件件有回音): how and when the customer was answered, and what they were told."""
    complaint = _lock(complaint)
    _check(complaint, ComplaintStatus.REPLIED, by)
    require(channel in Channel.values, _("Choose how the customer was answered."))
    _past(replied_at, _("The reply cannot be in the future."))
    require(
        replied_at >= complaint.received_at, _("The reply cannot be before the complaint arrived.")
    )
    complaint.reply_channel = channel
    complaint.reply_text = _text(text, _("Write down what the customer was told."))
    complaint.replied_at, complaint.replied_by = replied_at, by
    return _advance(complaint, ComplaintStatus.REPLIED, by=by, event=ComplaintEvent.REPLIED)


@transaction.atomic
def record_follow_up(
    *, complaint: Complaint, by: Staff, visited_at: datetime, outcome: str, satisfaction: int
) -> Complaint:
    """CMP-6: the follow-up visit (by phone if minor, on site if major), outcome and satisfaction.

    The status stays REPLIED: closing is the customer manager's step that follows.
    """
    complaint = _lock(complaint)
    decision = rules.check_follow_up(
        rules.ComplaintStatus(complaint.status),
        by.role_codes,
        has_follow_up=complaint.has_follow_up,
    )
    require(decision.allowed, decision.message)
    score = rules.check_satisfaction(satisfaction)
    require(score.allowed, score.message)
    _past(visited_at, _("The follow-up visit cannot be in the future."))
    require(
        complaint.replied_at is None or visited_at >= complaint.replied_at,
        _("The follow-up visit cannot be before the reply to the customer."),
    )
    complaint.follow_up_method = rules.follow_up_method(rules.Severity(complaint.severity))
    complaint.follow_up_at, complaint.followed_up_by = visited_at, by
    complaint.follow_up_outcome = _text(outcome, _("Write down what the customer said."))
    complaint.satisfaction = satisfaction
    save_step(complaint, by=by, event=ComplaintEvent.FOLLOWED_UP)
    return complaint


@transaction.atomic
def close_complaint(*, complaint: Complaint, by: Staff, gm_report: str) -> Complaint:
    """CMP-5/CMP-7: closed with the report to the general manager; never without a reply."""
    complaint = _lock(complaint)
    _check(complaint, ComplaintStatus.CLOSED, by)
    complaint.gm_report = _text(gm_report, _("Write the report to the general manager."))
    complaint.closed_by, complaint.closed_at = by, timezone.now()
    complaint = _advance(complaint, ComplaintStatus.CLOSED, by=by, event=ComplaintEvent.CLOSED)
    events.complaint_closed(complaint)
    return complaint
