"""Customer care after signing (CARE-1..5): pure decisions, no ORM and no clock.

- CARE-2: when each care call falls due, from the construction contract's dates and the policy's
  points (anchor + offset in days).
- CARE-3: which customers get a greeting on a day (festival or move-in anniversary), never one
  who declined contact.
- CARE-4: whether a satisfaction score is low enough to alert the customer manager.
- CARE-5: whether a referred contract earns its referrer a reward.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from core.decisions import ALLOWED, Decision


class CareRefusal(StrEnum):
    DATES_OUT_OF_ORDER = "DATES_OUT_OF_ORDER"
    SCORE_OUT_OF_RANGE = "SCORE_OUT_OF_RANGE"
    NO_REFERRER = "NO_REFERRER"
    REFUNDED = "REFUNDED"
    ALREADY_REWARDED = "ALREADY_REWARDED"


def _refuse(reason: CareRefusal, message) -> Decision:
    return Decision(allowed=False, reason=reason, message=str(message))


class Anchor(StrEnum):
    START = "START"  # construction starts (开工)
    MIDWAY = "MIDWAY"  # halfway between start and completion (中期)
    COMPLETION = "COMPLETION"  # completion (竣工)
    WARRANTY_END = "WARRANTY_END"  # the warranty ends (保修到期)


@dataclass(frozen=True)
class ContractDates:
    starts_on: date
    completes_on: date
    warranty_ends_on: date


@dataclass(frozen=True)
class Point:
    key: str  # the policy row's id (or the default's name), kept on the care call
    anchor: Anchor
    offset_days: int


# DOMAIN CARE-2 defaults: start (+7 days, once work has begun), mid-way, completion, one month
# after completion, one month before the warranty ends.
DEFAULT_POINTS = (
    Point("start", Anchor.START, 7),
    Point("midway", Anchor.MIDWAY, 0),
    Point("completion", Anchor.COMPLETION, 0),
    Point("after_completion", Anchor.COMPLETION, 30),
    Point("warranty", Anchor.WARRANTY_END, -30),
)


@dataclass(frozen=True)
class DateDefaults:
    """How a contract's dates are guessed at signing until someone records the real ones."""

    start_after_days: int = 14
    construction_days: int = 90
    warranty_months: int = 24  # China's minimum warranty for renovation work is two years


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def default_dates(signed_on: date, defaults: DateDefaults | None = None) -> ContractDates:
    defaults = defaults or DateDefaults()
    starts = signed_on + timedelta(days=defaults.start_after_days)
    completes = starts + timedelta(days=defaults.construction_days)
    return ContractDates(starts, completes, add_months(completes, defaults.warranty_months))


def check_dates(dates: ContractDates) -> Decision:
    if dates.completes_on < dates.starts_on:
        return _refuse(
            CareRefusal.DATES_OUT_OF_ORDER,
            _("Completion cannot come before the start of construction."),
        )
    if dates.warranty_ends_on < dates.completes_on:
        return _refuse(
            CareRefusal.DATES_OUT_OF_ORDER, _("The warranty cannot end before completion.")
        )
    return ALLOWED


def anchor_day(anchor: Anchor, dates: ContractDates) -> date:
    if anchor == Anchor.START:
        return dates.starts_on
    if anchor == Anchor.MIDWAY:
        return dates.starts_on + (dates.completes_on - dates.starts_on) / 2
    if anchor == Anchor.COMPLETION:
        return dates.completes_on
    return dates.warranty_ends_on


def care_day(point: Point, dates: ContractDates) -> date:
    """CARE-2: the day a care call at `point` falls due for a contract with `dates`."""
    return anchor_day(point.anchor, dates) + timedelta(days=point.offset_days)


def care_schedule(points: tuple[Point, ...], dates: ContractDates) -> dict[str, date]:
    """Every point's due day, by point key."""
    return {point.key: care_day(point, dates) for point in points}


# --- CARE-4 feedback ------------------------------------------------------------------------


DEFAULT_LOW_SCORE = 2  # DOMAIN CARE-4: a score of 2 or less alerts the customer manager


def check_score(score: int) -> Decision:
    if score not in range(1, 6):
        return _refuse(CareRefusal.SCORE_OUT_OF_RANGE, _("Satisfaction is a score from 1 to 5."))
    return ALLOWED


def is_low_score(score: int, threshold: int = DEFAULT_LOW_SCORE) -> bool:
    return score <= threshold


# --- CARE-3 occasions -----------------------------------------------------------------------


class Consent(StrEnum):
    UNKNOWN = "UNKNOWN"
    GRANTED = "GRANTED"
    DECLINED = "DECLINED"


def may_greet(consent: Consent) -> bool:
    """A customer who declined contact is never listed; one never asked is (care is the point)."""
    return consent != Consent.DECLINED


def is_anniversary(move_in: date | None, day: date) -> bool:
    """The move-in day comes round again (a 29 February move-in is remembered on 28 February)."""
    if move_in is None or day.year <= move_in.year:
        return False
    last = monthrange(day.year, move_in.month)[1]
    return (day.month, day.day) == (move_in.month, min(move_in.day, last))


def festival_on(day: date, holidays: dict[date, str]) -> str | None:
    """CARE-3: the festival whose greetings fall on `day` — the first day of a named holiday
    (a seven-day Spring Festival is greeted once), from the holiday calendar `{day: name}`."""
    name = holidays.get(day, "").strip()
    if not name or holidays.get(day - timedelta(days=1), "").strip() == name:
        return None
    return name


@dataclass(frozen=True)
class Customer:
    """One customer as the greeting list sees them (their latest lead, profile if any)."""

    phone: str
    name: str
    lead_id: int
    consent: Consent = Consent.UNKNOWN
    moved_in_on: date | None = None
    signed: bool = False  # a customer with a contract gets festival greetings


@dataclass(frozen=True)
class GreetingItem:
    occasion: str  # FESTIVAL or ANNIVERSARY
    label: str
    customer: Customer


def greetings_for(
    day: date, festival: str | None, customers: list[Customer], anniversary_label: str
) -> list[GreetingItem]:
    """CARE-3: who is greeted on `day` and why; one who declined contact never is."""
    items = []
    for customer in customers:
        if not may_greet(customer.consent):
            continue
        if festival and customer.signed:
            items.append(GreetingItem("FESTIVAL", festival, customer))
        if is_anniversary(customer.moved_in_on, day):
            items.append(GreetingItem("ANNIVERSARY", anniversary_label, customer))
    return items


# --- CARE-5 referrals -----------------------------------------------------------------------


def check_reward(
    *, contract_refunded: bool, already_rewarded: bool, has_referrer: bool
) -> Decision:
    """A referred contract earns its referrer one reward; not a refunded one, not twice."""
    if not has_referrer:
        return _refuse(CareRefusal.NO_REFERRER, _("This lead names no referring customer."))
    if contract_refunded:
        return _refuse(CareRefusal.REFUNDED, _("A refunded contract earns no referral reward."))
    if already_rewarded:
        return _refuse(
            CareRefusal.ALREADY_REWARDED,
            _("The referral reward for this contract is already recorded."),
        )
    return ALLOWED
