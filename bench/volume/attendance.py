"""Generated daily rows: clock records and day statuses for everyone, call records of the agents."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from attendance.models import ClockRecord, DailyStatus
from frontdesk.models import CallRecord
from staff.models import Role, Staff

from .base import BATCH, TZ, Run, explicit_timestamps, moment

FLUSH_AT = 20_000  # clock rows held in memory before they are written


def make_attendance(run: Run) -> None:
    plan, rng = run.plan, run.rng
    first = plan.end - timedelta(days=plan.attendance_days)
    fields = ClockRecord._meta.get_field("updated_at"), DailyStatus._meta.get_field("computed_at")
    clocks, statuses, written = [], [], [0, 0]
    with explicit_timestamps(*fields):
        for person in run.staff:
            day = first
            while day < plan.end:
                clock, status = _day(person, day, rng)
                if clock:
                    clocks.append(clock)
                statuses.append(status)
                day += timedelta(days=1)
            if len(clocks) > FLUSH_AT:
                _write(clocks, statuses, written)
        _write(clocks, statuses, written)
    run.tally("clockrecord", written[0], "clock records")
    run.tally("dailystatus", written[1])


def _write(clocks: list, statuses: list, written: list[int]) -> None:
    ClockRecord.objects.bulk_create(clocks, batch_size=BATCH)
    DailyStatus.objects.bulk_create(statuses, batch_size=BATCH)
    written[0] += len(clocks)
    written[1] += len(statuses)
    clocks.clear()
    statuses.clear()


def _day(person: Staff, day: date, rng: random.Random) -> tuple[ClockRecord | None, DailyStatus]:
    """One person's day: weekend, absent (2%), on leave (3%), or clocked in, late 7% of the time."""
    if day.weekday() >= 5:
        return None, _status(person, day, rng, code="OFF_DAY")
    r = rng.random()
    if r < 0.02:
        return None, _status(person, day, rng, code="ABSENT")
    if r < 0.05:
        leave = {"leave_type": "ANNUAL", "leave_days": Decimal(1)}
        return None, _status(person, day, rng, code="ON_LEAVE", **leave)
    late = rng.randrange(1, 40) if r > 0.93 else 0
    clock_in = datetime.combine(day, time(8, 30), TZ) + timedelta(
        minutes=rng.randrange(0, 29) + (30 + late if late else 0)
    )
    clock_out = datetime.combine(day, time(18), TZ) + timedelta(minutes=rng.randrange(0, 90))
    clock = ClockRecord(
        staff=person,
        day=day,
        clock_in=clock_in,
        clock_out=clock_out,
        source="IMPORT",
        updated_at=clock_out,
    )
    code = "LATE" if late else "ON_TIME"
    return clock, _status(person, day, rng, code=code, late_minutes=late)


def _status(person: Staff, day: date, rng: random.Random, **fields) -> DailyStatus:
    return DailyStatus(staff=person, day=day, computed_at=moment(day, rng, 23, 24), **fields)


def make_calls(run: Run) -> None:
    plan, rng = run.plan, run.rng
    agents = run.by_role[Role.CS_AGENT]
    importer = run.by_role[Role.CUSTOMER_MANAGER][0]
    rows = []
    day = max(plan.start, plan.end - timedelta(days=180))
    while day < plan.end:
        if day.weekday() < 6:
            for agent in agents:
                for minute in rng.sample(range(9 * 60, 18 * 60), plan.calls_per_agent_day):
                    at = datetime.combine(day, time(minute // 60, minute % 60), TZ)
                    rows.append(_call(agent, at, importer, rng))
        day += timedelta(days=1)
    with explicit_timestamps(CallRecord._meta.get_field("imported_at")):
        CallRecord.objects.bulk_create(rows, batch_size=BATCH)
    run.tally("callrecord", len(rows), "call records")


def _call(agent: Staff, at: datetime, importer: Staff, rng: random.Random) -> CallRecord:
    rated = rng.random() < 0.6
    return CallRecord(
        agent=agent,
        started_at=at,
        ring_seconds=rng.randrange(2, 25),
        talk_seconds=rng.randrange(30, 600),
        satisfaction=rng.randrange(3, 6) if rated else None,
        resolved_first_contact=rng.random() < 0.8,
        complaint=rng.random() < 0.03,
        imported_by=importer,
        imported_at=at + timedelta(days=1),
    )
