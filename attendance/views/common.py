"""Helpers shared by the attendance views: paging, the month in the URL, the area's tabs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import HttpRequest

from core.access import Access
from staff.access import role_required

from .. import services
from ..navigation import AREA_ROLES
from ..queries.pages import is_supervisor, sees_everyone
from ..services.common import is_hr, local_today

area_required = role_required(*AREA_ROLES)


def month_start(value: date | None) -> date:
    """The first day of the chosen month, or of the current month."""
    return (value or local_today()).replace(day=1)


@dataclass(frozen=True)
class Area(Access):
    """What the signed-in person may open in attendance: the tabs and buttons read this."""

    enter_clock: bool
    register_outings: bool
    manage_setup: bool
    see_reports: bool
    supervise: bool
    see_all_pay: bool = False


def area_for(user) -> Area:
    supervise = is_supervisor(user)
    return Area(
        enter_clock=services.may_enter_clock(user),
        register_outings=services.may_register(user),
        manage_setup=is_hr(user),
        see_reports=sees_everyone(user) or supervise,
        supervise=supervise or is_hr(user),
        see_all_pay=user.has_perm("attendance.view_all_pay"),
    )


def area_of(request: HttpRequest) -> Area:
    """The signed-in person's area, worked out once per request (a guard and the tabs share it)."""
    if not hasattr(request, "_attendance_area"):
        request._attendance_area = area_for(request.user)
    return request._attendance_area


def context(request: HttpRequest, tab: str, **extra) -> dict:
    return {"area": area_of(request), "tab": tab, **extra}
