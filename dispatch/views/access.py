"""Access guards and the booleans templates receive (they never compare role codes)."""

from django.contrib.auth.decorators import permission_required

VIEW_BOARD = "dispatch.view_dispatch_board"
DISPATCH = "dispatch.dispatch_leads"
FORCE = "dispatch.force_dispatch"
DECLINE = "dispatch.record_decline"
CONFIGURE = "dispatch.configure_dispatch"
CONFIRM_CHAMPION = "dispatch.confirm_champion"
LIFT_HOLD = "dispatch.lift_quality_hold"


def board_required(view):
    return permission_required(VIEW_BOARD, raise_exception=True)(view)


def abilities(user) -> dict[str, bool]:
    return {
        "can_dispatch": user.has_perm(DISPATCH),
        "can_force": user.has_perm(FORCE),
        "can_decline": user.has_perm(DECLINE),
        "can_configure": user.has_perm(CONFIGURE),
        "can_confirm_champion": user.has_perm(CONFIRM_CHAMPION),
    }
