"""Shared vocabulary of the complaint rules: statuses, channels, severities and decisions."""

from __future__ import annotations

from enum import StrEnum

# Role codes from DOMAIN's staff table; StrEnum roles from the staff app compare equal to these.
CS_AGENT = "CS_AGENT"
CUSTOMER_MANAGER = "CUSTOMER_MANAGER"


class ComplaintStatus(StrEnum):
    """CMP-7: the one path a complaint walks, in order."""

    REGISTERED = "REGISTERED"
    INVESTIGATED = "INVESTIGATED"
    DECIDED = "DECIDED"
    HANDLED = "HANDLED"
    REPLIED = "REPLIED"
    CLOSED = "CLOSED"


class Channel(StrEnum):
    """CMP-1: every channel a complaint can arrive through."""

    LETTER = "LETTER"
    PHONE = "PHONE"
    FAX = "FAX"
    IN_PERSON = "IN_PERSON"
    ONLINE = "ONLINE"


class Severity(StrEnum):
    MINOR = "MINOR"
    MAJOR = "MAJOR"


class FollowUpMethod(StrEnum):
    PHONE = "PHONE"
    ON_SITE = "ON_SITE"


class StepRefusal(StrEnum):
    ALREADY_CLOSED = "ALREADY_CLOSED"
    NOT_NEXT_STEP = "NOT_NEXT_STEP"
    ROLE_NOT_ALLOWED = "ROLE_NOT_ALLOWED"
    NO_REPLY = "NO_REPLY"
    NO_FOLLOW_UP = "NO_FOLLOW_UP"
    NOT_REPLIED_YET = "NOT_REPLIED_YET"
    ALREADY_FOLLOWED_UP = "ALREADY_FOLLOWED_UP"


class Action(StrEnum):
    """What a person can do on a complaint's page; each step has one, plus the follow-up."""

    INVESTIGATE = "investigate"
    DECIDE = "decide"
    HANDLE = "handle"
    REPLY = "reply"
    FOLLOW_UP = "follow-up"
    CLOSE = "close"


class SatisfactionRefusal(StrEnum):
    OUT_OF_RANGE = "OUT_OF_RANGE"
