"""Shared pieces of the attendance services: the domain error, local time, people lookups."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import Q
from django.utils import timezone

from staff.models import Delegation, Role, Staff


class AttendanceError(Exception):
    """A refused attendance operation; the message is translated and shown to the person."""


def local_now() -> datetime:
    return timezone.localtime()


def local_today() -> date:
    return timezone.localdate()


def at_local(day: date, moment: time) -> datetime:
    """`moment` on `day` in the firm's time zone (Beijing), as an aware datetime."""
    return timezone.make_aware(datetime.combine(day, moment))


def as_local(moment: datetime | None) -> datetime | None:
    """Stored datetimes come back in UTC; the rules compare them with local schedule times."""
    return timezone.localtime(moment) if moment is not None else None


def is_hr(user: Staff) -> bool:
    return user.is_superuser or user.has_role(Role.HR)


def supervisors_map() -> dict[int, int | None]:
    """Every person's direct supervisor id, for walking the chain in the rules (one query)."""
    return dict(Staff.objects.values_list("pk", "supervisor_id"))


def in_supervisor_chain(person: Staff, user: Staff) -> bool:
    """Is `user` one of `person`'s supervisors, at any level?"""
    chain = supervisors_map()
    current = chain.get(person.pk)
    seen: set[int] = set()
    while current is not None and current not in seen:
        if current == user.pk:
            return True
        seen.add(current)
        current = chain.get(current)
    return False


def principals_of(user: Staff, day: date) -> set[int]:
    """Whom `user` signs for on `day` under a delegation (工作联络单)."""
    return set(
        Delegation.objects.filter(delegate=user, start__lte=day, end__gte=day).values_list(
            "principal_id", flat=True
        )
    )


def active_role_holders(*roles: str) -> list[Staff]:
    return list(Staff.objects.filter(Q(groups__name__in=roles), is_active=True).distinct())
