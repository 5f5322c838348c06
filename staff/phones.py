"""Chinese phone numbers: one normal form, so duplicates are found and numbers can be masked.

Normal forms:
- mobile: 11 digits starting 1[3-9], e.g. ``13812345678``;
- landline: area code, local number and optional extension joined by ``-``,
  e.g. ``010-62345678`` or ``0755-2345678-123``.

Area codes are ``010``, ``020``-``029`` (three digits) or ``0`` followed by three digits starting
3-9 (four digits). Local numbers have 7 or 8 digits and never start with 0 or 1.
Pure helpers: no database, no settings (messages are lazy, so nothing is translated until shown).
"""

import re
import unicodedata
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class PhoneError(StrEnum):
    EMPTY = "EMPTY"
    NEEDS_AREA_CODE = "NEEDS_AREA_CODE"
    BAD_MOBILE = "BAD_MOBILE"
    BAD_LANDLINE = "BAD_LANDLINE"
    UNRECOGNISED = "UNRECOGNISED"


PHONE_ERROR_MESSAGES = {
    PhoneError.EMPTY: _("Please enter a phone number."),
    PhoneError.NEEDS_AREA_CODE: _(
        "A landline number needs its area code, e.g. 010-62345678 or 0755-2345678."
    ),
    PhoneError.BAD_MOBILE: _("A mobile number has 11 digits and starts with 13-19."),
    PhoneError.BAD_LANDLINE: _(
        "This landline number is not valid: after the area code the local number has 7 or 8 "
        "digits and does not start with 0 or 1."
    ),
    PhoneError.UNRECOGNISED: _(
        "This is neither a Chinese mobile number (11 digits) nor a landline with area code."
    ),
}


class InvalidPhone(ValueError):
    """Raised with a reason code and a message a person can read."""

    def __init__(self, reason: PhoneError, raw: str = "") -> None:
        super().__init__(PHONE_ERROR_MESSAGES[reason])
        self.reason = reason
        self.raw = raw

    @property
    def message(self) -> str:
        return PHONE_ERROR_MESSAGES[self.reason]


MOBILE_RE = re.compile(r"1[3-9]\d{9}")
LANDLINE_RE = re.compile(r"(010|02\d|0[3-9]\d{2})([2-9]\d{6,7})")
AREA_CODE_RE = re.compile(r"0(10|2\d|[3-9]\d{2})")
NORMAL_LANDLINE_RE = re.compile(r"(0\d{2,3})-(\d{7,8})(?:-(\d{1,6}))?")
# An explicit extension marker: 转 (transfer), ext, ext., x, 分机.
EXTENSION_RE = re.compile(r"(?:转|分机|ext\.?|x)\s*(\d{1,6})$", re.IGNORECASE)
SEPARATORS_RE = re.compile(r"[\s.()\[\]/]")
DASHES_RE = re.compile(r"[‐‑‒–—―−]")
COUNTRY_PREFIX_RE = re.compile(r"^(?:\+86|0086)-?")


def normalize_phone(raw: str) -> str:
    """Return the normal form of a Chinese mobile or landline number, or raise InvalidPhone."""
    text = _clean(raw)
    if not text:
        raise InvalidPhone(PhoneError.EMPTY, raw)
    text, extension = _split_explicit_extension(text)
    international = bool(COUNTRY_PREFIX_RE.match(text))
    text = COUNTRY_PREFIX_RE.sub("", text)
    if not re.fullmatch(r"[\d-]+", text):
        raise InvalidPhone(PhoneError.UNRECOGNISED, raw)
    if international and not re.match(r"0|1[3-9]", text):
        text = "0" + text  # +86 10 62345678 drops the trunk 0 of the area code
    mobile = _as_mobile(text.replace("-", ""), international)
    if mobile and not extension:
        return mobile
    return _as_landline(text, extension, raw)


def _clean(raw: str) -> str:
    """Full-width to half-width, one kind of dash, no spaces, dots or brackets."""
    text = unicodedata.normalize("NFKC", raw or "").strip()
    text = DASHES_RE.sub("-", text)
    return SEPARATORS_RE.sub("", text)


def _split_explicit_extension(text: str) -> tuple[str, str]:
    match = EXTENSION_RE.search(text)
    if not match:
        return text, ""
    return text[: match.start()].rstrip("-"), match.group(1)


def _as_mobile(digits: str, international: bool) -> str:
    """Mobile digits without country or trunk prefix, or "" when these are not a mobile."""
    if not international and len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    elif len(digits) == 12 and digits.startswith("01") and digits[2] != "0":
        digits = digits[1:]  # trunk 0 dialled before a mobile from a landline (01x is not an area)
    return digits if MOBILE_RE.fullmatch(digits) else ""


def _as_landline(text: str, extension: str, raw: str) -> str:
    digits = text.replace("-", "")
    match = LANDLINE_RE.fullmatch(digits)
    if match is None and not extension and "-" in text:
        head, _sep, tail = text.rpartition("-")  # 010-62345678-123: trailing group is the extension
        match = LANDLINE_RE.fullmatch(head.replace("-", ""))
        extension = tail if match and len(tail) <= 6 else ""
        match = match if extension else None
    if match is None:
        raise InvalidPhone(_landline_error(digits), raw)
    number = f"{match.group(1)}-{match.group(2)}"
    return f"{number}-{extension}" if extension else number


def _landline_error(digits: str) -> PhoneError:
    if digits.startswith("1"):
        return PhoneError.BAD_MOBILE
    if not digits.startswith("0"):
        return PhoneError.NEEDS_AREA_CODE if len(digits) in (7, 8) else PhoneError.UNRECOGNISED
    return PhoneError.BAD_LANDLINE if AREA_CODE_RE.match(digits) else PhoneError.UNRECOGNISED


def is_mobile(phone: str) -> bool:
    """True for a valid Chinese mobile number (normalized or not)."""
    try:
        return MOBILE_RE.fullmatch(normalize_phone(phone)) is not None
    except InvalidPhone:
        return False


def mask_phone(phone: str) -> str:
    """Hide all but the last 4 digits of the subscriber number (SEC-1).

    Mobile ``138****5678``; landline ``010-****5678`` (area code and extension stay visible);
    anything else keeps only its last 4 characters.
    """
    phone = (phone or "").strip()
    if MOBILE_RE.fullmatch(phone):
        return f"{phone[:3]}****{phone[-4:]}"
    landline = NORMAL_LANDLINE_RE.fullmatch(phone)
    if landline:
        area, local, extension = landline.groups()
        masked = f"{area}-{_mask_tail(local)}"
        return f"{masked}-{extension}" if extension else masked
    return _mask_tail(phone)


def _mask_tail(text: str) -> str:
    if len(text) <= 4:
        return "*" * len(text)
    return "*" * (len(text) - 4) + text[-4:]
