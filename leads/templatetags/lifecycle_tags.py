"""Display helpers for the lifecycle pages: badge colours by status (no codes in templates)."""

from django import template
from django.utils.translation import gettext

from ..queries.commission import line_note

register = template.Library()

CLOSURE_BADGES = {
    "PROPOSED": "bg-warning text-dark",
    "CONFIRMED": "bg-dark",
    "REJECTED": "bg-success",
    "REOPENED": "bg-info text-dark",
}


@register.filter
def closure_badge(status: str) -> str:
    return CLOSURE_BADGES.get(str(status), "bg-secondary")


@register.filter
def callback_badge(callback) -> str:
    """Overdue red, open blue, done green, cancelled grey."""
    if callback.cancelled_at:
        return "bg-secondary"
    if callback.done_at:
        return "bg-success"
    return "bg-danger" if getattr(callback, "is_overdue", False) else "bg-primary"


@register.filter
def callback_status(callback) -> str:
    if callback.cancelled_at:
        return gettext("Cancelled")
    if callback.done_at:
        return gettext("Done")
    return gettext("Overdue") if getattr(callback, "is_overdue", False) else gettext("Open")


@register.filter
def commission_note(entry) -> str:
    """Why a ledger line pays what it pays (void, claw-back)."""
    return line_note(entry)
