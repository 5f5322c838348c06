"""Pure complaint rules: numbering, the handling steps, follow-up and escalation (CMP-2..7).

No ORM and no clock: services pass the current time and the facts, and get back a decision
with a reason code a page can show. Import from here (`from complaints.rules import check_step`);
the submodules split the rules by topic.
"""

from core.decisions import ALLOWED, Decision

from .base import (
    CS_AGENT,
    CUSTOMER_MANAGER,
    Action,
    Channel,
    ComplaintStatus,
    FollowUpMethod,
    SatisfactionRefusal,
    Severity,
    StepRefusal,
)
from .deadlines import (
    DEFAULT_STEP_DEADLINES,
    Overdue,
    current_overdue,
    investigation_overdue,
    overdue_steps,
    step_due_at,
)
from .follow_up import (
    FOLLOW_UP_BY_SEVERITY,
    SATISFACTION_MAX,
    SATISFACTION_MIN,
    check_satisfaction,
    follow_up_method,
)
from .numbering import NUMBER_PREFIX, ComplaintNumber, complaint_number, parse_complaint_number
from .steps import (
    ACTION_STEP,
    NEXT_STEP,
    REQUIRED_BY_STATUS,
    STEP_ACTION,
    StepFacts,
    StepPolicy,
    available_actions,
    check_follow_up,
    check_step,
    may_take_step,
    missing_for_status,
    next_actor_roles,
    next_step,
)

__all__ = [
    "ACTION_STEP",
    "ALLOWED",
    "CS_AGENT",
    "CUSTOMER_MANAGER",
    "DEFAULT_STEP_DEADLINES",
    "FOLLOW_UP_BY_SEVERITY",
    "NEXT_STEP",
    "NUMBER_PREFIX",
    "REQUIRED_BY_STATUS",
    "SATISFACTION_MAX",
    "SATISFACTION_MIN",
    "STEP_ACTION",
    "Action",
    "Channel",
    "ComplaintNumber",
    "ComplaintStatus",
    "Decision",
    "FollowUpMethod",
    "Overdue",
    "SatisfactionRefusal",
    "Severity",
    "StepFacts",
    "StepPolicy",
    "StepRefusal",
    "available_actions",
    "check_follow_up",
    "check_satisfaction",
    "check_step",
    "complaint_number",
    "current_overdue",
    "follow_up_method",
    "investigation_overdue",
    "may_take_step",
    "missing_for_status",
    "next_actor_roles",
    "next_step",
    "overdue_steps",
    "parse_complaint_number",
    "step_due_at",
]
