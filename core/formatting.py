"""How numbers and dates are written everywhere (UI.md "Numbers, dates, names"): pure functions,
so templates, charts and Excel share one rule and tests need no template engine.

Money ¥1,234.56 (whole-yuan fields ¥25,000), counts 1,234, percentages 33.3%, dates 2026-12-07,
times 09:56 in Beijing time. An empty value is written as an en dash."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

EMPTY = "–"
BEIJING = ZoneInfo("Asia/Shanghai")
CENT = Decimal("0.01")


def to_decimal(value) -> Decimal | None:
    """A number from an int, float, Decimal or numeric string; None when it is not one."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


def money_cents(value) -> Decimal | None:
    """The amount rounded half-up to the fen: what a pay query should hand to a page."""
    number = to_decimal(value)
    return None if number is None else number.quantize(CENT, rounding=ROUND_HALF_UP)


def _grouped(number: Decimal, places: int) -> str:
    quantum = Decimal(1).scaleb(-places)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never "-0.00"
    return f"{rounded:,.{places}f}"


def yuan(value, whole: bool = False) -> str:
    """¥1,234.56; with whole=True (whole-yuan fields such as budgets, salaries set in yuan)
    ¥25,000. Negative amounts keep their sign in front: -¥402.87."""
    number = to_decimal(value)
    if number is None:
        return EMPTY
    text = _grouped(abs(number), 0 if whole else 2)
    sign = "-" if number < 0 and text.strip("0.,") else ""
    return f"{sign}¥{text}"


def amount(value, places: int = 2) -> str:
    """1,234.56 without the currency sign (table columns already headed "(CNY)", Excel)."""
    number = to_decimal(value)
    return EMPTY if number is None else _grouped(number, places)


def count(value) -> str:
    """1,234: a whole number with thousands separators."""
    number = to_decimal(value)
    return EMPTY if number is None else _grouped(number, 0)


def decimal(value, places: int = 1) -> str:
    """A measured quantity (days, hours, scores) with a fixed number of places: 1,234.5."""
    number = to_decimal(value)
    return EMPTY if number is None else _grouped(number, places)


def percent(value, ratio: bool = False) -> str:
    """33.3%: one decimal. The value is in percent already unless ratio=True (0.333 -> 33.3%)."""
    number = to_decimal(value)
    if number is None:
        return EMPTY
    if ratio:
        number *= 100
    return f"{_grouped(number, 1)}%"


def _local(value: datetime) -> datetime:
    return value.astimezone(BEIJING) if value.tzinfo else value


def day(value) -> str:
    """2026-12-07; an aware datetime is read in Beijing time first."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, datetime):
        value = _local(value).date()
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    return str(value)


def clock(value) -> str:
    """09:56 in Beijing time."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, datetime):
        value = _local(value).time()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def moment(value) -> str:
    """2026-12-07 09:56 in Beijing time."""
    if not isinstance(value, datetime):
        return day(value)
    local = _local(value)
    return f"{local:%Y-%m-%d %H:%M}"
