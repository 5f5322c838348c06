"""CMP-2: the register number, TS2026-0001, gapless per year (the services keep it gapless)."""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_PREFIX = "TS"
_NUMBER_RE = re.compile(r"^(?P<prefix>[A-Z]+)(?P<year>\d{4})-(?P<seq>\d{4,})$")


@dataclass(frozen=True)
class ComplaintNumber:
    year: int
    seq: int


def complaint_number(year: int, seq: int, prefix: str = NUMBER_PREFIX) -> str:
    """The register number: TS2026-0001; at least four digits, more once past 9999."""
    if not 1000 <= year <= 9999:
        raise ValueError(f"year must have four digits, got {year}")
    if seq < 1:
        raise ValueError(f"sequence starts at 1, got {seq}")
    return f"{prefix}{year}-{seq:04d}"


def parse_complaint_number(text: str, prefix: str = NUMBER_PREFIX) -> ComplaintNumber:
    """Read a register number back; only the canonical spelling is accepted."""
    match = _NUMBER_RE.match(text.strip())
    if not match or match["prefix"] != prefix:
        raise ValueError(f"not a complaint number: {text!r}")
    number = ComplaintNumber(year=int(match["year"]), seq=int(match["seq"]))
    if complaint_number(number.year, number.seq, prefix) != text.strip():
        raise ValueError(f"not a canonical complaint number: {text!r}")  # e.g. TS2026-00001
    return number
