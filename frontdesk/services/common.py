"""Small helpers shared by the front desk's services."""

from collections.abc import Callable
from typing import TypeVar

from leads.services.errors import LeadError
from staff.models import Staff
from staff.phones import InvalidPhone, normalize_phone

from ..queries.common import day_bounds  # noqa: F401 - shared with the services
from .errors import FrontDeskError

T = TypeVar("T")


def require_perm(user: Staff, perm: str, message) -> None:
    if not user.has_perm(perm):
        raise FrontDeskError(message)


def clean_phone(raw: str, *, required: bool = False, missing_message=None) -> str:
    """The normal form of a phone number ('' when blank and not required)."""
    if not (raw or "").strip():
        if required:
            raise FrontDeskError(missing_message)
        return ""
    try:
        return normalize_phone(raw)
    except InvalidPhone as exc:
        raise FrontDeskError(exc.message) from exc


def through_leads(call: Callable[[], T]) -> T:
    """Run a leads service; its refusal becomes ours with the same message."""
    try:
        return call()
    except LeadError as exc:
        raise FrontDeskError(exc.message) from exc
