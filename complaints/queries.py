"""Read-side helpers for complaint pages, the escalation job and other apps.

Public API for other apps: `investigation_due(received_at, staff=None)` (the CMP-4 due time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from attendance.rules.calendar import Schedule, WorkCalendar, complaint_due
from leads.models import OPEN_STATES, Lead
from staff.models import Department, Role, Staff
from staff.phones import mask_phone

from . import rules
from .models import (
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
    ComplaintStatus,
    Escalation,
    StepDeadline,
)

# Used when attendance cannot answer: no holidays, and the usual 09:00-18:00 office day.
FALLBACK_CALENDAR = WorkCalendar()
FALLBACK_SCHEDULE = Schedule(time(9, 0), time(18, 0))
CALENDAR_WINDOW_DAYS = 40  # longer than any holiday run (Spring Festival with 调休 is ~9 days)


# ------------------------------------------------------------------------------------------------
# CMP-4: the investigation due time
# ------------------------------------------------------------------------------------------------


def investigation_due(received_at: datetime, staff: Staff | None = None) -> datetime:
    """CMP-4: findings are due by the end of the working day of receipt (holiday calendar).

    `staff` is whose schedule counts (the person registering); without one, 09:00-18:00.
    """
    local = timezone.localtime(received_at)
    calendar, schedule = _calendar_and_schedule(local.date(), staff)
    return complaint_due(local, calendar, schedule)


def _calendar_and_schedule(day: date, staff: Staff | None) -> tuple[WorkCalendar, Schedule]:
    """The attendance calendar and the staff member's schedule, through attendance's own API."""
    try:
        from attendance.queries import schedule_for, work_calendar
    except ImportError:
        # attendance.queries not installed: plain Mon-Fri calendar and a 09:00-18:00 day.
        return FALLBACK_CALENDAR, FALLBACK_SCHEDULE
    calendar = work_calendar(day, day + timedelta(days=CALENDAR_WINDOW_DAYS))
    schedule = schedule_for(staff, day) if staff is not None else FALLBACK_SCHEDULE
    return calendar, schedule


# ------------------------------------------------------------------------------------------------
# Deadlines and overdue (CMP-4, CMP-5)
# ------------------------------------------------------------------------------------------------


def step_deadlines() -> dict[rules.ComplaintStatus, timedelta]:
    """The configured deadline per status (one query); a status without a row has none."""
    return {
        rules.ComplaintStatus(status): timedelta(hours=hours)
        for status, hours in StepDeadline.objects.values_list("status", "hours")
    }


def overdue_q(now: datetime, deadlines: dict[rules.ComplaintStatus, timedelta]) -> Q:
    """Complaints whose current step is late at `now`; mirrors rules.current_overdue in SQL."""
    late = Q(status=ComplaintStatus.REGISTERED, investigation_due_at__lt=now)
    for status, limit in deadlines.items():
        if status not in (ComplaintStatus.REGISTERED, ComplaintStatus.CLOSED):
            late |= Q(status=status, status_changed_at__lt=now - limit)
    return late


def with_overdue_flag(qs: QuerySet[Complaint], now: datetime, deadlines) -> QuerySet[Complaint]:
    return qs.annotate(
        is_overdue=Case(
            When(overdue_q(now, deadlines), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def current_overdue(complaint: Complaint, now: datetime, deadlines) -> rules.Overdue | None:
    return rules.current_overdue(
        rules.ComplaintStatus(complaint.status),
        step_started_at=complaint.status_changed_at,
        investigation_due_at=complaint.investigation_due_at,
        deadlines=deadlines,
        now=now,
    )


def due_at(complaint: Complaint, deadlines) -> datetime | None:
    return rules.step_due_at(
        rules.ComplaintStatus(complaint.status),
        step_started_at=complaint.status_changed_at,
        investigation_due_at=complaint.investigation_due_at,
        deadlines=deadlines,
    )


# ------------------------------------------------------------------------------------------------
# The register and the department's list
# ------------------------------------------------------------------------------------------------


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


# ------------------------------------------------------------------------------------------------
# People and leads
# ------------------------------------------------------------------------------------------------


def matching_lead(phone: str) -> Lead | None:
    """The customer's open lead with this (normalized) phone, else their latest lead."""
    if not phone:
        return None
    leads = Lead.objects.filter(phone=phone)
    return (
        leads.filter(state__in=OPEN_STATES).order_by("-created_at", "-id").first()
        or leads.order_by("-created_at", "-id").first()
    )


def staff_with_roles(roles) -> QuerySet[Staff]:
    return Staff.objects.filter(is_active=True, groups__name__in=list(roles)).distinct()


def customer_managers() -> QuerySet[Staff]:
    return staff_with_roles([Role.CUSTOMER_MANAGER])


def general_managers() -> QuerySet[Staff]:
    return staff_with_roles([Role.GM])


