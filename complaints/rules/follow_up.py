"""CMP-6: the follow-up visit, by phone for minor complaints and on site for major ones."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from django.utils.translation import gettext_lazy as _

from core.decisions import ALLOWED, Decision

from .base import FollowUpMethod, SatisfactionRefusal, Severity

FOLLOW_UP_BY_SEVERITY: Mapping[Severity, FollowUpMethod] = MappingProxyType(
    {Severity.MINOR: FollowUpMethod.PHONE, Severity.MAJOR: FollowUpMethod.ON_SITE}
)
SATISFACTION_MIN = 1
SATISFACTION_MAX = 5


def follow_up_method(severity: Severity) -> FollowUpMethod:
    """Minor complaints are followed up by phone, major ones on site."""
    return FOLLOW_UP_BY_SEVERITY[severity]


def check_satisfaction(score: int) -> Decision:
    """A satisfaction score is a whole number from 1 to 5."""
    if isinstance(score, bool) or not isinstance(score, int):
        return Decision(False, SatisfactionRefusal.OUT_OF_RANGE, _("Choose a score from 1 to 5."))
    if not SATISFACTION_MIN <= score <= SATISFACTION_MAX:
        return Decision(False, SatisfactionRefusal.OUT_OF_RANGE, _("Choose a score from 1 to 5."))
    return ALLOWED
