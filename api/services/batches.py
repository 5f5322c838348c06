"""Batches of records from devices: hotline calls from the phone system (FD-7) and punches
from a time clock (ATT-1), checked by the same rules as their CSV imports.

Unlike a file, a batch is not all-or-nothing: good records are stored, bad ones come back with
their reasons, and a record already stored is reported as a duplicate, so re-sending a batch
(after a timeout, say) stores nothing twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from attendance.models import ClockRecord, ClockSource
from attendance.services.common import local_now
from attendance.services.records import check_clock_times
from frontdesk.models import CallRecord
from frontdesk.resources import PARSERS, recompute_days
from staff.models import Staff

from ..errors import error
from ..models import ClockPunch, IntegrationClient
from ..rules import fold_punches


@dataclass
class BatchResult:
    accepted: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)

    def body(self) -> dict:
        created = sum(1 for row in self.accepted if row["result"] == "created")
        return {
            "received": len(self.accepted) + len(self.rejected),
            "created": created,
            "duplicates": len(self.accepted) - created,
            "rejected_count": len(self.rejected),
            "accepted": self.accepted,
            "rejected": sorted(self.rejected, key=lambda row: row["index"]),
        }


def _text(value) -> str:
    return str(value if value is not None else "").strip()


def _people(records: list[dict]) -> dict[str, Staff]:
    numbers = {_text(r.get("employee_no")) for r in records} - {""}
    return Staff.objects.in_bulk(numbers, field_name="employee_no")


def _unknown(number: str) -> dict:
    message = _("Unknown employee number: %(no)s") % {"no": number or "-"}
    return error("employee_no", "unknown_employee", message)


# --- calls ---------------------------------------------------------------------------------------


def _parse_call(record: dict, people: dict[str, Staff], now: datetime) -> tuple[dict, list]:
    """The CSV import's checks (frontdesk.resources.PARSERS), plus the phone system's call id."""
    errors, parsed = [], {}
    call_id = _text(record.get("call_id"))
    if not call_id or len(call_id) > 64:
        errors.append(
            error("call_id", "required", _("Give the call's id (at most 64 characters)."))
        )
    number = _text(record.get("employee_no"))
    if number not in people:
        errors.append(_unknown(number))
    for column, parse, message in PARSERS:
        try:
            parsed[column] = parse(record.get(column))
        except (ValueError, TypeError):
            errors.append(error(column, "invalid", message))
    start = parsed.get("start_time")
    if start is not None and start > now:
        errors.append(error("start_time", "future", _("The call starts in the future.")))
    return {**parsed, "call_id": call_id, "agent": people.get(number)}, errors


def receive_calls(*, client: IntegrationClient, records: list[dict]) -> BatchResult:
    """Store the good calls of the batch; a call is a duplicate when its id, or its agent and
    start time (as the CSV import identifies a call), is stored already or earlier in the batch.
    The days that got calls have their metrics recomputed after the commit, as the import does."""
    result, now, people = BatchResult(), timezone.now(), _people(records)
    good = []
    for index, record in enumerate(records):
        parsed, errors = _parse_call(record, people, now)
        if errors:
            result.rejected.append({"index": index, "call_id": parsed["call_id"], "errors": errors})
        else:
            good.append((index, parsed))
    seen_ids, seen_keys = _stored_calls(good)
    new = []
    for index, row in good:
        key = (row["agent"].pk, row["start_time"])
        duplicate = row["call_id"] in seen_ids or key in seen_keys
        seen_ids.add(row["call_id"])
        seen_keys.add(key)
        outcome = "duplicate" if duplicate else "created"
        result.accepted.append({"index": index, "call_id": row["call_id"], "result": outcome})
        if not duplicate:
            new.append(_call(row, client))
    _save_calls(new)
    return result


def _stored_calls(good: list[tuple[int, dict]]) -> tuple[set[str], set[tuple[int, datetime]]]:
    if not good:
        return set(), set()
    ids = [row["call_id"] for _i, row in good]
    starts = [row["start_time"] for _i, row in good]
    agents = {row["agent"].pk for _i, row in good}
    stored_ids = set(CallRecord.objects.filter(call_id__in=ids).values_list("call_id", flat=True))
    stored_keys = set(
        CallRecord.objects.filter(
            agent_id__in=agents, started_at__range=(min(starts), max(starts))
        ).values_list("agent_id", "started_at")
    )
    return stored_ids, stored_keys


def _call(row: dict, client: IntegrationClient) -> CallRecord:
    return CallRecord(
        agent=row["agent"],
        started_at=row["start_time"],
        call_id=row["call_id"],
        ring_seconds=row["ring_seconds"],
        talk_seconds=row["talk_seconds"],
        satisfaction=row["satisfaction"],
        resolved_first_contact=row["first_contact_resolved"],
        complaint=row["complaint"],
        imported_by=client.system_user,
    )


@transaction.atomic
def _save_calls(calls: list[CallRecord]) -> None:
    if not calls:
        return
    # Race: the same batch sent twice at once; the unique constraints keep one of each call.
    CallRecord.objects.bulk_create(calls, batch_size=500, ignore_conflicts=True)
    days = sorted({timezone.localdate(call.started_at) for call in calls})
    transaction.on_commit(lambda: recompute_days(days))


# --- time clock ---------------------------------------------------------------------------------


def parse_punch_time(value) -> datetime:
    """ISO 8601 ('2026-03-10T08:58:00+08:00') or local '2026-03-10 08:58[:SS]'."""
    text = _text(value)
    moment = parse_datetime(text) if text else None
    if moment is None:
        raise ValueError(text)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _parse_punch(record: dict, people: dict[str, Staff], now: datetime) -> tuple[dict, list]:
    errors, moment = [], None
    number = _text(record.get("employee_no"))
    if number not in people:
        errors.append(_unknown(number))
    try:
        moment = timezone.localtime(parse_punch_time(record.get("time")))
    except ValueError:
        errors.append(error("time", "invalid", _("Not a time (YYYY-MM-DD HH:MM:SS).")))
    if moment is not None and moment > now:
        errors.append(error("time", "future", _("Clock times cannot be in the future.")))
    device = _text(record.get("device"))
    if len(device) > 50:
        errors.append(error("device", "too_long", _("The device name has at most 50 characters.")))
    return {"staff": people.get(number), "at": moment, "device": device}, errors


def receive_punches(*, client: IntegrationClient, records: list[dict]) -> BatchResult:
    """Store the new punches and fold them into each person's day (the earliest time is the
    clock-in, the latest the clock-out), checked like the clock import (check_clock_times).
    A punch already stored, or repeated in the batch, is a duplicate."""
    result, now, people = BatchResult(), local_now(), _people(records)
    good = []
    for index, record in enumerate(records):
        parsed, errors = _parse_punch(record, people, now)
        if errors:
            result.rejected.append({"index": index, "errors": errors})
        else:
            good.append((index, parsed))
    seen = _stored_punches(good)
    groups: dict[tuple[int, date], list[tuple[int, dict]]] = defaultdict(list)
    for index, row in good:
        key = (row["staff"].pk, row["at"])
        if key in seen:
            result.accepted.append({"index": index, "result": "duplicate"})
            continue
        seen.add(key)
        groups[(row["staff"].pk, row["at"].date())].append((index, row))
    _save_punches(client, groups, result, now)
    return result


def _stored_punches(good: list[tuple[int, dict]]) -> set[tuple[int, datetime]]:
    if not good:
        return set()
    times = [row["at"] for _i, row in good]
    rows = ClockPunch.objects.filter(
        staff_id__in={row["staff"].pk for _i, row in good},
        punched_at__range=(min(times), max(times)),
    ).values_list("staff_id", "punched_at")
    return set(rows)


@transaction.atomic
def _save_punches(client, groups, result: BatchResult, now: datetime) -> None:
    if not groups:
        return
    stored = _stored_days(groups)
    punches, created, updated, touched = [], [], [], []
    for (staff_id, day), rows in groups.items():
        record = stored.get((staff_id, day))
        clock_in, clock_out = fold_punches(
            record.clock_in and timezone.localtime(record.clock_in) if record else None,
            record.clock_out and timezone.localtime(record.clock_out) if record else None,
            [row["at"] for _i, row in rows],
        )
        problem = check_clock_times(day, clock_in, clock_out, now)
        if problem:
            for index, _row in rows:
                result.rejected.append(
                    {"index": index, "errors": [error("time", "invalid", problem)]}
                )
            continue
        if record is None:
            record = ClockRecord(staff_id=staff_id, day=day)
            created.append(record)
        else:
            updated.append(record)
        record.clock_in, record.clock_out = clock_in, clock_out
        record.source, record.entered_by = ClockSource.IMPORT, client.system_user
        record.updated_at = timezone.now()  # bulk_update does not apply auto_now
        touched.append((staff_id, day))
        for index, row in rows:
            punches.append(
                ClockPunch(
                    staff_id=staff_id, punched_at=row["at"], device=row["device"], client=client
                )
            )
            result.accepted.append({"index": index, "result": "created"})
    _write_days(client, punches, created, updated)
    transaction.on_commit(lambda: _recompute(touched))


def _stored_days(groups) -> dict[tuple[int, date], ClockRecord]:
    days = [day for _staff, day in groups]
    records = ClockRecord.objects.filter(
        staff_id__in={staff for staff, _day in groups}, day__range=(min(days), max(days))
    )
    return {(r.staff_id, r.day): r for r in records}


def _write_days(client, punches, created, updated) -> None:
    """Punches, then the days, each with its audit history (SEC-3), as the clock import does."""
    user = client.system_user
    ClockPunch.objects.bulk_create(punches, batch_size=500, ignore_conflicts=True)
    if created:
        bulk_create_with_history(created, ClockRecord, batch_size=500, default_user=user)
    if updated:
        fields = ["clock_in", "clock_out", "source", "entered_by", "updated_at"]
        bulk_update_with_history(updated, ClockRecord, fields, batch_size=500, default_user=user)


def _recompute(touched: list[tuple[int, date]]) -> None:
    """ATT rules for the finished days the batch changed, one computation per day."""
    from attendance.services.daily import compute_day

    people_by_day: dict[date, list[int]] = defaultdict(list)
    for staff_id, day in touched:
        people_by_day[day].append(staff_id)
    today = local_now().date()
    for day, staff_ids in sorted(people_by_day.items()):
        if day < today:
            compute_day(day=day, staff_ids=staff_ids)
