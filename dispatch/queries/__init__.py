"""Read helpers for dispatch: the day's configuration (`day`), designer load and the candidates
(`load`), the queue (`queue`), "my leads", the log and champions (`boards`), the selected lead's
panel (`panel`), the quality gate and 我的业绩 (`quality`) and the 工作台 counts (`workbench`).
Counts are annotated in the database, so every page runs a fixed number of queries however many
designers or leads there are.

The dispatch pages and services read the first four through this package
(`from dispatch import queries`, then `queries.ready_queue()`); the others by their module.
"""

from .boards import (
    champion_titles,
    dispatch_log,
    has_unconfirmed_champions,
    my_leads,
    signed_counts,
)
from .day import (
    DispatchDay,
    capacity_rule_on,
    champion_ids,
    day_config,
    designers_on_leave,
    dispatch_config,
    dispatch_day,
    season_on,
)
from .load import (
    DesignerLoad,
    candidate_rows,
    declined_ids,
    designer_rows,
    designer_snapshots,
    designers,
    holds_on,
    lead_ranking,
    lead_size_class,
    load_rows,
    snapshot_of,
    split_by_tier,
    with_hold,
    with_load,
)
from .queue import (
    blockers,
    current_assignment,
    dispatched_leads,
    lead_assignments,
    lead_for_panel,
    missing_details,
    not_ready_leads,
    queue_counts,
    readiness_of,
    ready_queue,
    slip_or_none,
    waiting_leads,
)

__all__ = [
    "DesignerLoad",
    "DispatchDay",
    "blockers",
    "candidate_rows",
    "capacity_rule_on",
    "champion_ids",
    "champion_titles",
    "current_assignment",
    "day_config",
    "declined_ids",
    "designer_rows",
    "designer_snapshots",
    "designers",
    "designers_on_leave",
    "dispatch_config",
    "dispatch_day",
    "dispatch_log",
    "dispatched_leads",
    "has_unconfirmed_champions",
    "holds_on",
    "lead_assignments",
    "lead_for_panel",
    "lead_ranking",
    "lead_size_class",
    "load_rows",
    "missing_details",
    "my_leads",
    "not_ready_leads",
    "queue_counts",
    "readiness_of",
    "ready_queue",
    "season_on",
    "signed_counts",
    "slip_or_none",
    "snapshot_of",
    "split_by_tier",
    "waiting_leads",
    "with_hold",
    "with_load",
]
