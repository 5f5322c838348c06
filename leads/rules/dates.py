"""Sensible windows for the dates people type on leads (issue 8: 1900, 2099 and 9999 were taken).

- Consultation (registration) date: not in the future, at most a year back. The archive claim's
  own, shorter backdate limit (ATTR-4, 7 days, configurable) and the daily filing's stay where
  they are: this window only keeps out dates no one can mean.
- Planned decoration date: from a year back to five years ahead, whole months.
- Measurement and contract signing: not in the future (LIFE-1/LIFE-2 say so too, with the same
  words), at most a year back.
Pure: the day is an argument, no ORM.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class DateWindow:
    earliest: date
    latest: date
    by_month: bool = False  # shown and bounded as whole months (YYYY-MM)

    def shown(self) -> dict[str, str]:
        fmt = "%Y-%m" if self.by_month else "%Y-%m-%d"
        return {"earliest": self.earliest.strftime(fmt), "latest": self.latest.strftime(fmt)}


def _months_from(day: date, months: int) -> date:
    """The first day of the month `months` away from day's month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(day: date) -> date:
    return date.fromordinal(_months_from(day, 1).toordinal() - 1)


def _years_back(today: date, years: int = 1) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def date_window(field: str, today: date) -> DateWindow:
    """The window a lead date field must fall in, seen on `today`."""
    if field == "planned_decoration_date":
        return DateWindow(
            _months_from(today, -12), _month_end(_months_from(today, 60)), by_month=True
        )
    if field in WINDOW_MESSAGES:
        return DateWindow(_years_back(today), today)
    raise KeyError(field)


WINDOW_MESSAGES = {
    "consultation_date": _("The consultation date should be between %(earliest)s and %(latest)s."),
    "planned_decoration_date": _(
        "The planned decoration date should be between %(earliest)s and %(latest)s."
    ),
    "measured_on": _("The measurement date should be between %(earliest)s and %(latest)s."),
    "signed_on": _("The signing date should be between %(earliest)s and %(latest)s."),
}

# A date after the window of these is "in the future": said as the services already say it.
FUTURE_MESSAGES = {
    "consultation_date": _("The consultation date cannot be in the future."),
    "measured_on": _("The measurement date cannot be in the future."),
    "signed_on": _("The signing date cannot be in the future."),
}


def check_date(field: str, value: date, today: date) -> str | None:
    """None when value is inside the field's window; otherwise the message to show."""
    window = date_window(field, today)
    if window.earliest <= value <= window.latest:
        return None
    if value > window.latest and field in FUTURE_MESSAGES:
        return str(FUTURE_MESSAGES[field])
    return str(WINDOW_MESSAGES[field] % window.shown())
