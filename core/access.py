"""One shape for "who may see or do this", shared by views, templates and admin.

Each guarded thing gets a frozen dataclass of booleans (``ComplaintAccess(can_view,
full_phone)``) built by one function (``complaint_access(user, complaint)``). Views guard with
it, templates receive its booleans and never test role codes:

- cannot view → 404, so an outsider cannot even learn the thing exists (``require_visible``,
  ``get_object_for``);
- may view but not act → 403 (``require``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any, Protocol, Self, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404

T = TypeVar("T")
A = TypeVar("A", bound="Visible")


class Visible(Protocol):
    """An access answer for one object: whether the person may see it at all."""

    @property
    def can_view(self) -> bool: ...


@dataclass(frozen=True)
class Access:
    """Base of every access answer: boolean fields named for what they allow."""

    @classmethod
    def from_perms(cls, user: Any, perms: Mapping[str, str], **known: bool) -> Self:
        """Fields read straight off permissions (`{"can_force": "dispatch.force_dispatch"}`),
        plus any worked out otherwise (`known`). Django caches the user's permissions."""
        return cls(**{name: user.has_perm(perm) for name, perm in perms.items()}, **known)

    def context(self) -> dict[str, bool]:
        """The booleans, by field name, for a template's context."""
        return {field.name: getattr(self, field.name) for field in fields(self)}


def require(allowed: bool) -> None:
    """403: the person may see the page but not do this."""
    if not allowed:
        raise PermissionDenied


def require_visible(can_view: bool) -> None:
    """404: the person may not see it, so it is not there for them."""
    if not can_view:
        raise Http404


def get_object_for(
    user: Any, access_for: Callable[[Any, T], A], load: Callable[..., T | None], *args: Any
) -> tuple[T, A]:
    """Load one object with `load(*args)` and work out `user`'s access to it: 404 when it does
    not exist or the user may not see it, else the object and the access (for the buttons)."""
    try:
        obj = load(*args)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
    if obj is None:
        raise Http404
    access = access_for(user, obj)
    require_visible(access.can_view)
    return obj, access
