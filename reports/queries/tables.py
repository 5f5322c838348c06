"""RPT-1: the front-desk tables — per day of a day, week or month: new leads by channel,
walk-ins, calls, appointments, dispatches, measurements, signings, closures.

Every figure is grouped by day in the database (one query per source, eight in all), so the
page costs the same whatever the volume.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import CharField, Count, F, QuerySet, Value
from django.db.models.functions import Concat, TruncDate
from django.utils import timezone

from dispatch.models import Assignment
from frontdesk.models import Appointment, AppointmentStatus, PhoneConsultation, ReceptionEntry
from leads.models import Channel, Contract, Lead, Measurement
from leads.queries.closures import AnalysisFilters, confirmed_closures

PERIODS = ("day", "week", "month")
FIGURES = (
    "leads",
    "walk_ins",
    "calls",
    "appointments",
    "dispatches",
    "measurements",
    "signings",
    "closures",
)


def period_bounds(kind: str, day: date) -> tuple[date, date]:
    """The day, the Monday–Sunday week or the calendar month containing `day` (inclusive)."""
    if kind == "week":
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=6)
    if kind == "month":
        first = day.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return first, following - timedelta(days=1)
    return day, day


def previous_anchor(kind: str, day: date) -> date:
    """A day inside the period before the one containing `day`."""
    first, _last = period_bounds(kind, day)
    return first - timedelta(days=1)


def next_anchor(kind: str, day: date) -> date:
    _first, last = period_bounds(kind, day)
    return last + timedelta(days=1)


def aware_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _local_day(field_name: str):
    return TruncDate(field_name, tzinfo=timezone.get_current_timezone())


def _in_days(field_name: str, first: date, last: date) -> dict:
    return {
        f"{field_name}__gte": aware_start(first),
        f"{field_name}__lt": aware_start(last + timedelta(days=1)),
    }


def _grouped(rows: QuerySet, day, key) -> QuerySet:
    """(day, key, count) rows of one source, ready for the union."""
    return rows.annotate(d=day, k=key).values("d", "k").annotate(n=Count("pk")).order_by()


def _label(name: str) -> Value:
    return Value(name, output_field=CharField())


def _figure_rows(first: date, last: date) -> list[dict]:
    """Every source's counts per day in ONE query (UNION ALL of eight grouped selects); leads
    are keyed by channel ("lead:WALK_IN"), the others by figure name."""
    sources = [
        _grouped(
            Lead.objects.filter(consultation_date__range=(first, last)),
            F("consultation_date"),
            Concat(_label("lead:"), F("channel"), output_field=CharField()),
        ),
        _grouped(
            ReceptionEntry.objects.filter(**_in_days("arrived_at", first, last)),
            _local_day("arrived_at"),
            _label("walk_ins"),
        ),
        _grouped(
            PhoneConsultation.objects.filter(**_in_days("called_at", first, last)),
            _local_day("called_at"),
            _label("calls"),
        ),
        _grouped(
            Appointment.objects.exclude(status=AppointmentStatus.CANCELLED).filter(
                **_in_days("starts_at", first, last)
            ),
            _local_day("starts_at"),
            _label("appointments"),
        ),
        _grouped(
            Assignment.objects.filter(**_in_days("dispatched_at", first, last)),
            _local_day("dispatched_at"),
            _label("dispatches"),
        ),
        _grouped(
            Measurement.objects.filter(measured_on__range=(first, last)),
            F("measured_on"),
            _label("measurements"),
        ),
        _grouped(
            Contract.objects.filter(signed_on__range=(first, last)),
            F("signed_on"),
            _label("signings"),
        ),
        _grouped(
            confirmed_closures(AnalysisFilters()).filter(**_in_days("decided_at", first, last)),
            _local_day("decided_at"),
            _label("closures"),
        ),
    ]
    return list(sources[0].union(*sources[1:], all=True))


def _as_date(value) -> date:
    if isinstance(value, str):  # SQLite returns a union's dates as text
        return date.fromisoformat(value[:10])
    return value.date() if isinstance(value, datetime) else value


@dataclass
class DayFigures:
    """One row of the table: a day (or the total of the period when `day` is None)."""

    day: date | None
    by_channel: dict[str, int] = field(default_factory=dict)
    walk_ins: int = 0
    calls: int = 0
    appointments: int = 0
    dispatches: int = 0
    measurements: int = 0
    signings: int = 0
    closures: int = 0

    @property
    def leads(self) -> int:
        return sum(self.by_channel.values())

    def channel_counts(self) -> list[int]:
        """The channel columns, in the order of `Channel`."""
        return [self.by_channel.get(key, 0) for key in Channel.values]

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in FIGURES} | {
            "by_channel": {key: self.by_channel.get(key, 0) for key in Channel.values}
        }


@dataclass
class Table:
    kind: str
    first: date
    last: date
    rows: list[DayFigures]
    total: DayFigures

    @property
    def is_range(self) -> bool:
        """A free from–to range (no previous/next period to step to)."""
        return self.kind == "range"

    @property
    def channels(self) -> list[tuple[str, str]]:
        return list(Channel.choices)


def _total(rows: list[DayFigures]) -> DayFigures:
    total = DayFigures(day=None)
    for row in rows:
        for key, n in row.by_channel.items():
            total.by_channel[key] = total.by_channel.get(key, 0) + n
        for name in FIGURES[1:]:
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return total


def day_figures(first: date, last: date) -> list[DayFigures]:
    """One row per day from `first` to `last`, from a single grouped query."""
    rows: dict[date, DayFigures] = {}
    day = first
    while day <= last:
        rows[day] = DayFigures(day=day)
        day += timedelta(days=1)
    for group in _figure_rows(first, last):
        row = rows.get(_as_date(group["d"]))
        if row is None:
            continue
        key = group["k"]
        if key.startswith("lead:"):
            row.by_channel[key[5:]] = row.by_channel.get(key[5:], 0) + group["n"]
        else:
            setattr(row, key, getattr(row, key) + group["n"])
    return list(rows.values())


def frontdesk_table(kind: str, day: date, last: date | None = None) -> Table:
    """RPT-1 for the day, week or month containing `day`, or (kind "range") from `day` to
    `last`."""
    if kind == "range" and last is not None:
        first = day
    else:
        first, last = period_bounds(kind, day)
    rows = day_figures(first, last)
    return Table(kind=kind, first=first, last=last, rows=rows, total=_total(rows))
