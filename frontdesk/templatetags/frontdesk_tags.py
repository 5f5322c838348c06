"""Display helpers of the front desk pages."""

from django import template

from staff.phones import mask_phone

register = template.Library()


@register.filter
def phone_for(phone: str, full: bool) -> str:
    """The number as the viewer may see it (SEC-1): whole, or 138****5678."""
    if not phone:
        return ""
    return phone if full else mask_phone(phone)


@register.filter
def duration(seconds) -> str:
    """Seconds as m:ss (talk time)."""
    if seconds is None or seconds == "":
        return "—"
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"
