"""Read-side helpers for complaint pages, the escalation job and other apps: due times and
overdue steps (`deadlines`), the register and a complaint's page (`register`), the people a
complaint involves (`people`), its history (`history`), the 工作台 counts (`workbench`) and the
quality gate's facts (`quality`).

Public API for other apps: `investigation_due(received_at, staff=None)` (the CMP-4 due time).
The complaint pages and services read through this package (`queries.register(...)`).
"""

from .deadlines import current_overdue, due_at, investigation_due, overdue_q, step_deadlines
from .history import complaint_history
from .people import (
    customer_managers,
    department_heads,
    general_managers,
    matching_lead,
    staff_with_roles,
)
from .register import (
    RegisterFilters,
    complaint_for_page,
    department_complaints,
    escalations_of,
    next_actor_labels,
    register,
    step_facts,
)

__all__ = [
    "RegisterFilters",
    "complaint_for_page",
    "complaint_history",
    "current_overdue",
    "customer_managers",
    "department_complaints",
    "department_heads",
    "due_at",
    "escalations_of",
    "general_managers",
    "investigation_due",
    "matching_lead",
    "next_actor_labels",
    "overdue_q",
    "register",
    "staff_with_roles",
    "step_deadlines",
    "step_facts",
]
