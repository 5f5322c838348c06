"""Turning the columns of a file a device wrote into ours (issue 19). Pure: no database.

`map_columns` renames a file's headers by a preset's mapping (or by the built-in bilingual
aliases), dropping the columns mapped to "". `group_punches` turns a ZKTeco-style file, one punch
per row, into one row per person and day: the first punch is the clock-in, the last the clock-out
(a single punch is a clock-in with no clock-out). A punch that is not a time is reported by its
row number (the header is row 1, as import-export counts from 1 for the first data row, so the
first data row is row 1 here too).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

PUNCH_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
)


def header_key(header) -> str:
    """A header as compared: trimmed, English in lower case ('Employee No' -> 'employee no')."""
    return " ".join(str(header or "").split()).lower()


def map_columns(headers: Sequence, mapping: Mapping[str, str]) -> list[str]:
    """Our name for each of the file's headers; "" for a column to ignore. A header the mapping
    does not know is kept (trimmed), so English files and our own columns still work."""
    keyed = {header_key(k): v for k, v in mapping.items()}
    names = []
    for header in headers:
        key = header_key(header)
        names.append(keyed[key] if key in keyed else str(header or "").strip())
    return names


def parse_punch(value, date_format: str = "") -> datetime:
    """A punch time as written (text, or an Excel datetime); ValueError when it is not one."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0)
    text = " ".join(str(value or "").split())
    formats = (date_format, *PUNCH_FORMATS) if date_format else PUNCH_FORMATS
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt)  # noqa: DTZ007 - Beijing wall time, by design
        except ValueError:
            continue
    raise ValueError(text)


def group_punches(
    rows: Sequence[Mapping], date_format: str = ""
) -> tuple[list[dict], list[tuple[int, str]]]:
    """One punch per row -> {employee_no, date, clock_in, clock_out} per person and day.

    Returns (rows, problems); a problem is (row number, the text that was not a time).
    """
    days: dict[tuple[str, str], list[datetime]] = {}
    problems: list[tuple[int, str]] = []
    for number, row in enumerate(rows, start=1):
        employee = _employee_text(row.get("employee_no"))
        if not employee and not str(row.get("punch") or "").strip():
            continue  # a blank line
        try:
            punch = parse_punch(row.get("punch"), date_format)
        except ValueError as exc:
            problems.append((number, str(exc)))
            continue
        days.setdefault((employee, punch.date().isoformat()), []).append(punch)
    grouped = []
    for (employee, day), punches in sorted(days.items()):
        first, last = min(punches), max(punches)
        grouped.append(
            {
                "employee_no": employee,
                "date": day,
                "clock_in": f"{first:%H:%M}",
                "clock_out": f"{last:%H:%M}" if last > first else "",
            }
        )
    return grouped, problems


def _employee_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 1001 as 1001.0
    return str(value if value is not None else "").strip()
