"""Deterministic volume data (issue 10) built with bulk inserts.

Services are bypassed for speed, but every row obeys the domain rules the services enforce:
dispatches respect the day and week caps (DISP-5/6) and the tier table (DISP-1), closures start
from legal states with a reason of their kind (CLOSE-1, LEAD-3), complaint numbers are gapless per
year (CMP-1), a closed complaint has a reply (CMP-7). Generated staff have usernames starting
`vol_`; a lead not registered by a `vol_` user is real data, and the generator refuses to run
next to it unless forced.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import models, transaction

from attendance.models import ClockRecord, DailyStatus
from complaints.models import Complaint, ComplaintCategory, ComplaintCounter, ComplaintStatus
from complaints.rules.numbering import complaint_number
from dispatch.models import Assignment, CapacityRule, SeasonPeriod, Skip, TierRule
from dispatch.rules import Season, season_for
from frontdesk.models import CallRecord
from leads.models import (
    Callback,
    Closure,
    Contract,
    Lead,
    Measurement,
    OwnershipClaim,
)
from leads.rules.intake import normalize_address
from leads.rules.intake import size_class as size_class_of
from staff.models import Department, DesignerTier, Role, Staff

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


def real_data_present() -> bool:
    """Any lead registered by someone who is not a generated user is real data."""
    return Lead.objects.exclude(created_by__username__startswith=PREFIX).exists()


@contextmanager
def _explicit_timestamps(*fields: models.DateTimeField) -> Iterator[None]:
    """Let bulk_create keep the generated auto_now / auto_now_add values (history dates)."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in saved:
            f.auto_now, f.auto_now_add = now, now_add


