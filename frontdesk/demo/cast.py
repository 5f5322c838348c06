"""The demo front desk's people (the cast) and its clock: times on past days, not in the future."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from staff.models import Staff

PHONE_PREFIX = "1580066"  # demo customers of the front desk: 1580066xxxx

AGENTS = ["E009", "E010", "E029"]  # 吴静 steady, 郑洁 slipping lately, 严丽 low mood


@dataclass(frozen=True)
class Cast:
    desk: Staff
    desk2: Staff
    manager: Staff
    gm: Staff
    designer: Staff
    sales: Staff
    agents: list[Staff]


def load_cast() -> Cast | None:
    people = Staff.objects.in_bulk(
        ["E001", "E003", "E007", "E008", "E011", "E017", *AGENTS], field_name="employee_no"
    )
    if len(people) < 9:
        return None
    return Cast(
        desk=people["E007"],
        desk2=people["E008"],
        manager=people["E003"],
        gm=people["E001"],
        designer=people["E017"],
        sales=people["E011"],
        agents=[people[number] for number in AGENTS],
    )


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def past(moment: datetime) -> datetime:
    """Today's demo entries happen no later than a few minutes ago."""
    return min(moment, timezone.now() - timedelta(minutes=5))
