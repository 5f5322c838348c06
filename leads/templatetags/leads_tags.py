"""Display helpers for lead pages: the phone as the viewer may see it, state colours."""

from django import template
from django.utils.translation import gettext

from ..queries.access import phone_for

register = template.Library()

STATE_BADGES = {
    "NEW": "bg-secondary",
    "DISPATCHED": "bg-primary",
    "MEASURED": "bg-info text-dark",
    "SIGNED": "bg-success",
    "INVALID": "bg-light text-dark border",
    "DEAD": "bg-dark",
}
PHONE_LIST_BADGES = {"NEW": "bg-success", "VISITED": "bg-warning text-dark", "SIGNED": "bg-danger"}


@register.simple_tag(takes_context=True)
def customer_phone(context, lead) -> str:
    """The full number or 138****5678, by the viewer's role and part in the lead (SEC-1)."""
    return phone_for(context["request"].user, lead)


@register.filter
def state_badge(state: str) -> str:
    return STATE_BADGES.get(str(state), "bg-secondary")


@register.filter
def phone_list_badge(status: str) -> str:
    return PHONE_LIST_BADGES.get(str(status), "bg-secondary")


@register.inclusion_tag("leads/_subnav.html", takes_context=True)
def leads_subnav(context) -> dict:
    """The leads area's tabs the viewer may open, the current one marked."""
    from ..navigation import SUBNAV_ITEMS

    request = context["request"]
    items = [item for item in SUBNAV_ITEMS if item.visible_to(request.user)]
    return {"items": items, "path": request.path}


@register.filter
def phone_list_label(status: str) -> str:
    labels = {
        "NEW": gettext("New number"),
        "VISITED": gettext("Visited the office"),
        "SIGNED": gettext("Signed"),
    }
    return labels.get(str(status), str(status))
