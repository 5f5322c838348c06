"""Lead intake decisions: size class (LEAD-4), duplicates (LEAD-2), completeness (LEAD-1),
marketing phone lists and marketing credit (LEAD-5). Pure: plain values in, plain values out."""

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from core.decisions import Decision
from staff.phones import InvalidPhone, normalize_phone

# --- LEAD-4 size class -------------------------------------------------------------------------


class SizeClass(StrEnum):
    SMALL = "SMALL"
    MEDIUM = "MEDIUM"
    LARGE = "LARGE"


@dataclass(frozen=True)
class SizeThresholds:
    """Budget from which a lead is medium / large (DOMAIN defaults: 30,000 and 50,000 CNY)."""

    medium_from: Decimal = Decimal(30000)
    large_from: Decimal = Decimal(50000)

    def __post_init__(self) -> None:
        if not Decimal(0) < self.medium_from < self.large_from:
            raise ValueError("Size thresholds must satisfy 0 < medium_from < large_from.")


def size_class(budget: Decimal, thresholds: SizeThresholds = SizeThresholds()) -> SizeClass:
    """SMALL below medium_from, LARGE from large_from, MEDIUM in between (bounds inclusive)."""
    if budget < 0:
        raise ValueError("A budget cannot be negative.")
    if budget >= thresholds.large_from:
        return SizeClass.LARGE
    if budget >= thresholds.medium_from:
        return SizeClass.MEDIUM
    return SizeClass.SMALL


# --- LEAD-2 duplicate detection ----------------------------------------------------------------

# Words that only separate the numbers of an address: 号楼/栋/幢/座 (building), 单元/门 (unit),
# 室/号 (room), and punctuation. Longest first so 号楼 goes before 号. 楼 alone is NOT here: "3楼"
# may mean the third floor, and a false match would merge two customers' leads.
ADDRESS_SEPARATORS = ("号楼", "单元", "号院", "栋", "幢", "座", "门", "室", "号", "#")
ADDRESS_TOKEN_RE = re.compile(r"[0-9a-z]+|[^\W\d_a-z]+")


def normalize_address(community: str, building: str) -> str:
    """A comparison key for community + building/unit/room, or "" when either part is missing.

    Conservative by design: full-width to half-width, lowercase, spaces removed, separator words
    and punctuation dropped, and the remaining runs of letters/digits or of Chinese text joined
    by "-". So
    "阳光小区 3号楼2单元501", "阳光小区3-2-501" and "阳光小区 3#2单元501室" all give
    "阳光小区-3-2-501". Chinese numerals, floors (楼/层) and abbreviations are not interpreted.
    An empty key never matches anything: a community alone does not identify a customer.
    """
    community_tokens = _address_tokens(community)
    building_tokens = _address_tokens(building)
    if not community_tokens or not building_tokens:
        return ""
    return "-".join(community_tokens + building_tokens)


def _address_tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = re.sub(r"\s+", "", text)  # "阳光 小区" is 阳光小区; spaces are not separators
    for separator in ADDRESS_SEPARATORS:
        text = text.replace(separator, " ")
    return ADDRESS_TOKEN_RE.findall(text)


class MatchField(StrEnum):
    PHONE = "PHONE"
    ADDRESS = "ADDRESS"


@dataclass(frozen=True)
class OpenLeadSnapshot:
    """An open lead as duplicate detection sees it: normalized phone and address key."""

    id: int
    phone: str
    address_key: str


@dataclass(frozen=True)
class DuplicateMatch:
    lead_id: int
    matched_on: MatchField


def find_duplicate(
    phone: str, address_key: str, open_leads: Iterable[OpenLeadSnapshot]
) -> DuplicateMatch | None:
    """The open lead a new intake belongs to, if any (LEAD-2).

    Both sides must be normalized (normalize_phone / normalize_address). A phone match wins over
    an address match; among several matches on the same field the oldest (lowest id) wins.
    Blank values never match.
    """
    leads = sorted(open_leads, key=lambda lead: lead.id)
    if phone:
        for lead in leads:
            if lead.phone == phone:
                return DuplicateMatch(lead_id=lead.id, matched_on=MatchField.PHONE)
    if address_key:
        for lead in leads:
            if lead.address_key == address_key:
                return DuplicateMatch(lead_id=lead.id, matched_on=MatchField.ADDRESS)
    return None


# --- LEAD-1 completeness -----------------------------------------------------------------------


class DetailField(StrEnum):
    NAME = "NAME"
    PHONE = "PHONE"
    ADDRESS = "ADDRESS"
    AREA = "AREA"


def missing_details(name: str, phone: str, address: str, area: Decimal | None) -> list[DetailField]:
    """Which of the complete details (name, valid phone, address, area > 0) are missing.

    These four make a first-contact claim valid (ATTR-2/ATTR-4); an invalid phone counts as
    missing because nobody can call it.
    """
    missing = []
    if not (name or "").strip():
        missing.append(DetailField.NAME)
    if not _phone_is_valid(phone):
        missing.append(DetailField.PHONE)
    if not (address or "").strip():
        missing.append(DetailField.ADDRESS)
    if area is None or area <= 0:
        missing.append(DetailField.AREA)
    return missing


def _phone_is_valid(phone: str) -> bool:
    try:
        normalize_phone(phone)
    except InvalidPhone:
        return False
    return True


# --- LEAD-5 marketing phone lists and credit ---------------------------------------------------


class PhoneListStatus(StrEnum):
    NEW = "NEW"
    VISITED = "VISITED"  # 已入店
    SIGNED = "SIGNED"  # 已签单


def phone_list_status(
    phone: str, visited_phones: Collection[str], signed_phones: Collection[str]
) -> PhoneListStatus:
    """Mark a number of an imported list so it is not called again; signed outranks visited.

    All numbers must be normalized by the caller (pass sets for speed)."""
    if phone in signed_phones:
        return PhoneListStatus.SIGNED
    if phone in visited_phones:
        return PhoneListStatus.VISITED
    return PhoneListStatus.NEW


class CreditReason(StrEnum):
    FILED_BEFORE_VISIT = "FILED_BEFORE_VISIT"
    NO_VISIT_YET = "NO_VISIT_YET"
    FILED_AFTER_VISIT = "FILED_AFTER_VISIT"


CREDIT_MESSAGES = {
    CreditReason.FILED_BEFORE_VISIT: _("Filed with the department before the first visit."),
    CreditReason.NO_VISIT_YET: _("Filed before any visit: the customer has not come in yet."),
    CreditReason.FILED_AFTER_VISIT: _(
        "Not a marketing lead: it was filed only after the customer's first visit."
    ),
}


def _credit(allowed: bool, reason: CreditReason) -> Decision:
    return Decision(allowed=allowed, reason=reason, message=CREDIT_MESSAGES[reason])


def marketing_credit(filed_at: datetime, first_visit_at: datetime | None) -> Decision:
    """A marketing lead counts as marketing's only if filed strictly before the first visit."""
    if first_visit_at is None:
        return _credit(True, CreditReason.NO_VISIT_YET)
    if filed_at < first_visit_at:
        return _credit(True, CreditReason.FILED_BEFORE_VISIT)
    return _credit(False, CreditReason.FILED_AFTER_VISIT)
