"""Every state change of dispatch, by topic; the functions other apps call are re-exported:

- `dispatch_lead(*, lead, by, designer=None)`, `decline_dispatch(*, lead, by, reason)`,
  `force_dispatch(*, lead, designer, by, reason)`, `confirm_levels_introduced(*, lead, by)`;
- configuration: `set_capacity_rule`, `set_tier_mapping`, `save_season`, `delete_season`;
- designers: `decline_own_lead(*, lead, by, reason_code, text)`;
- quality gate (QG): `evaluate_quality_holds(*, today, by=None)`, `lift_hold(*, hold, by, reason)`;
- champions: `propose_champions`, `propose_due_champions`, `confirm_champion`,
  `reject_champion`.
"""

from .champions import confirm_champion, propose_champions, propose_due_champions, reject_champion
from .config import delete_season, save_season, set_capacity_rule, set_tier_mapping
from .dispatching import (
    confirm_levels_introduced,
    decline_dispatch,
    decline_own_lead,
    dispatch_lead,
    force_dispatch,
)
from .errors import DispatchError
from .quality import evaluate_quality_holds, lift_hold

__all__ = [
    "DispatchError",
    "confirm_champion",
    "confirm_levels_introduced",
    "decline_dispatch",
    "decline_own_lead",
    "evaluate_quality_holds",
    "lift_hold",
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
