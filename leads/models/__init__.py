"""Customer leads (客户来单): the lead, its timeline, ownership, slips, filings, phone lists, and
the lifecycle after dispatch (measurement, contracts, closures, callbacks, commission).

Workflows live in leads.services; these modules hold rows, constraints and indexes only.
"""

from .commission import (
    CommissionEntry,
    CommissionMonth,
    CommissionRule,
    EntryKind,
    VoidReason,
)
from .config import ClaimPolicy, SizeThreshold
from .filing import DailyFiling, FilingEntry, FilingOutcome, FilingStatus
from .lead import OPEN_STATES, Channel, Lead, LeadEvent, LeadState, SizeClass
from .lifecycle import (
    OPEN_CALLBACK,
    Callback,
    CallbackKind,
    CallbackPolicy,
    Closure,
    ClosureKind,
    ClosureReason,
    ClosureStatus,
    Contract,
    ContractType,
    Measurement,
)
from .ownership import (
    ClaimBasis,
    ClaimSource,
    DecidedBy,
    OwnershipClaim,
    OwnershipRuling,
    PrivateContactFinding,
    RulingKind,
)
from .phone_lists import PhoneList, PhoneListEntry
from .slips import SlipSignature, SlipStep, TransferSlip

__all__ = [
    "OPEN_CALLBACK",
    "OPEN_STATES",
    "Callback",
    "CallbackKind",
    "CallbackPolicy",
    "Closure",
    "ClosureKind",
    "ClosureReason",
    "ClosureStatus",
    "CommissionEntry",
    "CommissionMonth",
    "CommissionRule",
    "Contract",
    "ContractType",
    "EntryKind",
    "Measurement",
    "VoidReason",
    "ClaimBasis",
    "ClaimPolicy",
    "ClaimSource",
    "DailyFiling",
    "DecidedBy",
    "FilingEntry",
    "FilingOutcome",
    "FilingStatus",
    "OwnershipClaim",
    "OwnershipRuling",
    "PhoneList",
    "PhoneListEntry",
    "PrivateContactFinding",
    "RulingKind",
    "SizeThreshold",
    "Channel",
    "Lead",
    "LeadEvent",
    "LeadState",
    "SizeClass",
    "SlipSignature",
    "SlipStep",
    "TransferSlip",
]
