"""Read-side helpers for staff pages."""

from django.db.models import Q, QuerySet

from .models import Delegation, Notification, Staff


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
