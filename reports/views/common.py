"""What every report page shares: the guard, pagination, and which report tabs to show."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest

from ..roles import SEE_JOBS, SEE_MONTHLY, SEE_SEGMENTS, SEE_TABLES

PAGE_SIZE = 25


def require(user, perm: str) -> None:
    """403 unless the user holds `perm`."""
    if not user.has_perm(perm):
        raise PermissionDenied


def paginate(request: HttpRequest, rows, size: int = PAGE_SIZE) -> Page:
    return Paginator(rows, size).get_page(request.GET.get("page"))


def report_context(request: HttpRequest, tab: str, **extra) -> dict:
    """The page context plus which report tabs the person may open (templates get booleans)."""
    user = request.user
    tabs = {
        "tables": user.has_perm(SEE_TABLES),
        "monthly": user.has_perm(SEE_MONTHLY),
        "segments": user.has_perm(SEE_SEGMENTS),
        "jobs": user.has_perm(SEE_JOBS),
    }
    return {"tab": tab, "report_tabs": tabs, **extra}
