"""The 工作台 (role home): per role, the queues waiting for this person today, each a count and a
link; the GM's adds month KPI cards.

Staff sits low, so it only defines the card shapes and collects them: an app that contributes
cards has a `workbench.py` with `sections(user, now) -> list[Section]` (found like navigation).
The counts come from the owning apps' query modules; the home asks, it does not compute rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.functional import Promise

from core.discovery import app_modules

from .models import Notification, Role, Staff

ROLE_ORDER = {code: i for i, code in enumerate(Role.values)}


@dataclass(frozen=True)
class Queue:
    """One queue: "what is waiting", how many, and the filtered list that holds them."""

    label: Promise | str
    count: int
    url: str
    detail: Promise | str = ""  # e.g. "2 overdue", or what the not-ready leads miss
    urgent: bool = False  # shown in red when there is something (with words, not colour only)
    key: str = ""  # stable id for tests and CSS hooks


@dataclass(frozen=True)
class Kpi:
    """A month figure with the same days of last month; `kind` count | money | percent."""

    label: Promise | str
    value: int | float | Decimal | None
    previous: int | float | Decimal | None
    kind: str = "count"
    url: str = ""
    key: str = ""

    @property
    def change(self) -> int | float | Decimal | None:
        """This period minus last (points for percentages); None when either is unknown."""
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    @property
    def trend(self) -> str:
        change = self.change
        if not change:
            return "flat"
        return "up" if change > 0 else "down"


@dataclass
class Section:
    role: str
    queues: list[Queue] = field(default_factory=list)
    kpis: list[Kpi] = field(default_factory=list)

    @property
    def title(self) -> str:
        return str(Role(self.role).label)


def sections_for(user: Staff, now: datetime) -> list[Section]:
    """Every section the user's roles contribute, in the roles' order."""
    found: list[Section] = []
    for _config, module in app_modules("workbench"):
        if module.__name__ != __name__ and hasattr(module, "sections"):
            found.extend(module.sections(user, now))
    return sorted(found, key=lambda s: ROLE_ORDER.get(s.role, 99))


def open_todos(user: Staff) -> QuerySet[Notification]:
    """Unread notifications whose step is still open (finding 2): a to-do done by anyone, or
    an approval already given, is not shown."""
    return Notification.objects.filter(
        recipient=user, read_at__isnull=True, done_at__isnull=True
    ).order_by("-created_at", "-id")
