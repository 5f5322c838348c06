"""SEC-8 login throttling: the pieces django-axes lets a project supply (see config/settings.py).

- `client_ip_address`: the address axes counts failures for. X-Forwarded-For is trusted only as
  far as DJANGO_TRUSTED_PROXY_COUNT says, since any client can send that header.
- `LoginAttemptHandler`: axes's database handler; a correct login clears only the failures of
  that username from that address.
- `lockout_response`: the refusal is the login page the person used, with the lockout message.
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.forms import AuthenticationForm
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def client_address(remote_addr: str | None, forwarded_for: str, proxy_count: int) -> str | None:
    """The client's address: with N trusted proxies in front, the Nth X-Forwarded-For entry from
    the right (each proxy appends the address it saw); anything else is the client's own claim.
    Falls back to REMOTE_ADDR when the header is shorter than that or not an address."""
    if proxy_count <= 0:
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    if len(hops) < proxy_count:
        return remote_addr
    candidate = hops[-proxy_count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


def client_ip_address(request) -> str | None:
    return client_address(
        request.META.get("REMOTE_ADDR"),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        settings.TRUSTED_PROXY_COUNT,
    )


class LoginAttemptHandler(AxesDatabaseHandler):
    """Axes's database handler, with a narrower reset on a correct login.

    Axes would delete every attempt matching the username OR the address. Then anyone holding one
    valid account could guess another's password four times, log in as themselves from the same
    computer (wiping those four failures too) and go on for ever. Here a login clears only its
    own username's failures from its own address.
    """

    def reset_user_attempts(self, request, credentials=None) -> int:
        count, _deleted = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return count


def lockout_message(request) -> str:
    minutes = int(get_cool_off(request).total_seconds() // 60)
    return _(
        "Too many failed log-in attempts: this account or this computer is locked for "
        "%(minutes)d minutes. Try again later, or ask the administrator to unlock it."
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """The login page that was posted to (front office or admin) with an empty form, the lockout
    message and HTTP 429. Axes calls this instead of showing its own English text. (Axes itself
    logs the lockout, with the username and address masked, and keeps them in the database.)"""
    username = get_client_username(request, credentials) or ""
    admin_page = getattr(request.resolver_match, "app_name", None) == "admin"
    if isinstance(original_response, TemplateResponse) and original_response.context_data:
        context = dict(original_response.context_data)  # what the LoginView showed
    else:
        context = {"next": request.POST.get("next", "")}
        if admin_page:
            context.update(admin.site.each_context(request), title=_("Log in"))
    form_class = type(context["form"]) if "form" in context else AuthenticationForm
    context["form"] = form_class(request, initial={"username": username})
    context["lockout_message"] = lockout_message(request)
    template = "registration/admin_locked_out.html" if admin_page else "registration/login.html"
    return TemplateResponse(
        request, template, context, status=settings.AXES_HTTP_RESPONSE_CODE
    ).render()
