"""Generated complaints: gapless numbers per year (CMP-1), old ones mostly closed, the recent weeks
at every step; a closed complaint has its reply (CMP-7)."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from complaints.models import Complaint, ComplaintCategory, ComplaintCounter, ComplaintStatus
from complaints.rules.numbering import complaint_number
from staff.models import Department, Role, Staff

from . import names
from .base import BATCH, TZ, Run, explicit_timestamps, person_name

DEFAULT_CATEGORIES = ["工程质量", "服务态度", "工期", "材料"]
STATUSES = list(ComplaintStatus)


@dataclass
class People:
    registrars: list[Staff]
    handlers: list[Staff]
    store: Staff
    gm: Staff

    @classmethod
    def of(cls, run: Run) -> People:
        roles = run.by_role
        return cls(
            registrars=roles[Role.CS_AGENT] + roles[Role.FRONT_DESK],
            handlers=roles[Role.ENGINEERING] or roles[Role.CS_AGENT],
            store=roles[Role.STORE_MANAGER][0],
            gm=roles[Role.GM][0],
        )


def make_complaints(run: Run) -> None:
    plan, rng = run.plan, run.rng
    categories = list(ComplaintCategory.objects.filter(is_active=True)) or [
        ComplaintCategory.objects.create(name=name, position=i)
        for i, name in enumerate(DEFAULT_CATEGORIES)
    ]
    people = People.of(run)
    days = (plan.end - plan.start).days
    stamps = sorted(rng.randrange(days * 86400) for _ in range(plan.complaints))
    seqs: dict[int, int] = defaultdict(int)
    now = datetime.combine(plan.end, time(18), TZ)
    rows = []
    for offset in stamps:
        received = datetime.combine(plan.start, time(8), TZ) + timedelta(seconds=offset)
        seqs[received.year] += 1
        # Old complaints are mostly closed; the last weeks hold every step.
        if (now - received).days > 45 and rng.random() < 0.92:
            status = ComplaintStatus.CLOSED
        else:
            status = rng.choice(STATUSES)
        step = timedelta(hours=rng.randrange(4, 48))
        complaint = _received(received, seqs[received.year], status, rng, categories, people)
        _advance(complaint, STATUSES.index(status), step, rng, people)
        rows.append(complaint)
    with explicit_timestamps(Complaint._meta.get_field("created_at")):
        Complaint.objects.bulk_create(rows, batch_size=BATCH)
    _raise_counters(seqs)
    run.tally("complaint", len(rows), "complaints")


def _received(received, seq, status, rng: random.Random, categories, people: People) -> Complaint:
    return Complaint(
        number=complaint_number(received.year, seq),
        year=received.year,
        seq=seq,
        channel=rng.choice(["LETTER", "PHONE", "PHONE", "IN_PERSON", "ONLINE"]),
        received_at=received,
        customer_name=person_name(rng),
        phone=f"1{rng.choice([35, 37, 58, 88])}{rng.randrange(10**8):08d}",
        address=rng.choice(names.COMMUNITIES),
        category=rng.choice(categories),
        severity="MAJOR" if rng.random() < 0.15 else "MINOR",
        summary=rng.choice(names.COMPLAINT_TEXTS),
        registered_by=rng.choice(people.registrars),
        created_at=received,
        status=status,
        investigation_due_at=received + timedelta(hours=48),
    )


def _advance(c: Complaint, reached: int, step: timedelta, rng: random.Random, people) -> None:
    """Fill in each step up to the one the complaint reached, `step` apart."""
    t = c.received_at
    if reached >= 1:
        t += step
        c.findings, c.proposal = "现场核实属实。", "返工处理"
        c.investigated_by, c.investigated_at = people.store, t
    if reached >= 2:
        t += step
        c.handling_method = "安排工程部返工"
        c.responsible_department = Department.ENGINEERING
        c.decided_by, c.decided_at = people.store, t
    if reached >= 3:
        t += step
        c.handling_record, c.handled_by, c.handled_at = "已返工", rng.choice(people.handlers), t
    if reached >= 4:
        t += step
        c.reply_channel, c.reply_text = "PHONE", rng.choice(names.REPLY_TEXTS)
        c.replied_at, c.replied_by = t, people.store
    if reached >= 5:
        t += step
        c.follow_up_method, c.follow_up_at = "PHONE", t
        c.follow_up_outcome, c.satisfaction = "客户满意", rng.randrange(3, 6)
        c.followed_up_by, c.closed_by, c.closed_at = people.store, people.gm, t
    c.status_changed_at = t


def _raise_counters(seqs: dict[int, int]) -> None:
    """Numbering continues after the generated complaints (CMP-1: gapless per year)."""
    for year, last in seqs.items():
        counter, _ = ComplaintCounter.objects.get_or_create(year=year)
        if counter.last_seq < last:
            counter.last_seq = last
            counter.save(update_fields=["last_seq"])
