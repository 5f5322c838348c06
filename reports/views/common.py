"""What every report page shares: the guard, pagination, and which report tabs to show."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from ..roles import SEE_JOBS, SEE_MONTHLY, SEE_SEGMENTS, SEE_TABLES


def require(user, perm: str) -> None:
    """403 unless the user holds `perm`."""
    if not user.has_perm(perm):
        raise PermissionDenied


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
