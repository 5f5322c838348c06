"""Every state change of dispatch, by topic; the functions other apps call are re-exported:

- `dispatch_lead(*, lead, by, designer=None)`, `decline_dispatch(*, lead, by, reason)`,
  `force_dispatch(*, lead, designer, by, reason)`, `confirm_levels_introduced(*, lead, by)`;
- configuration: `set_capacity_rule`, `set_tier_mapping`, `save_season`, `delete_season`;
- champions: `propose_champions`, `propose_due_champions`, `confirm_champion`,
  `reject_champion`.
"""

from .champions import confirm_champion, propose_champions, propose_due_champions, reject_champion
from .config import delete_season, save_season, set_capacity_rule, set_tier_mapping
from .dispatching import (
    confirm_levels_introduced,
    decline_dispatch,
    dispatch_lead,
    force_dispatch,
)
from .errors import DispatchError

__all__ = [
    "DispatchError",
    "confirm_champion",
    "confirm_levels_introduced",
    "decline_dispatch",
    "delete_season",
    "dispatch_lead",
    "force_dispatch",
    "propose_champions",
    "propose_due_champions",
    "reject_champion",
    "save_season",
    "set_capacity_rule",
    "set_tier_mapping",
]
