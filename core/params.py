"""Reading query parameters by hand, safely: a bad value is ignored (the default), never a 500.

Forms remain the way to read a filter; these helpers are for the few single values views take
from ``request.GET``/``request.POST`` directly (an agent id, a tab, a year). Integers are kept
within the database's integer range and dates within a window the pages can compute around
(a month or a week either side), so an extreme value cannot overflow later either.
"""

from collections.abc import Iterable
from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import HttpRequest, QueryDict

INT_MIN = -(2**31)
INT_MAX = 2**31 - 1
# Any page may step a month or a year either side of a date it is given.
FIRST_YEAR = 1900
LAST_YEAR = 2999
# For a filter form's DateField: validators=SENSIBLE_DATE (Django's own, translated messages).
SENSIBLE_DATE = [
    MinValueValidator(date(FIRST_YEAR, 1, 1)),
    MaxValueValidator(date(LAST_YEAR, 12, 31)),
]


def to_int(value, default=None, *, minimum: int = INT_MIN, maximum: int = INT_MAX):
    """int(value) when it is a plain decimal within [minimum, maximum]; the default otherwise."""
    text = str(value).strip() if value is not None else ""
    digits = text[1:] if text[:1] in "+-" else text
    # str.isdigit() accepts "²" and other digits int() refuses; keep to ASCII digits.
    if not digits or not digits.isascii() or not digits.isdigit() or len(digits) > 12:
        return default
    number = int(text)
    return number if minimum <= number <= maximum else default


def to_date(value, default=None):
    """An ISO date (2026-03-05) within the sensible years; the default otherwise."""
    try:
        day = date.fromisoformat(str(value).strip())
    except (TypeError, ValueError):
        return default
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else default


def to_month(value, default=None):
    """'2026-03' -> date(2026, 3, 1) within the sensible years; the default otherwise."""
    text = str(value).strip() if value is not None else ""
    year, dash, month = text.partition("-")
    year_n, month_n = to_int(year), to_int(month, minimum=1, maximum=12)
    if not dash or year_n is None or month_n is None or len(year) != 4:
        return default
    return date(year_n, month_n, 1) if FIRST_YEAR <= year_n <= LAST_YEAR else default


def _data(request: HttpRequest, source: str) -> QueryDict:
    return request.POST if source == "POST" else request.GET


def int_param(request: HttpRequest, name: str, default=None, *, source: str = "GET", **bounds):
    """An integer parameter (an id, a year); missing or bad -> default."""
    return to_int(_data(request, source).get(name), default, **bounds)


def date_param(request: HttpRequest, name: str, default=None, *, source: str = "GET"):
    """An ISO date parameter; missing or bad -> default."""
    return to_date(_data(request, source).get(name), default)


def month_param(request: HttpRequest, name: str, default=None, *, source: str = "GET"):
    """A YYYY-MM parameter as the month's first day; missing or bad -> default."""
    return to_month(_data(request, source).get(name), default)


def choice_param(
    request: HttpRequest, name: str, choices: Iterable[str], default="", *, source: str = "GET"
) -> str:
    """A parameter that must be one of choices (a tab, a status, a job); else the default."""
    value = _data(request, source).get(name, default)
    return value if value in set(choices) else default
