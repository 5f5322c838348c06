"""What every part of the generator shares: the plan, the run's state, and small row helpers."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import models

from staff.models import Staff

from . import names

PREFIX = "vol_"
PASSWORD = "volume-pass-2026"
TZ = ZoneInfo("Asia/Shanghai")
BATCH = 2000


class VolumeError(Exception):
    """Refusal to generate (real data present, already seeded)."""


@dataclass(frozen=True)
class VolumePlan:
    leads: int = 100_000
    complaints: int = 20_000
    designers: int = 50
    staff: int = 200
    months: int = 24
    seed: int = 2026
    end: date = field(default_factory=date.today)
    calls_per_agent_day: int = 6
    attendance_days: int = 730

    @property
    def start(self) -> date:
        return self.end - timedelta(days=round(self.months * 30.44))


@dataclass
class Run:
    """One generation: a single random stream (so a seed gives the same rows), the generated
    staff by role, and the row counts reported at the end."""

    plan: VolumePlan
    log: Callable[[str], object] = print
    rng: random.Random = field(init=False)
    counts: dict[str, int] = field(default_factory=dict)
    staff: list[Staff] = field(default_factory=list)
    by_role: dict[str, list[Staff]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        self.rng = random.Random(self.plan.seed)

    def tally(self, key: str, rows: int, label: str | None = None) -> None:
        self.counts[key] = rows
        if label:
            self.log(f"  {label}: {rows}")


@contextmanager
def explicit_timestamps(*fields: models.DateTimeField) -> Iterator[None]:
    """Let bulk_create keep the generated auto_now / auto_now_add values (history dates)."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in saved:
            f.auto_now, f.auto_now_add = now, now_add


def moment(day: date, rng: random.Random, start_hour: int = 9, end_hour: int = 18) -> datetime:
    seconds = rng.randrange(start_hour * 3600, end_hour * 3600)
    return datetime.combine(day, time(seconds // 3600, seconds // 60 % 60, seconds % 60), TZ)


def some_days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randrange(low, high))


def person_name(rng: random.Random) -> str:
    given = rng.choice(names.GIVEN) + (rng.choice(names.GIVEN) if rng.random() < 0.6 else "")
    return rng.choice(names.SURNAMES) + given
