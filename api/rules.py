"""Pure decisions of the API: no ORM, no clock (time is an argument)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import date, datetime, time

MAX_BATCH = 1_000
NOON = time(12, 0)


def ip_allowed(address: str, networks: list[str]) -> bool:
    """An empty allow-list allows everyone; otherwise the address must be in one network."""
    if not networks:
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for network in networks:
        try:
            if ip in ipaddress.ip_network(network, strict=False):
                return True
        except ValueError:
            continue
    return False


def month_start(text: str) -> date:
    """'2026-05' (or '2026-05-20') -> 2026-05-01; ValueError when not a month."""
    text = (text or "").strip()
    parts = text.split("-")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        raise ValueError(text)
    return date(int(parts[0]), int(parts[1]), 1)


@dataclass(frozen=True)
class Progress:
    """What a client may know about its lead: the stage and the dates, nothing about people."""

    status: str
    registered_on: date
    dispatched_on: date | None = None
    measured_on: date | None = None
    signed_on: date | None = None
    closed_on: date | None = None


def progress(
    *,
    state: str,
    registered_on: date,
    dispatched_on: date | None,
    measured_on: date | None,
    signed_on: date | None,
    closed_on: date | None,
) -> Progress:
    """The furthest stage reached; a closed lead (invalid or dead) is 'closed'."""
    if state in ("INVALID", "DEAD"):
        status = "closed"
    elif signed_on:
        status = "signed"
    elif measured_on:
        status = "measured"
    elif dispatched_on:
        status = "dispatched"
    else:
        status = "registered"
    return Progress(status, registered_on, dispatched_on, measured_on, signed_on, closed_on)


def fold_punches(
    clock_in: datetime | None, clock_out: datetime | None, punches: list[datetime]
) -> tuple[datetime | None, datetime | None]:
    """A day's clock-in and clock-out from the stored times and new punches (local times).

    The earliest time is the clock-in and the latest the clock-out; a lone punch is a clock-in
    before noon and a clock-out after. Re-sending the same punches changes nothing.
    """
    times = sorted({t for t in (clock_in, clock_out, *punches) if t is not None})
    if not times:
        return None, None
    if len(times) == 1:
        only = times[0]
        return (only, None) if only.time() < NOON else (None, only)
    return times[0], times[-1]
