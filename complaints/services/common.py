"""Helpers shared by the complaint services: saving with an audit reason, notifying who is next."""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from staff.models import Staff
from staff.services import notify_many, resolve_todos

from .. import queries, rules
from ..models import Complaint, ComplaintEvent, ComplaintStatus
from .errors import ComplaintError

NOTIFICATION_LIMIT = 300


def save_step(complaint: Complaint, *, by: Staff | None, event: ComplaintEvent) -> None:
    """Save with the actor and the step as the history row's user and reason (SEC-3)."""
    complaint._history_user = by
    complaint._change_reason = event.value
    complaint.save()


def require(condition: bool, message) -> None:
    if not condition:
        raise ComplaintError(message)


def local_text(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _next_text(complaint: Complaint) -> str:
    values = {"number": complaint.number, "customer": complaint.customer_name}
    status = complaint.status
    if status == ComplaintStatus.REGISTERED:
        values["due"] = local_text(complaint.investigation_due_at)
        return _("Complaint %(number)s (%(customer)s) needs investigation by %(due)s.") % values
    if status == ComplaintStatus.INVESTIGATED:
        return _("Complaint %(number)s is investigated and waits for a decision.") % values
    if status == ComplaintStatus.DECIDED:
        values["department"] = complaint.get_responsible_department_display()
        return _("Complaint %(number)s is for %(department)s to handle.") % values
    if status == ComplaintStatus.HANDLED:
        return _("Complaint %(number)s is handled; reply to the customer.") % values
    return _("Complaint %(number)s was answered; make the follow-up visit and close it.") % values


def notify_next(complaint: Complaint, *, by: Staff | None) -> None:
    """Tell whoever may take the next step (the department's heads too, for handling); the
    previous step's to-dos are done, whoever took it."""
    resolve_todos(complaint)
    if complaint.status == ComplaintStatus.CLOSED:
        return _notify_general_managers(complaint, by=by)
    roles = rules.next_actor_roles(rules.ComplaintStatus(complaint.status))
    recipients = set(queries.staff_with_roles(roles))
    if complaint.status == ComplaintStatus.DECIDED:
        recipients |= set(queries.department_heads(complaint.responsible_department))
    recipients.discard(by)
    if recipients:
        notify_many(
            recipients=recipients,
            text=_next_text(complaint),
            link=complaint.get_absolute_url(),
            target=complaint,
            step=complaint.status,
        )


def _notify_general_managers(complaint: Complaint, *, by: Staff | None) -> None:
    """CMP-5: the report to the general manager goes out when the complaint is closed."""
    text = _("Complaint %(number)s is closed. Report: %(report)s") % {
        "number": complaint.number,
        "report": complaint.gm_report,
    }
    recipients = set(queries.general_managers())
    recipients.discard(by)
    if recipients:
        notify_many(
            recipients=recipients,
            text=Truncator(text).chars(NOTIFICATION_LIMIT),
            link=complaint.get_absolute_url(),
        )
