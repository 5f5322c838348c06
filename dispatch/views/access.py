"""Access guards and the booleans templates receive (they never compare role codes)."""

from dataclasses import dataclass

from django.contrib.auth.decorators import permission_required

from core.access import Access

VIEW_BOARD = "dispatch.view_dispatch_board"
DISPATCH = "dispatch.dispatch_leads"
FORCE = "dispatch.force_dispatch"
DECLINE = "dispatch.record_decline"
CONFIGURE = "dispatch.configure_dispatch"
CONFIRM_CHAMPION = "dispatch.confirm_champion"
LIFT_HOLD = "dispatch.lift_quality_hold"


def board_required(view):
    return permission_required(VIEW_BOARD, raise_exception=True)(view)


@dataclass(frozen=True)
class DispatchAccess(Access):
    """What the signed-in person may do on the dispatch pages (seeing them: `board_required`)."""

    can_dispatch: bool
    can_force: bool
    can_decline: bool
    can_configure: bool
    can_confirm_champion: bool


PERMS = {
    "can_dispatch": DISPATCH,
    "can_force": FORCE,
    "can_decline": DECLINE,
    "can_configure": CONFIGURE,
    "can_confirm_champion": CONFIRM_CHAMPION,
}


def dispatch_access(user) -> DispatchAccess:
    return DispatchAccess.from_perms(user, PERMS)
