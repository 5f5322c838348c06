"""Staff state changes by topic, one transaction per operation: `from staff import services`."""

from .delegations import (
    DelegationError,
    concerned_by,
    end_delegation,
    may_delegate_for,
    name_delegate,
)
from .faults import FaultError, may_record_faults, record_fault, withdraw_fault
from .notifications import (
    mark_all_read,
    mark_read,
    notify,
    notify_many,
    resolve_todos,
    write_notification,
)
from .reports import ReportError, file_report, forward_report, give_instruction, record_execution

__all__ = [
    "DelegationError",
    "FaultError",
    "ReportError",
    "concerned_by",
    "end_delegation",
    "file_report",
    "forward_report",
    "give_instruction",
    "mark_all_read",
    "mark_read",
    "may_delegate_for",
    "may_record_faults",
    "name_delegate",
    "notify",
    "notify_many",
    "record_execution",
    "record_fault",
    "resolve_todos",
    "withdraw_fault",
    "write_notification",
]
