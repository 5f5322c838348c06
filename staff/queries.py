"""Read-side helpers for staff pages."""

from datetime import date
from decimal import Decimal

from django.db.models import Exists, F, Func, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from . import rules
from .models import (
    Delegation,
    Fault,
    InstructionRequest,
    InstructionStep,
    Notification,
    ReportStatus,
    Staff,
    StepKind,
)


def unread_count(user: Staff) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_for(user: Staff) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def staff_directory(*, search: str = "", department: str = "", role: str = "") -> QuerySet[Staff]:
    qs = Staff.objects.select_related("supervisor").prefetch_related("groups")
    if search:
        qs = qs.filter(
            Q(name__icontains=search)
            | Q(employee_no__icontains=search)
            | Q(username__icontains=search)
        )
    if department:
        qs = qs.filter(department=department)
    if role:
        qs = qs.filter(groups__name=role)
    return qs.order_by("employee_no")


def supervisor_chain(person: Staff, limit: int = 10) -> list[Staff]:
    """The supervisors, nearest first (bounded, so a loop in the data cannot hang a page)."""
    chain: list[Staff] = []
    current = person.supervisor
    while current is not None and len(chain) < limit and current not in chain:
        chain.append(current)
        current = current.supervisor
    return chain


def delegations_of(person: Staff) -> QuerySet[Delegation]:
    return Delegation.objects.filter(Q(principal=person) | Q(delegate=person)).select_related(
        "principal", "delegate"
    )


def current_delegations(user: Staff, today) -> QuerySet[Delegation]:
    """Delegations in force or to come: all of them for those who oversee delegations (HR, GM,
    managers with the permission), else those given or received by `user`; soonest first."""
    rows = Delegation.objects.filter(end__gte=today).select_related("principal", "delegate")
    if not user.has_perm("staff.view_delegation"):
        rows = rows.filter(Q(principal=user) | Q(delegate=user))
    return rows.order_by("start", "id")


# --- faults (FD-5) -------------------------------------------------------------------------------


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First day of the month and first day of the next."""
    start = date(year, month, 1)
    end = date(year + (month == 12), month % 12 + 1, 1)
    return start, end


def faults_in_month(staff: Staff, year: int, month: int) -> QuerySet[Fault]:
    """A person's faults dated in the month that still count (withdrawn ones do not)."""
    start, end = month_bounds(year, month)
    return (
        Fault.objects.filter(
            staff=staff, occurred_on__gte=start, occurred_on__lt=end, withdrawn_at__isnull=True
        )
        .select_related("fault_type")
        .order_by("occurred_on", "id")
    )


def fault_deductions(staff: Staff, year: int, month: int) -> Decimal:
    """What the month's fault slips deduct from the person's pay (FD-5, COM-5), in whole yuan.

    Faults count in the month they happened; withdrawn faults count nothing.
    """
    total = faults_in_month(staff, year, month).aggregate(total=Sum("deduction"))["total"]
    return total or Decimal(0)


def fault_list(
    *, viewer: Staff, staff_id: int | None = None, month: date | None = None
) -> QuerySet[Fault]:
    """Faults for the list page: everyone's for those with `staff.view_fault`, else one's own."""
    rows = Fault.objects.select_related("staff", "fault_type", "recorded_by", "withdrawn_by")
    if not viewer.has_perm("staff.view_fault"):
        rows = rows.filter(staff=viewer)
    elif staff_id:
        rows = rows.filter(staff_id=staff_id)
    if month:
        start, end = month_bounds(month.year, month.month)
        rows = rows.filter(occurred_on__gte=start, occurred_on__lt=end)
    return rows.order_by("-occurred_on", "-id")


def faults_of(person: Staff) -> QuerySet[Fault]:
    return Fault.objects.filter(staff=person).select_related("fault_type", "recorded_by")


# --- requests for instructions (REP-1) -----------------------------------------------------------


def chain_of(person: Staff) -> list[int]:
    """Ids of the active supervisors above `person`, nearest first (one query); a supervisor who
    has left is passed over, so a report reaches the next one up."""
    rows = list(Staff.objects.values_list("pk", "supervisor_id", "is_active"))
    supervisor_of = {pk: boss for pk, boss, _active in rows}
    active = {pk for pk, _boss, is_active in rows if is_active}
    supervisor_of[person.pk] = person.supervisor_id
    return [pk for pk in rules.chain_above(supervisor_of, person.pk) if pk in active]


def report_chain(person: Staff) -> list[Staff]:
    """The active supervisors a report of `person` can go to, nearest first."""
    ids = chain_of(person)
    by_id = Staff.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids]


def _report_rows() -> QuerySet[InstructionRequest]:
    return InstructionRequest.objects.select_related("reporter", "recipient", "instructed_by")


def reports_by(user: Staff) -> QuerySet[InstructionRequest]:
    """My reports, newest first."""
    return _report_rows().filter(reporter=user).order_by("-created_at", "-id")


def reports_awaiting(user: Staff) -> QuerySet[InstructionRequest]:
    """Reports waiting for my instruction, urgent first, then oldest first."""
    return (
        _report_rows()
        .filter(recipient=user, status=ReportStatus.AWAITING)
        .order_by("-urgent", "created_at", "id")
    )


def reports_seen_by(user: Staff) -> QuerySet[InstructionRequest]:
    """Reports that passed through me (held, passed up, or skipped and told), newest first."""
    touched = InstructionStep.objects.filter(request=OuterRef("pk"), recipient=user)
    return (
        _report_rows()
        .filter(Exists(touched))
        .exclude(recipient=user, status=ReportStatus.AWAITING)
        .order_by("-created_at", "-id")
    )


def may_view_report(user: Staff, report: InstructionRequest) -> bool:
    """The reporter and everyone on its route (including supervisors skipped and told)."""
    if user.is_superuser or user.pk in (report.reporter_id, report.recipient_id):
        return True
    return report.steps.filter(recipient=user).exists()


def report_steps(report: InstructionRequest) -> QuerySet[InstructionStep]:
    return report.steps.select_related("actor", "recipient").order_by("at", "id")


def was_skipped(user: Staff, report: InstructionRequest) -> bool:
    return report.steps.filter(recipient=user, kind=StepKind.SKIPPED).exists()


def count_subquery(rows: QuerySet) -> Coalesce:
    """How many of `rows` (filtered on an OuterRef) there are, as a correlated subquery; 0 when
    none. With an index on the outer key it reads only the outer row's slice, where a join with
    GROUP BY would read every related row ever written."""
    counted = rows.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted), 0)