def department_heads(department: str) -> QuerySet[Staff]:
    """Active members of a department whose supervisor is outside it: the ones who lead it."""
    return Staff.objects.filter(is_active=True, department=department).exclude(
        supervisor__department=department
    )


# ------------------------------------------------------------------------------------------------
# History (SEC-3): the complaint's audit rows, shown on its page
# ------------------------------------------------------------------------------------------------

# Bookkeeping columns that every step changes; the entry's "by" and "at" already say it.
_QUIET_FIELDS = {
    "status_changed_at",
    "investigated_by",
    "investigated_at",
    "decided_by",
    "decided_at",
    "handled_by",
    "handled_at",
    "replied_by",
    "followed_up_by",
    "closed_by",
    "closed_at",
    "year",
    "seq",
    "registered_by",
    "created_at",
}


@dataclass(frozen=True)
class Change:
    label: str
    value: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    by: str
    event: str
    changes: list[Change] = field(default_factory=list)


def complaint_history(complaint: Complaint, *, show_phone: bool = False) -> list[HistoryEntry]:
    """Every recorded change, oldest first, with the values each step wrote (two queries).

    Phone numbers are masked unless the viewer may see them (SEC-1).
    """
    records = list(complaint.history.select_related("history_user").order_by("history_id"))
    categories = dict(ComplaintCategory.objects.values_list("pk", "name"))
    entries = []
    previous = None
    for record in records:
        changes = _changes(previous, record, categories, show_phone)
        entries.append(
            HistoryEntry(
                at=record.history_date,
                by=record.history_user.get_full_name() if record.history_user else "",
                event=_event_label(record),
                changes=changes,
            )
        )
        previous = record
    return entries


def _event_label(record) -> str:
    reason = record.history_change_reason or ""
    if reason in ComplaintEvent.values:
        return str(ComplaintEvent(reason).label)
    return str(EDITED_LABEL)


def _changes(previous, record, categories: dict[int, str], show_phone: bool) -> list[Change]:
    if previous is None:
        names = [f.name for f in Complaint._meta.fields if getattr(record, f.attname, None)]
    else:
        names = record.diff_against(previous).changed_fields
    return [
        Change(
            label=str(_field(name).verbose_name),
            value=_display(record, name, categories, show_phone),
        )
        for name in names
        if name not in _QUIET_FIELDS and name in _FIELD_NAMES
    ]


def _field(name: str):
    return Complaint._meta.get_field(name)


def _display(record, name: str, categories: dict[int, str], show_phone: bool) -> str:
    model_field = _field(name)
    value = getattr(record, model_field.attname)
    if value in (None, ""):
        return "—"
    if name == "phone" and not show_phone:
        return mask_phone(value)
    if name == "category":
        return categories.get(value, str(value))
    if name == "lead":
        return f"#{value}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return str(value)


_FIELD_NAMES = {f.name for f in Complaint._meta.fields} - {"id"}
EDITED_LABEL = _("Edited in the administration")


# ------------------------------------------------------------------------------------------------
# For dispatch's quality gate (QG-1): complaints never import dispatch, dispatch asks here
# ------------------------------------------------------------------------------------------------


def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def responsible_designer_complaints(start: date, end: date) -> dict[int, list[tuple[date, str]]]:
    """Complaints decided between `start` and `end` (inclusive, Beijing days) whose decision
    names the design department responsible (CMP-5), on a lead with a designer: designer id ->
    [(decided on, number)]. The decision names a department; the designer is the lead's."""
    rows = (
        Complaint.objects.filter(
            decided_at__gte=_start_of(start),
            decided_at__lt=_start_of(end + timedelta(days=1)),
            responsible_department=Department.DESIGN,
            lead__designer__isnull=False,
        )
        .order_by("decided_at")
        .values_list("lead__designer_id", "decided_at", "number")
    )
    found: dict[int, list[tuple[date, str]]] = {}
    for designer_id, decided_at, number in rows:
        found.setdefault(designer_id, []).append((_local_day(decided_at), number))
    return found


def follow_up_scores(start: date, end: date) -> dict[int, list[tuple[date, int]]]:
    """Satisfaction (1–5) recorded at follow-up visits (CMP-6) between `start` and `end` on
    leads with a designer: designer id -> [(visited on, score)]."""
    rows = (
        Complaint.objects.filter(
            follow_up_at__gte=_start_of(start),
            follow_up_at__lt=_start_of(end + timedelta(days=1)),
            satisfaction__isnull=False,
            lead__designer__isnull=False,
        )
        .order_by("follow_up_at")
        .values_list("lead__designer_id", "follow_up_at", "satisfaction")
    )
    found: dict[int, list[tuple[date, int]]] = {}
    for designer_id, visited_at, score in rows:
        found.setdefault(designer_id, []).append((_local_day(visited_at), score))
    return found
