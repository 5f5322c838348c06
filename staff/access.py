"""Access checks used at the top of views: one helper per kind of guard."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def has_any_role(user, roles: tuple[str, ...]) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.has_role(*roles)


def role_required(*roles: str) -> Callable:
    """View decorator: 403 unless the signed-in user holds one of `roles` (superusers pass)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not has_any_role(request.user, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RoleRequiredMixin(UserPassesTestMixin):
    """Class-based views: set `allowed_roles`; 403 for signed-in users without one of them."""

    allowed_roles: tuple[str, ...] = ()
    raise_exception = True

    def test_func(self) -> bool:
        return has_any_role(self.request.user, self.allowed_roles)
