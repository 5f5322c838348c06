"""Customer leads (客户来单): the lead, its timeline, ownership, slips, filings and phone lists.

Workflows live in leads.services; these modules hold rows, constraints and indexes only.
"""

from .config import ClaimPolicy, ExportRecord, SizeThreshold
from .filing import DailyFiling, FilingEntry, FilingOutcome, FilingStatus
from .lead import OPEN_STATES, Channel, Lead, LeadEvent, LeadState, SizeClass
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
    "OPEN_STATES",
    "ClaimBasis",
    "ClaimPolicy",
    "ClaimSource",
    "DailyFiling",
    "DecidedBy",
    "ExportRecord",
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
