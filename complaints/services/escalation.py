"""Escalation (CMP-4, CMP-5): late steps are flagged once and the customer managers told."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from staff.services import notify_many

from .. import events, queries
from ..models import Complaint, ComplaintStatus, Escalation
from .common import local_text


@transaction.atomic
def escalate_overdue(*, now: datetime) -> list[Escalation]:
    """Flag every complaint whose current step is late at `now`; each late step only once.

    Re-running (or two runs at once) flags nothing twice: one Escalation row per complaint and
    status, guarded by a unique constraint.
    """
    deadlines = queries.step_deadlines()
    flagged = Escalation.objects.filter(complaint=OuterRef("pk"), status=OuterRef("status"))
    late = Complaint.objects.filter(queries.overdue_q(now, deadlines)).exclude(Exists(flagged))
    created = []
    for complaint in late.order_by("pk"):
        overdue = queries.current_overdue(complaint, now, deadlines)
        if overdue is None:
            continue
        escalation, is_new = Escalation.objects.get_or_create(
            complaint=complaint,
            status=complaint.status,
            defaults={"due_at": overdue.due_at, "escalated_at": now},
        )
        if is_new:
            created.append(escalation)
            events.complaint_overdue(complaint, overdue.due_at)
    _tell_managers(created)
    return created


def _text(escalation: Escalation) -> str:
    values = {
        "number": escalation.complaint.number,
        "customer": escalation.complaint.customer_name,
        "due": local_text(escalation.due_at),
    }
    if escalation.status == ComplaintStatus.REGISTERED:
        return (
            _("Complaint %(number)s (%(customer)s): the investigation due %(due)s is not done.")
            % values
        )
    values["step"] = escalation.complaint.next_step_label
    return _("Complaint %(number)s (%(customer)s) is late: %(step)s was due %(due)s.") % values


def _tell_managers(escalations: list[Escalation]) -> None:
    if not escalations:
        return
    managers = list(queries.customer_managers())
    for escalation in escalations:
        notify_many(
            recipients=managers,
            text=_text(escalation),
            link=escalation.complaint.get_absolute_url(),
        )
