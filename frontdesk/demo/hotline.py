"""30 days of demo hotline calls with their metrics and alerts, and the agents' moods (FD-7)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from staff.models import Staff

from ..models import CallRecord, MoodCheckIn
from ..services.quality import run_nightly
from .cast import Cast, at


def _call(rng: random.Random, agent: Staff, day: date, slipping: bool) -> CallRecord:
    start = at(day, 9) + timedelta(seconds=rng.randrange(0, 9 * 3600))
    ring = rng.choice([3, 5, 6, 8, 10, 12, 14, 18, 25]) + (8 if slipping else 0)
    score = rng.choice([5, 5, 4, 4, 4, 3] if not slipping else [4, 3, 3, 2, 2, 1])
    return CallRecord(
        agent=agent,
        started_at=start,
        ring_seconds=ring,
        talk_seconds=rng.randrange(60, 600),
        satisfaction=score if rng.random() < 0.7 else None,
        resolved_first_contact=rng.random() < (0.6 if slipping else 0.8),
        complaint=rng.random() < (0.15 if slipping else 0.005),
    )


def seed_calls(cast: Cast, rng: random.Random, today: date) -> int:
    if CallRecord.objects.filter(agent__in=cast.agents).exists():
        return 0
    rows: list[CallRecord] = []
    days = [today - timedelta(days=offset) for offset in range(30, 0, -1)]
    for day in days:
        for index, agent in enumerate(cast.agents):
            slipping = index == 1 and day > today - timedelta(days=8)
            rows.extend(_call(rng, agent, day, slipping) for _ in range(rng.randrange(14, 24)))
    unique = {(row.agent_id, row.started_at): row for row in rows}
    CallRecord.objects.bulk_create(unique.values())
    for day in days:
        run_nightly(day=day)
    return len(unique)


def seed_moods(cast: Cast, rng: random.Random, today: date) -> int:
    created = 0
    for offset in range(10, 0, -1):
        day = today - timedelta(days=offset)
        for index, agent in enumerate(cast.agents):
            mood = 2 if index == 2 and offset <= 3 else rng.choice([3, 4, 4, 5])
            note = "家里有事，有点累" if mood == 2 else ""
            _, new = MoodCheckIn.objects.get_or_create(
                agent=agent, day=day, defaults={"mood": mood, "note": note}
            )
            created += new
    return created
