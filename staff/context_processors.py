from django.http import HttpRequest

from .navigation import items_for
from .queries import unread_count


def navigation(request: HttpRequest) -> dict:
    """Menu items and the bell's unread count for the signed-in user (one query for the count)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "unread_notifications": 0}
    return {"nav_items": items_for(user), "unread_notifications": unread_count(user)}
