"""Callback lists (CB-1): my open callbacks overdue first, done ones, everyone's for managers.

Other apps read `open_callbacks()` (the front desk's shift handover lists what is still open).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils import timezone

from staff.models import Staff

from ..models import OPEN_CALLBACK, Callback


class CallbackTab:
    OPEN = "open"
    DONE = "done"


ALL = "all"


@dataclass(frozen=True)
class CallbackFilters:
    tab: str = CallbackTab.OPEN
    assignee: str = ""  # "" = me; "all" or a staff id for those who see everyone's
    kind: str = ""


def sees_all_callbacks(user: Staff) -> bool:
    return user.has_perm("leads.view_all_callbacks")


def callback_rows(now: datetime) -> QuerySet[Callback]:
    """Callbacks with what a list row shows, and whether each is overdue at `now`."""
    return Callback.objects.select_related(
        "lead", "lead__designer", "assignee", "closure", "done_by"
    ).annotate(
        is_overdue=ExpressionWrapper(OPEN_CALLBACK & Q(due_at__lt=now), output_field=BooleanField())
    )


def open_callbacks(now: datetime | None = None) -> QuerySet[Callback]:
    """Every open callback, the longest overdue first."""
    return callback_rows(now or timezone.now()).filter(OPEN_CALLBACK).order_by("due_at", "id")


def callback_list(user: Staff, filters: CallbackFilters, now: datetime) -> QuerySet[Callback]:
    """Open: by due time, so the overdue ones come first. Done: the latest first."""
    rows = callback_rows(now).filter(_assignee_filter(user, filters.assignee))
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.tab == CallbackTab.DONE:
        return rows.filter(done_at__isnull=False).order_by("-done_at", "-id")
    return rows.filter(OPEN_CALLBACK).order_by("due_at", "id")


def _assignee_filter(user: Staff, assignee: str) -> Q:
    if not sees_all_callbacks(user) or not assignee:
        return Q(assignee=user)
    if assignee == ALL:
        return Q()
    return Q(assignee_id=assignee) if assignee.isdigit() else Q(assignee=user)


def open_counts(user: Staff, now: datetime) -> dict[str, int]:
    """The badge on the page: my open and my overdue callbacks."""
    mine = Callback.objects.filter(OPEN_CALLBACK, assignee=user)
    return {"open": mine.count(), "overdue": mine.filter(due_at__lt=now).count()}


def assignee_choices() -> QuerySet[Staff]:
    """People who hold an open callback, for the manager's filter."""
    return (
        Staff.objects.filter(callbacks__done_at__isnull=True, callbacks__cancelled_at__isnull=True)
        .distinct()
        .order_by("employee_no")
    )
