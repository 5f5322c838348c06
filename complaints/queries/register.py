"""The register, the department's list and one complaint's page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from staff.models import Role, Staff

from .. import rules
from ..models import (
    Complaint,
    ComplaintCategory,
    ComplaintStatus,
    Escalation,
)
from .deadlines import overdue_q, step_deadlines, with_overdue_flag


@dataclass(frozen=True)
class RegisterFilters:
    search: str = ""
    status: str = ""
    category: ComplaintCategory | None = None
    department: str = ""
    overdue: bool = False
    received_from: date | None = None
    received_to: date | None = None


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _base() -> QuerySet[Complaint]:
    return Complaint.objects.select_related("category", "registered_by")


def register(
    filters: RegisterFilters, *, now: datetime, search_phone: bool = False, by_number: bool = False
) -> QuerySet[Complaint]:
    """The register rows for the filters with `is_overdue` (fixed query count).

    Newest first on screen; `by_number` gives the paper register's order (TS…-0001 first).
    """
    deadlines = step_deadlines()
    qs = with_overdue_flag(_base(), now, deadlines)
    if filters.search:
        qs = qs.filter(_search_q(filters.search, search_phone))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.department:
        qs = qs.filter(responsible_department=filters.department)
    if filters.overdue:
        qs = qs.filter(overdue_q(now, deadlines))
    if filters.received_from:
        qs = qs.filter(received_at__gte=_start_of(filters.received_from))
    if filters.received_to:
        qs = qs.filter(received_at__lt=_start_of(filters.received_to + timedelta(days=1)))
    return qs.order_by("year", "seq") if by_number else qs.order_by("-received_at", "-id")


def _search_q(text: str, search_phone: bool) -> Q:
    text = text.strip()
    q = (
        Q(number__icontains=text)
        | Q(customer_name__icontains=text)
        | Q(summary__icontains=text)
        | Q(document_ref__icontains=text)
    )
    digits = "".join(ch for ch in text if ch.isdigit())
    if search_phone and len(digits) >= 4:
        q |= Q(phone__contains=digits)
    return q


def department_complaints(
    department: str, *, now: datetime, open_only: bool = True
) -> QuerySet[Complaint]:
    """Complaints a department is responsible for (its "my complaints" list)."""
    qs = with_overdue_flag(_base(), now, step_deadlines()).filter(responsible_department=department)
    if open_only:
        qs = qs.exclude(status=ComplaintStatus.CLOSED)
    return qs.order_by("-received_at", "-id")


def complaint_for_page(pk: int) -> Complaint:
    return Complaint.objects.select_related(
        "category",
        "lead",
        "registered_by",
        "investigated_by",
        "decided_by",
        "handled_by",
        "replied_by",
        "followed_up_by",
        "closed_by",
    ).get(pk=pk)


def escalations_of(complaint: Complaint) -> list[Escalation]:
    return list(complaint.escalations.order_by("escalated_at"))


def step_facts(complaint: Complaint, staff: Staff) -> rules.StepFacts:
    """What the rules need to say which steps this person may take on this complaint now."""
    return rules.StepFacts(
        status=rules.ComplaintStatus(complaint.status),
        actor_roles=staff.role_codes,
        has_reply=complaint.has_reply,
        has_follow_up=complaint.has_follow_up,
        in_responsible_department=complaint.is_responsible(staff),
    )


def next_actor_labels(complaint: Complaint) -> list[str]:
    """Who may take the next step, for "waiting for …" on the page."""
    roles = rules.next_actor_roles(rules.ComplaintStatus(complaint.status))
    labels = [str(Role(code).label) for code in sorted(roles)]
    if complaint.status == ComplaintStatus.DECIDED:
        labels.append(complaint.get_responsible_department_display())
    return labels
