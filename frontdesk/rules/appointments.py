"""Showroom appointments (FD-3): when an outcome may be recorded, which day is reminded, and
the weeks of the week view."""

from datetime import date, datetime, timedelta
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from core.decisions import Decision


class OutcomeCheck(StrEnum):
    OK = "OK"
    NOT_BOOKED = "NOT_BOOKED"
    NOT_YET_DAY = "NOT_YET_DAY"
    NOT_YET_TIME = "NOT_YET_TIME"


MESSAGES = {
    OutcomeCheck.OK: _("Allowed."),
    OutcomeCheck.NOT_BOOKED: _("This appointment already has an outcome or was cancelled."),
    OutcomeCheck.NOT_YET_DAY: _("The customer can only come on or after the booked day."),
    OutcomeCheck.NOT_YET_TIME: _("A no-show can only be recorded after the booked time."),
}


def _decide(reason: OutcomeCheck) -> Decision:
    return Decision(reason == OutcomeCheck.OK, reason, MESSAGES[reason])


def outcome_allowed(*, booked: bool, starts_at: datetime, now: datetime, came: bool) -> Decision:
    """Came: any time from the booked day on (customers come early). No-show: once the booked
    time has passed. Either only while the appointment is still booked."""
    if not booked:
        return _decide(OutcomeCheck.NOT_BOOKED)
    if came and now.date() < starts_at.date():
        return _decide(OutcomeCheck.NOT_YET_DAY)
    if not came and now < starts_at:
        return _decide(OutcomeCheck.NOT_YET_TIME)
    return _decide(OutcomeCheck.OK)


def reminder_day(today: date) -> date:
    """Reminders go out the day before: today's run reminds tomorrow's visits."""
    return today + timedelta(days=1)


def week_of(day: date) -> list[date]:
    """Monday to Sunday of the week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=offset) for offset in range(7)]
