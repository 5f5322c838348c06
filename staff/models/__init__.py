"""Staff tables by topic; import them from `staff.models`."""

from .faults import Fault, FaultType
from .instructions import InstructionRequest, InstructionStep, ReportKind, ReportStatus, StepKind
from .lists import ColumnPreset, ExportRecord, ImportKind, SavedView
from .notifications import EmailStatus, Notification
from .people import Delegation, Department, DesignerTier, Role, Staff, StaffManager

# isort: split
# The outbox tables (SEC-9) live in staff.outbound; importing them here registers them.
from ..outbound import models as outbound_models  # noqa: F401

__all__ = [
    "ColumnPreset",
    "Delegation",
    "Department",
    "DesignerTier",
    "EmailStatus",
    "ExportRecord",
    "Fault",
    "FaultType",
    "ImportKind",
    "InstructionRequest",
    "InstructionStep",
    "Notification",
    "ReportKind",
    "ReportStatus",
    "Role",
    "SavedView",
    "Staff",
    "StaffManager",
    "StepKind",
]
