"""What every front desk page shares: the guard, pagination, the tabs' booleans."""

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from attendance.services.outings import may_register

from ..access import desk_for


def context(request: HttpRequest, tab: str, **extra) -> dict:
    return {"desk": desk_for(request.user), "tab": tab, **extra}


def maybe_url(name: str) -> str:
    """A link to another app's page, or '' while that page does not exist."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def outing_register_url(request: HttpRequest) -> str:
    """The outing register of attendance (FD-4), for those who keep it (front desk, HR)."""
    return maybe_url("attendance:outing-register") if may_register(request.user) else ""