def _at(day: date, rng: random.Random, start_hour: int = 9, end_hour: int = 18) -> datetime:
    seconds = rng.randrange(start_hour * 3600, end_hour * 3600)
    return datetime.combine(day, time(seconds // 3600, seconds // 60 % 60, seconds % 60), TZ)


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randrange(low, high))


def _name(rng: random.Random) -> str:
    given = rng.choice(names.GIVEN) + (rng.choice(names.GIVEN) if rng.random() < 0.6 else "")
    return rng.choice(names.SURNAMES) + given


class Generator:
    def __init__(self, plan: VolumePlan, log=print) -> None:
        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.log = log
        self.counts: dict[str, int] = {}
        self.by_role: dict[str, list[Staff]] = defaultdict(list)

    # --- staff -------------------------------------------------------------------------------
    def make_staff(self) -> None:
        plan, rng = self.plan, self.rng
        password = make_password(PASSWORD)
        tiers = [DesignerTier.DESIGNER] * 4 + [DesignerTier.DEPUTY_DIRECTOR] * 3
        tiers += [DesignerTier.DIRECTOR] * 2 + [DesignerTier.CHIEF]
        others = [
            (Role.FRONT_DESK, Department.CUSTOMER_SERVICE, 0.10),
            (Role.CS_AGENT, Department.CUSTOMER_SERVICE, 0.20),
            (Role.CUSTOMER_MANAGER, Department.CUSTOMER_SERVICE, 0.05),
            (Role.MARKETING_SALES, Department.MARKETING, 0.35),
            (Role.ENGINEERING, Department.ENGINEERING, 0.25),
            (Role.HR, Department.HR, 0.05),
        ]
        rows: list[tuple[Staff, str]] = []
        managers = [
            (Role.GM, Department.GM_OFFICE),
            (Role.DESIGN_MANAGER, Department.DESIGN),
            (Role.MARKETING_MANAGER, Department.MARKETING),
            (Role.STORE_MANAGER, Department.STORE),
        ]
        for role, dept in managers:
            rows.append((Staff(department=dept), role))
        for i in range(plan.designers):
            rows.append(
                (Staff(department=Department.DESIGN, designer_tier=tiers[i % 10]), Role.DESIGNER)
            )
        rest = max(plan.staff - len(rows), len(others))
        for role, dept, share in others:
            for _ in range(max(1, round(rest * share))):
                rows.append((Staff(department=dept), role))
        staff_objs = []
        for n, (s, role) in enumerate(
            rows[: max(plan.staff, len(managers) + plan.designers + 6)], 1
        ):
            s.username = f"{PREFIX}{role.lower()}_{n:04d}"
            s.employee_no = f"V{n:05d}"
            s.name = _name(rng)
            s.phone = f"139{rng.randrange(10**8):08d}"
            s.base_salary = Decimal(rng.randrange(4000, 16000, 500))
            s.password = password
            s.is_active = True
            s.date_joined = datetime.combine(plan.start - timedelta(days=30), time(9), TZ)
            staff_objs.append((s, role))
        Staff.objects.bulk_create([s for s, _ in staff_objs], batch_size=BATCH)
        groups = {g.name: g for g in Group.objects.filter(name__in=[r for _, r in staff_objs])}
        through = Staff.groups.through
        links = []
        for s, role in staff_objs:
            self.by_role[role].append(s)
            if role in groups:
                links.append(through(staff_id=s.pk, group_id=groups[role].pk))
        through.objects.bulk_create(links, batch_size=BATCH)
        self.staff = [s for s, _ in staff_objs]
        self.counts["staff"] = len(self.staff)

    # --- leads -------------------------------------------------------------------------------
    def make_leads(self) -> None:
        plan, rng = self.plan, self.rng
        days = (plan.end - plan.start).days
        cap = (
            CapacityRule.objects.filter(effective_from__lte=plan.end)
            .order_by("-effective_from")
            .first()
        )
        day_cap, week_cap = (cap.day_cap, cap.week_cap) if cap else (2, 6)
        allowed: dict[str, set[str]] = defaultdict(set)
        for size, tier in TierRule.objects.values_list("size_class", "tier"):
            allowed[size].add(tier)
        designers = self.by_role[Role.DESIGNER]
        day_load: dict[tuple[int, date], int] = defaultdict(int)
        week_load: dict[tuple[int, tuple[int, int]], int] = defaultdict(int)
        week_open: dict[tuple[int, tuple[int, int]], list[date | None]] = defaultdict(list)
        seasons = list(SeasonPeriod.objects.values_list("start", "end", "kind"))
        season_off, season_peak = (cap.season_cap_off, cap.season_cap_peak) if cap else (2, 4)

        def season_caps(day: date) -> int:
            return season_peak if season_for(day, seasons) == Season.PEAK else season_off

        rotation = 0
        front = self.by_role[Role.FRONT_DESK]
        sales = self.by_role[Role.MARKETING_SALES]
        cms = self.by_role[Role.CUSTOMER_MANAGER]
        cs = self.by_role[Role.CS_AGENT]
        dm = self.by_role[Role.DESIGN_MANAGER][0]
        channels = (
            ["WALK_IN"] * 3
            + ["PHONE"] * 3
            + ["MARKETING"] * 2
            + ["ENGINEERING", "REFERRAL", "ONLINE", "ONLINE", "SHOWROOM", "OTHER"]
        )
        stamps = sorted(rng.randrange(days * 86400) for _ in range(plan.leads))
        leads, plans = [], []
        for i, offset in enumerate(stamps):
            created = datetime.combine(plan.start, time(0), TZ) + timedelta(seconds=offset)
            created = created.replace(hour=9 + created.hour % 10)
            day = created.date()
            budget = Decimal(
                rng.choice([rng.randrange(8, 30), rng.randrange(30, 50), rng.randrange(50, 300)])
                * 1000
            )
            size = str(size_class_of(budget))
            community = rng.choice(names.COMMUNITIES)
            building = f"{i // 600 + 1}号楼{i // 100 % 6 + 1}单元{i % 100 + 101}"
            channel = rng.choice(channels)
            brought = rng.choice(sales) if channel == "MARKETING" else None
            lead = Lead(
                customer_name=_name(rng),
                phone=f"1{[38, 39, 50, 86][i % 4]}{i:08d}",
                community=community,
                building=building,
                address_key=normalize_address(community, building),
                area_m2=Decimal(rng.randrange(40, 260)),
                budget=budget,
                size_class=size,
                planned_decoration_date=day + timedelta(days=30 + i % 90),
                channel=channel,
                consultation_date=day,
                brought_by=brought,
                owner=brought,
                created_by=rng.choice(front),
                created_at=created,
                updated_at=created,
            )
            age = (plan.end - day).days
            step = {"lead": lead, "claim": brought}
            cm = rng.choice(cms)
            r, r2, r3, r4 = rng.random(), rng.random(), rng.random(), rng.random()
            measured = day + timedelta(days=rng.randrange(1, 5))
            signed = measured + timedelta(days=rng.randrange(3, 30))
            dispatched = None
            if r >= 0.10:
                week = day.isocalendar()[:2]
                season_cap = season_caps(day)
                fits = allowed.get(size) or {t.value for t in DesignerTier}
                passed_over = []  # designers of the tier the rotation skipped, with the cap hit
                for k in range(len(designers)):
                    d = designers[(rotation + k) % len(designers)]
                    if d.designer_tier not in fits:
                        continue
                    if day_load[d.pk, day] >= day_cap:
                        passed_over.append((d, Skip.Reason.DAY_CAP))
                        continue
                    if week_load[d.pk, week] >= week_cap:
                        passed_over.append((d, Skip.Reason.WEEK_CAP))
                        continue
                    held = sum(1 for left in week_open[d.pk, week] if left is None or left > day)
                    if held >= season_cap:
                        passed_over.append((d, Skip.Reason.SEASON_CAP))
                        continue
                    rotation = (rotation + k + 1) % len(designers)
                    dispatched = d
                    break
            if dispatched is None:
                if r < 0.10 or age > 14:
                    reason = rng.choice(["UNREACHABLE", "NO_PLAN", "LOW_VALUE"])
                    step["close"] = ("INVALID", "NEW", reason, cm, day + _days(rng, 3, 20))
                    lead.state, lead.state_before_closure = "INVALID", "NEW"
                else:
                    lead.state = "NEW"
            else:
                at = created + timedelta(hours=rng.randrange(1, 6))
                lead.designer, lead.dispatched_at, lead.levels_introduced = dispatched, at, True
                step["assign"] = (dispatched, at, cm)
                step["skips"] = passed_over
                lead.state = "DISPATCHED"
                left: date | None = None
                if r2 < 0.15:
                    left = day + _days(rng, 1, 6)
                    reason = rng.choice(["UNREACHABLE", "NO_PLAN", "LOW_VALUE", "OTHER"])
                    step["close"] = ("INVALID", "DISPATCHED", reason, cm, left)
                    lead.state, lead.state_before_closure = "INVALID", "DISPATCHED"
                elif measured < plan.end and not (r2 < 0.25 and age <= 21):
                    left = measured
                    step["measure"] = measured
                    lead.state = "MEASURED"
                    if r3 < 0.25:
                        reason = rng.choice(
                            ["PRICE", "SERVICE", "TECHNICAL", "COMPETITION", "CUSTOMER"]
                        )
                        closed = measured + _days(rng, 5, 40)
                        step["close"] = ("DEAD", "MEASURED", reason, cm, closed)
                        lead.state, lead.state_before_closure = "DEAD", "MEASURED"
                    elif r3 >= 0.40 and signed < plan.end:
                        step["sign"] = signed
                        lead.state = "SIGNED"
                        if r4 < 0.07:
                            closed = signed + _days(rng, 10, 60)
                            step["close"] = ("DEAD", "SIGNED", "REFUND", cm, closed)
                            lead.state, lead.state_before_closure = "DEAD", "SIGNED"
                day_load[dispatched.pk, day] += 1
                week_load[dispatched.pk, week] += 1
                week_open[dispatched.pk, week].append(left)
            if "close" in step:
                closed_day = min(step["close"][4], plan.end)
                lead.closed_at = datetime.combine(closed_day, time(16), TZ)
            step["cm"], step["cs"] = cm, rng.choice(cs)
            step["dm"] = dm
            leads.append(lead)
            plans.append(step)
        with _explicit_timestamps(
            Lead._meta.get_field("created_at"), Lead._meta.get_field("updated_at")
        ):
            Lead.objects.bulk_create(leads, batch_size=BATCH)
        self.counts["leads"] = len(leads)
        self.log(f"  leads: {len(leads)}")
        self._lead_children(plans)

    def _lead_children(self, plans: list[dict]) -> None:
        rng, end = self.rng, datetime.combine(self.plan.end, time(23, 59), TZ)
        claims, assigns, measures, contracts, closures, callbacks = [], [], [], [], [], []
        closure_steps, skip_steps = [], []
        for n, step in enumerate(plans):
            lead = step["lead"]
            if step["claim"] is not None:
                claims.append(
                    OwnershipClaim(
                        lead=lead,
                        claimant=step["claim"],
                        basis="APPOINTMENT",
                        source="INTAKE",
                        recorded_at=lead.created_at,
                        consultation_date=lead.consultation_date,
                        has_complete_details=True,
                        recorded_by=lead.created_by,
                    )
                )
            if "assign" in step:
                designer, at, cm = step["assign"]
                assigns.append(
                    Assignment(
                        lead=lead,
                        designer=designer,
                        dispatched_at=at,
                        dispatched_by=cm,
                        method="ROTATION",
                    )
                )
                skip_steps.append((assigns[-1], step["skips"]))
                due = at + timedelta(hours=24)
                done = due < end - timedelta(days=1)
                callbacks.append(
                    Callback(
                        lead=lead,
                        kind="AFTER_DISPATCH",
                        assignee=step["cs"],
                        due_at=due,
                        created_at=at,
                        done_at=due if done else None,
                        done_by=step["cs"] if done else None,
                        outcome="客户已与设计师约好量房" if done else "",
                    )
                )
            if "measure" in step:
                measures.append(
                    Measurement(
                        lead=lead,
                        measured_on=step["measure"],
                        designer=lead.designer,
                        recorded_by=lead.designer,
                        recorded_at=datetime.combine(step["measure"], time(18), TZ),
                    )
                )
            if "sign" in step:
                contracts.append(
                    Contract(
                        lead=lead,
                        number=f"HT{step['sign']:%Y%m}-V{n:06d}",
                        contract_type="DESIGN" if rng.random() < 0.3 else "CONSTRUCTION",
                        amount=lead.budget or Decimal(50000),
                        signed_on=step["sign"],
                        designer=lead.designer,
                        recorded_by=lead.designer,
                        recorded_at=datetime.combine(step["sign"], time(17), TZ),
                        refunded_at=lead.closed_at
                        if step.get("close", (0, 0, ""))[2] == "REFUND"
                        else None,
                    )
                )
            if "close" in step:
                kind, state, reason, cm, _closed = step["close"]
                proposer = cm if kind == "INVALID" else step["cs"]
                proposed = lead.closed_at - timedelta(days=1)
                closures.append(
                    Closure(
                        lead=lead,
                        kind=kind,
                        reason=reason,
                        customer_words=rng.choice(names.CUSTOMER_WORDS),
                        state_at_proposal=state,
                        proposed_by=proposer,
                        proposed_at=proposed,
                        status="CONFIRMED",
                        decided_by=step["dm"] if kind == "DEAD" else cm,
                        decided_at=lead.closed_at,
                        decision_note="二次回访确认",
                    )
                )
                closure_steps.append(step)
        for model, rows in [
            (OwnershipClaim, claims),
            (Assignment, assigns),
            (Measurement, measures),
            (Contract, contracts),
            (Closure, closures),
        ]:
            model.objects.bulk_create(rows, batch_size=BATCH)
            self.counts[model._meta.model_name] = len(rows)
            self.log(f"  {model._meta.model_name}: {len(rows)}")
        skips = [
            Skip(assignment=a, designer=d, reason=reason, skipped_at=a.dispatched_at)
            for a, passed_over in skip_steps
            for d, reason in passed_over
        ]
        Skip.objects.bulk_create(skips, batch_size=BATCH)
        self.counts["skip"] = len(skips)
        self.log(f"  skips: {len(skips)}")
        for closure, step in zip(closures, closure_steps, strict=True):
            callbacks.append(
                Callback(
                    lead=closure.lead,
                    kind="CLOSURE_PENDING",
                    assignee=step["cs"],
                    due_at=closure.proposed_at + timedelta(hours=24),
                    closure=closure,
                    created_at=closure.proposed_at,
                    done_at=closure.decided_at,
                    done_by=step["cs"],
                    outcome=closure.decision_note,
                )
            )
        Callback.objects.bulk_create(callbacks, batch_size=BATCH)
        self.counts["callback"] = len(callbacks)
        self.log(f"  callbacks: {len(callbacks)}")

    # --- complaints --------------------------------------------------------------------------
    def make_complaints(self) -> None:
        plan, rng = self.plan, self.rng
        categories = list(ComplaintCategory.objects.filter(is_active=True))
        if not categories:
            categories = [
                ComplaintCategory.objects.create(name=n, position=i)
                for i, n in enumerate(["工程质量", "服务态度", "工期", "材料"])
            ]
        registrars = self.by_role[Role.CS_AGENT] + self.by_role[Role.FRONT_DESK]
        handlers = self.by_role[Role.ENGINEERING] or self.by_role[Role.CS_AGENT]
        store = self.by_role[Role.STORE_MANAGER][0]
        gm = self.by_role[Role.GM][0]
        days = (plan.end - plan.start).days
        stamps = sorted(rng.randrange(days * 86400) for _ in range(plan.complaints))
        seqs: dict[int, int] = defaultdict(int)
        statuses = list(ComplaintStatus)
        now = datetime.combine(plan.end, time(18), TZ)
        rows = []
        for offset in stamps:
            received = datetime.combine(plan.start, time(8), TZ) + timedelta(seconds=offset)
            year = received.year
            seqs[year] += 1
            age_days = (now - received).days
            # Old complaints are mostly closed; the last weeks hold every step.
            if age_days > 45 and rng.random() < 0.92:
                status = ComplaintStatus.CLOSED
            else:
                status = rng.choice(statuses)
            reached = statuses.index(status)
            step = timedelta(hours=rng.randrange(4, 48))
            c = Complaint(
                number=complaint_number(year, seqs[year]),
                year=year,
                seq=seqs[year],
                channel=rng.choice(["LETTER", "PHONE", "PHONE", "IN_PERSON", "ONLINE"]),
                received_at=received,
                customer_name=_name(rng),
                phone=f"1{rng.choice([35, 37, 58, 88])}{rng.randrange(10**8):08d}",
                address=rng.choice(names.COMMUNITIES),
                category=rng.choice(categories),
                severity="MAJOR" if rng.random() < 0.15 else "MINOR",
                summary=rng.choice(names.COMPLAINT_TEXTS),
                registered_by=rng.choice(registrars),
                created_at=received,
                status=status,
                investigation_due_at=received + timedelta(hours=48),
            )
            t = received
            if reached >= 1:
                t += step
                c.findings, c.proposal = "现场核实属实。", "返工处理"
                c.investigated_by, c.investigated_at = store, t
            if reached >= 2:
                t += step
                c.handling_method = "安排工程部返工"
                c.responsible_department = Department.ENGINEERING
                c.decided_by, c.decided_at = store, t
            if reached >= 3:
                t += step
                c.handling_record, c.handled_by, c.handled_at = "已返工", rng.choice(handlers), t
            if reached >= 4:
                t += step
                c.reply_channel, c.reply_text = "PHONE", rng.choice(names.REPLY_TEXTS)
                c.replied_at, c.replied_by = t, store
            if reached >= 5:
                t += step
                c.follow_up_method, c.follow_up_at = "PHONE", t
                c.follow_up_outcome, c.satisfaction = "客户满意", rng.randrange(3, 6)
                c.followed_up_by, c.closed_by, c.closed_at = store, gm, t
            c.status_changed_at = t
            rows.append(c)
        with _explicit_timestamps(Complaint._meta.get_field("created_at")):
            Complaint.objects.bulk_create(rows, batch_size=BATCH)
        for year, last in seqs.items():
            counter, _ = ComplaintCounter.objects.get_or_create(year=year)
            if counter.last_seq < last:
                counter.last_seq = last
                counter.save(update_fields=["last_seq"])
        self.counts["complaint"] = len(rows)
        self.log(f"  complaints: {len(rows)}")

    # --- attendance and calls ----------------------------------------------------------------
    def make_attendance(self) -> None:
        plan, rng = self.plan, self.rng
        att_start = plan.end - timedelta(days=plan.attendance_days)
        fields = (
            ClockRecord._meta.get_field("updated_at"),
            DailyStatus._meta.get_field("computed_at"),
        )
        total_clock = total_status = 0
        with _explicit_timestamps(*fields):
            clocks, statuses = [], []
            for s in self.staff:
                day = att_start
                while day < plan.end:
                    if day.weekday() >= 5:
                        statuses.append(
                            DailyStatus(
                                staff=s, day=day, code="OFF_DAY", computed_at=_at(day, rng, 23, 24)
                            )
                        )
                    else:
                        r = rng.random()
                        if r < 0.02:
                            statuses.append(
                                DailyStatus(
                                    staff=s,
                                    day=day,
                                    code="ABSENT",
                                    computed_at=_at(day, rng, 23, 24),
                                )
                            )
                        elif r < 0.05:
                            statuses.append(
                                DailyStatus(
                                    staff=s,
                                    day=day,
                                    code="ON_LEAVE",
                                    leave_type="ANNUAL",
                                    leave_days=Decimal(1),
                                    computed_at=_at(day, rng, 23, 24),
                                )
                            )
                        else:
                            late = rng.randrange(1, 40) if r > 0.93 else 0
                            cin = datetime.combine(day, time(8, 30), TZ) + timedelta(
                                minutes=rng.randrange(0, 29) + (30 + late if late else 0)
                            )
                            cout = datetime.combine(day, time(18), TZ) + timedelta(
                                minutes=rng.randrange(0, 90)
                            )
                            clocks.append(
                                ClockRecord(
                                    staff=s,
                                    day=day,
                                    clock_in=cin,
                                    clock_out=cout,
                                    source="IMPORT",
                                    updated_at=cout,
                                )
                            )
                            statuses.append(
                                DailyStatus(
                                    staff=s,
                                    day=day,
                                    code="LATE" if late else "ON_TIME",
                                    late_minutes=late,
                                    computed_at=_at(day, rng, 23, 24),
                                )
                            )
                    day += timedelta(days=1)
                if len(clocks) > 20000:
                    ClockRecord.objects.bulk_create(clocks, batch_size=BATCH)
                    DailyStatus.objects.bulk_create(statuses, batch_size=BATCH)
                    total_clock, total_status = (
                        total_clock + len(clocks),
                        total_status + len(statuses),
                    )
                    clocks, statuses = [], []
            ClockRecord.objects.bulk_create(clocks, batch_size=BATCH)
            DailyStatus.objects.bulk_create(statuses, batch_size=BATCH)
        self.counts["clockrecord"] = total_clock + len(clocks)
        self.counts["dailystatus"] = total_status + len(statuses)
        self.log(f"  clock records: {self.counts['clockrecord']}")

    def make_calls(self) -> None:
        plan, rng = self.plan, self.rng
        agents = self.by_role[Role.CS_AGENT]
        importer = self.by_role[Role.CUSTOMER_MANAGER][0]
        start = max(plan.start, plan.end - timedelta(days=180))
        rows = []
        day = start
        while day < plan.end:
            if day.weekday() < 6:
                for a in agents:
                    slots = rng.sample(range(9 * 60, 18 * 60), plan.calls_per_agent_day)
                    for minute in slots:
                        at = datetime.combine(day, time(minute // 60, minute % 60), TZ)
                        rated = rng.random() < 0.6
                        rows.append(
                            CallRecord(
                                agent=a,
                                started_at=at,
                                ring_seconds=rng.randrange(2, 25),
                                talk_seconds=rng.randrange(30, 600),
                                satisfaction=rng.randrange(3, 6) if rated else None,
                                resolved_first_contact=rng.random() < 0.8,
                                complaint=rng.random() < 0.03,
                                imported_by=importer,
                                imported_at=at + timedelta(days=1),
                            )
                        )
            day += timedelta(days=1)
        with _explicit_timestamps(CallRecord._meta.get_field("imported_at")):
            CallRecord.objects.bulk_create(rows, batch_size=BATCH)
        self.counts["callrecord"] = len(rows)
        self.log(f"  call records: {len(rows)}")

    def run(self, *, force: bool = False) -> dict[str, int]:
        if Staff.objects.filter(username__startswith=PREFIX).exists():
            raise VolumeError("Volume data is already here; use a fresh database.")
        if real_data_present() and not force:
            raise VolumeError(
                "This database holds real (non-generated) leads; refusing without --force."
            )
        with transaction.atomic():
            self.make_staff()
            self.make_leads()
            self.make_complaints()
            self.make_calls()
        with transaction.atomic():
            self.make_attendance()
        return self.counts


def checksum() -> str:
    """A digest of the generated data's shape: counts and per-state/per-status tallies."""
    parts = [
        sorted(Lead.objects.values_list("state").annotate(n=models.Count("id"))),
        sorted(Complaint.objects.values_list("status").annotate(n=models.Count("id"))),
        Assignment.objects.count(),
        Contract.objects.aggregate(s=models.Sum("amount"))["s"],
        list(Lead.objects.order_by("id").values_list("phone", "state", "designer__username")[:200]),
        ClockRecord.objects.count(),
        DailyStatus.objects.count(),
        CallRecord.objects.count(),
        Callback.objects.count(),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()
