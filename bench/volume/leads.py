"""Generated leads: intake through the day, dispatch by rotation within the caps, and what happened
next (measured, signed, closed as invalid or dead). Each lead's later rows are planned in a `step`
dict here and written by `lead_rows`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from dispatch.models import CapacityRule, SeasonPeriod, Skip, TierRule
from dispatch.rules import Season, season_for
from leads.models import Lead
from leads.rules.intake import normalize_address
from leads.rules.intake import size_class as size_class_of
from staff.models import DesignerTier, Role, Staff

from . import names
from .base import BATCH, TZ, Run, explicit_timestamps, person_name, some_days
from .lead_rows import make_lead_rows

CHANNELS = (
    ["WALK_IN"] * 3
    + ["PHONE"] * 3
    + ["MARKETING"] * 2
    + ["ENGINEERING", "REFERRAL", "ONLINE", "ONLINE", "SHOWROOM", "OTHER"]
)
INVALID_REASONS = ["UNREACHABLE", "NO_PLAN", "LOW_VALUE"]
DEAD_REASONS = ["PRICE", "SERVICE", "TECHNICAL", "COMPETITION", "CUSTOMER"]


@dataclass
class Rotation:
    """Round-robin dispatch that obeys the tier table (DISP-1) and the day, week and season caps
    (DISP-5/6); the designers it passes over are kept with the cap that stopped them (Skip rows)."""

    designers: list[Staff]
    allowed: dict[str, set[str]]
    seasons: list[tuple]
    day_cap: int = 2
    week_cap: int = 6
    season_off: int = 2
    season_peak: int = 4
    position: int = 0
    day_load: dict = field(default_factory=lambda: defaultdict(int))
    week_load: dict = field(default_factory=lambda: defaultdict(int))
    # Per designer and week, the day each lead stopped holding a season slot (None: still holds).
    week_open: dict = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def from_database(cls, designers: list[Staff], end: date) -> Rotation:
        allowed: dict[str, set[str]] = defaultdict(set)
        for size, tier in TierRule.objects.values_list("size_class", "tier"):
            allowed[size].add(tier)
        seasons = list(SeasonPeriod.objects.values_list("start", "end", "kind"))
        rotation = cls(designers, allowed, seasons)
        rules = CapacityRule.objects.filter(effective_from__lte=end)
        cap = rules.order_by("-effective_from").first()
        if cap:
            rotation.day_cap, rotation.week_cap = cap.day_cap, cap.week_cap
            rotation.season_off, rotation.season_peak = cap.season_cap_off, cap.season_cap_peak
        return rotation

    def pick(self, size: str, day: date) -> tuple[Staff | None, list[tuple[Staff, str]]]:
        """The next designer of a fitting tier under every cap, and those passed over."""
        fits = self.allowed.get(size) or {t.value for t in DesignerTier}
        passed_over = []
        count = len(self.designers)
        for k in range(count):
            designer = self.designers[(self.position + k) % count]
            if designer.designer_tier not in fits:
                continue
            full = self._full(designer, day)
            if full:
                passed_over.append((designer, full))
                continue
            self.position = (self.position + k + 1) % count
            return designer, passed_over
        return None, passed_over

    def _full(self, designer: Staff, day: date) -> str | None:
        week = day.isocalendar()[:2]
        if self.day_load[designer.pk, day] >= self.day_cap:
            return Skip.Reason.DAY_CAP
        if self.week_load[designer.pk, week] >= self.week_cap:
            return Skip.Reason.WEEK_CAP
        held = sum(1 for left in self.week_open[designer.pk, week] if left is None or left > day)
        peak = season_for(day, self.seasons) == Season.PEAK
        if held >= (self.season_peak if peak else self.season_off):
            return Skip.Reason.SEASON_CAP
        return None

    def record(self, designer: Staff, day: date, left: date | None) -> None:
        week = day.isocalendar()[:2]
        self.day_load[designer.pk, day] += 1
        self.week_load[designer.pk, week] += 1
        self.week_open[designer.pk, week].append(left)


class LeadMaker:
    def __init__(self, run: Run) -> None:
        self.run, self.plan, self.rng = run, run.plan, run.rng
        self.rotation = Rotation.from_database(run.by_role[Role.DESIGNER], run.plan.end)
        roles = run.by_role
        self.front, self.sales = roles[Role.FRONT_DESK], roles[Role.MARKETING_SALES]
        self.cms, self.cs = roles[Role.CUSTOMER_MANAGER], roles[Role.CS_AGENT]
        self.dm = roles[Role.DESIGN_MANAGER][0]

    def make(self) -> None:
        days = (self.plan.end - self.plan.start).days
        stamps = sorted(self.rng.randrange(days * 86400) for _ in range(self.plan.leads))
        leads, plans = [], []
        for i, offset in enumerate(stamps):
            lead = self._intake(i, offset)
            leads.append(lead)
            plans.append(self._story(lead))
        fields = Lead._meta.get_field("created_at"), Lead._meta.get_field("updated_at")
        with explicit_timestamps(*fields):
            Lead.objects.bulk_create(leads, batch_size=BATCH)
        self.run.tally("leads", len(leads), "leads")
        make_lead_rows(self.run, plans)

    def _intake(self, i: int, offset: int) -> Lead:
        """The lead as the front desk registered it (i numbers the phone and the flat)."""
        rng = self.rng
        created = datetime.combine(self.plan.start, time(0), TZ) + timedelta(seconds=offset)
        created = created.replace(hour=9 + created.hour % 10)
        day = created.date()
        thousands = [rng.randrange(8, 30), rng.randrange(30, 50), rng.randrange(50, 300)]
        budget = Decimal(rng.choice(thousands) * 1000)
        community = rng.choice(names.COMMUNITIES)
        building = f"{i // 600 + 1}号楼{i // 100 % 6 + 1}单元{i % 100 + 101}"
        channel = rng.choice(CHANNELS)
        brought = rng.choice(self.sales) if channel == "MARKETING" else None
        return Lead(
            customer_name=person_name(rng),
            phone=f"1{[38, 39, 50, 86][i % 4]}{i:08d}",
            community=community,
            building=building,
            address_key=normalize_address(community, building),
            area_m2=Decimal(rng.randrange(40, 260)),
            budget=budget,
            size_class=str(size_class_of(budget)),
            planned_decoration_date=day + timedelta(days=30 + i % 90),
            channel=channel,
            consultation_date=day,
            brought_by=brought,
            owner=brought,
            created_by=rng.choice(self.front),
            created_at=created,
            updated_at=created,
        )

    def _story(self, lead: Lead) -> dict:
        """Dispatch the lead (or not) and decide what happened to it; returns its rows' plan."""
        rng, day = self.rng, lead.consultation_date
        step = {"lead": lead, "claim": lead.brought_by, "cm": rng.choice(self.cms)}
        r, r2, r3, r4 = rng.random(), rng.random(), rng.random(), rng.random()
        measured = day + some_days(rng, 1, 5)
        signed = measured + some_days(rng, 3, 30)
        designer, passed_over = None, []
        if r >= 0.10:
            designer, passed_over = self.rotation.pick(lead.size_class, day)
        if designer is None:
            self._undispatched(lead, step, stale=r < 0.10 or (self.plan.end - day).days > 14)
        else:
            at = lead.created_at + timedelta(hours=rng.randrange(1, 6))
            lead.designer, lead.dispatched_at, lead.levels_introduced = designer, at, True
            step["assign"], step["skips"] = (designer, at, step["cm"]), passed_over
            lead.state = "DISPATCHED"
            left = self._after_dispatch(lead, step, measured, signed, (r2, r3, r4))
            self.rotation.record(designer, day, left)
        if "close" in step:
            closed_day = min(step["close"][4], self.plan.end)
            lead.closed_at = datetime.combine(closed_day, time(16), TZ)
        step["cs"], step["dm"] = rng.choice(self.cs), self.dm
        return step

    def _undispatched(self, lead: Lead, step: dict, *, stale: bool) -> None:
        """Left undispatched: still new if recent, else closed as invalid."""
        lead.state = "NEW"
        if not stale:
            return
        reason = self.rng.choice(INVALID_REASONS)
        _close(lead, step, "INVALID", reason, lead.consultation_date + some_days(self.rng, 3, 20))

    def _after_dispatch(self, lead, step, measured: date, signed: date, rolls) -> date | None:
        """Measured, signed, or closed after dispatch; returns the day the lead stopped holding
        the designer's season slot (None while it still holds it)."""
        rng, end, (r2, r3, r4) = self.rng, self.plan.end, rolls
        day = lead.consultation_date
        if r2 < 0.15:
            left = day + some_days(rng, 1, 6)
            reason = rng.choice([*INVALID_REASONS, "OTHER"])
            _close(lead, step, "INVALID", reason, left)
            return left
        if measured >= end or (r2 < 0.25 and (end - day).days <= 21):
            return None
        step["measure"], lead.state = measured, "MEASURED"
        if r3 < 0.25:
            reason = rng.choice(DEAD_REASONS)
            _close(lead, step, "DEAD", reason, measured + some_days(rng, 5, 40))
        elif r3 >= 0.40 and signed < end:
            step["sign"], lead.state = signed, "SIGNED"
            if r4 < 0.07:
                _close(lead, step, "DEAD", "REFUND", signed + some_days(rng, 10, 60))
        return measured


def _close(lead: Lead, step: dict, kind: str, reason: str, on: date) -> None:
    """Plan a confirmed closure (CLOSE-1: from the state the lead was in, LEAD-3: its reason)."""
    step["close"] = (kind, lead.state, reason, step["cm"], on)
    lead.state, lead.state_before_closure = kind, lead.state


def make_leads(run: Run) -> None:
    LeadMaker(run).make()
