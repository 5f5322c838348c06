"""Every state change of complaints, by topic (registration, the workflow steps, escalation).

Views and tasks import from here: `from complaints import services`.
"""

from .errors import ComplaintError
from .escalation import escalate_overdue
from .registration import bump_counter, next_number, register_complaint
from .workflow import (
    close_complaint,
    decide_complaint,
    record_follow_up,
    record_handling,
    record_investigation,
    record_reply,
)

__all__ = [
    "ComplaintError",
    "bump_counter",
    "close_complaint",
    "decide_complaint",
    "escalate_overdue",
    "next_number",
    "record_follow_up",
    "record_handling",
    "record_investigation",
    "record_reply",
    "register_complaint",
]
