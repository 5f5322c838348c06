from django.http import HttpRequest

from .admin_access import may_enter_admin
from .navigation import items_for, menu
from .queries import unread_count


def navigation(request: HttpRequest) -> dict:
    """Menu items and the bell's unread count for the signed-in user. The count came with the
    user (staff.backends) as of the start of the request; otherwise one query reads it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_groups": [], "unread_notifications": 0, "shows_admin": False}
    unread = getattr(user, "unread_notifications", None)
    if unread is None:
        unread = unread_count(user)
    items = items_for(user)
    shows_admin = may_enter_admin(user)  # SEC-5: the link only for those it opens to
    return {
        "nav_items": items,
        # The sidebar: grouped, the current page marked.
        "nav_groups": menu(items, request.path, admin=shows_admin),
        "unread_notifications": unread,
        "shows_admin": shows_admin,
    }
