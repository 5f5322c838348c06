"""Who may call the API and how often: the key (401), the address and the scope (403), the
client's rate (429) and the body size (413)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions, status
from rest_framework.authentication import BaseAuthentication
from rest_framework.throttling import SimpleRateThrottle
from rest_framework_api_key.permissions import KeyParser

from staff.lockout import client_ip_address

from .models import ClientAPIKey, IntegrationClient
from .rules import ip_allowed

KEYWORD = "Api-Key"


class ApiKeyAuthentication(BaseAuthentication):
    """`Authorization: Api-Key <key>`: the request acts as the client's system user, and
    `request.auth` is the key (with its client). No session, so no CSRF to check."""

    parser = KeyParser()

    def authenticate(self, request):
        raw = self.parser.get(request)
        if not raw:
            return None
        try:
            key = ClientAPIKey.objects.get_from_key(raw)
        except ClientAPIKey.DoesNotExist:
            raise exceptions.AuthenticationFailed(
                _("The API key is unknown or revoked."), code="invalid_key"
            ) from None
        if key.has_expired or not key.client.is_active:
            raise exceptions.AuthenticationFailed(
                _("The API key has expired or its client is disabled."), code="inactive_key"
            )
        return key.client.system_user, key

    def authenticate_header(self, request) -> str:
        return KEYWORD  # makes DRF answer 401 (not 403) when the key is missing or wrong


def client_of(request) -> IntegrationClient | None:
    key = getattr(request, "auth", None)
    return key.client if isinstance(key, ClientAPIKey) else None


class IsIntegrationClient(permissions.BasePermission):
    """A valid key, from an allowed address, with the scope the view names (`required_scope`)."""

    def has_permission(self, request, view) -> bool:
        client = client_of(request)
        if client is None:
            raise exceptions.NotAuthenticated(
                _("Send the API key in the header: Authorization: Api-Key <key>.")
            )
        if not ip_allowed(client_ip_address(request) or "", client.ip_networks):
            raise exceptions.PermissionDenied(
                _("Requests from this address are not allowed for this client."),
                code="ip_not_allowed",
            )
        scope = getattr(view, "required_scope", None)
        if scope and not client.has_scope(scope):
            raise exceptions.PermissionDenied(
                _("This API key may not do this (scope %(scope)s is missing).") % {"scope": scope},
                code="missing_scope",
            )
        return True


class ClientRateThrottle(SimpleRateThrottle):
    """Requests per minute per client, counted on the cache (Redis in production) so every
    worker shares the count; the rate is the client row's."""

    scope = "api-client"

    def __init__(self) -> None:
        pass  # the rate is read per request from the client row, not from settings

    def allow_request(self, request, view) -> bool:
        client = client_of(request)
        if client is None:
            return True
        self.rate = f"{client.requests_per_minute}/min"
        self.num_requests, self.duration = client.requests_per_minute, 60
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str | None:
        client = client_of(request)
        return self.cache_format % {"scope": self.scope, "ident": client.pk} if client else None


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


def check_body_size(request) -> None:
    """Refuse a body over API_MAX_BODY_BYTES before it is parsed (413, naming the limit)."""
    limit = settings.API_MAX_BODY_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        raise PayloadTooLarge(
            _("The request body is %(size)s bytes; the limit is %(limit)s bytes.")
            % {"size": length, "limit": limit}
        )
