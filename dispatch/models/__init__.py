"""Dispatch (派单): the managers' configuration (tiers, caps, seasons, champions), the assignment
rows that record every dispatch and the quality gate's holds. Decisions live in `dispatch.rules`,
changes in `dispatch.services`; import the tables from `dispatch.models`.
"""

from .assignments import Assignment, DeclineReason, Skip
from .config import CAP_FIELDS, CapacityRule, Champion, SeasonKind, SeasonPeriod, TierRule
from .quality import QualityHold, QualityPolicy

__all__ = [
    "CAP_FIELDS",
    "Assignment",
    "CapacityRule",
    "Champion",
    "DeclineReason",
    "QualityHold",
    "QualityPolicy",
    "SeasonKind",
    "SeasonPeriod",
    "Skip",
    "TierRule",
]
