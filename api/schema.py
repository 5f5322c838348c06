"""OpenAPI (drf-spectacular): how the key is described, and who may read the schema."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.views import SpectacularAPIView
from rest_framework import permissions
from rest_framework.authentication import SessionAuthentication

from .access import ApiKeyAuthentication, client_of


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "api.access.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Authorization: Api-Key <key>",
        }


class AdminOrClient(permissions.BasePermission):
    """The administrator (logged in) or any integration client with a valid key."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.is_superuser) or bool(
            client_of(request)
        )


class SchemaView(SpectacularAPIView):
    authentication_classes = [ApiKeyAuthentication, SessionAuthentication]
    permission_classes = [AdminOrClient]
    throttle_classes = []
