"""Demo leads for `manage.py seed_demo`: about 60 customers over the last two months.

Everything goes through the services (intake, claims, slips, filing, dispatch), so timelines,
claims, rulings and history are what real use would leave; the timestamps are then moved to the
day each step "happened". Here states are NEW and DISPATCHED only; leads.demo_lifecycle then
takes the older ones on (measurement, contracts, closures, callbacks, commission). A dispatched
lead has a designer of the tier its size class needs (DISP-1), at most 2 a day and 6 a week per
designer (DISP-3), and a marketing lead is dispatched only with a fully signed slip (SLIP-2).
Idempotent: a customer whose phone exists already is skipped.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from staff.models import Delegation, DesignerTier, Notification, Role, Staff

from . import demo_care, demo_lifecycle
from .models import (
    Callback,
    Channel,
    DailyFiling,
    Lead,
    LeadEvent,
    LeadState,
    OwnershipClaim,
    OwnershipRuling,
    PhoneList,
    SizeClass,
    SlipSignature,
    TransferSlip,
)
from .services import claims, filing, intake, phone_lists, slip_checks, slips, states

COMMUNITIES = [
    ("望京花园", "朝阳区"),
    ("天通苑东三区", "昌平区"),
    ("回龙观龙泽苑", "昌平区"),
    ("首开华润城", "丰台区"),
    ("远洋山水", "石景山区"),
    ("万科城市花园", "顺义区"),
    ("珠江帝景", "朝阳区"),
    ("当代MOMA", "东城区"),
    ("金隅丽景园", "海淀区"),
    ("融泽嘉园", "海淀区"),
    ("世华泊郡", "海淀区"),
    ("富力城", "朝阳区"),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "秀英",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀兰",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "志强",
    "海燕",
]
CHANNEL_PLAN = (
    [Channel.WALK_IN] * 15
    + [Channel.PHONE] * 9
    + [Channel.MARKETING] * 14
    + [Channel.ENGINEERING] * 5
    + [Channel.REFERRAL] * 6
    + [Channel.ONLINE] * 6
    + [Channel.SHOWROOM] * 4
)
TIERS_FOR_SIZE = {
    SizeClass.SMALL: (DesignerTier.DESIGNER, DesignerTier.DEPUTY_DIRECTOR),
    SizeClass.MEDIUM: (DesignerTier.DIRECTOR,),
    SizeClass.LARGE: (DesignerTier.CHIEF,),
}
PHONE_PREFIX = "1380013"  # demo customers: 1380013xxxx


@dataclass
class Cast:
    """The demo staff the leads need (from staff/demo.py)."""

    front_desk: list[Staff]
    sales: list[Staff]
    engineers: list[Staff]
    designers: list[Staff]
    cmanager: Staff
    mktmanager: Staff
    store: Staff
    dmanager: Staff


def _cast() -> Cast | None:
    by_no = {person.employee_no: person for person in Staff.objects.all()}
    needed = ["E003", "E004", "E005", "E006", "E007", "E011", "E014", "E017", "E027"]
    if any(number not in by_no for number in needed):
        return None
    return Cast(
        front_desk=[by_no[n] for n in ("E007", "E008") if n in by_no],
        sales=[by_no[n] for n in ("E011", "E012", "E013", "E030") if n in by_no],
        engineers=[by_no[n] for n in ("E014", "E015") if n in by_no],
        designers=list(Staff.objects.filter(groups__name=Role.DESIGNER).order_by("employee_no")),
        cmanager=by_no["E003"],
        mktmanager=by_no["E006"],
        store=by_no["E005"],
        dmanager=by_no["E004"],
    )


def seed() -> int:
    """Create the demo leads that do not exist yet, then take the older ones through their
    lifecycle (leads.demo_lifecycle); return how many were created."""
    cast = _cast()
    if cast is None:
        return 0
    created = 0
    if not Lead.objects.filter(phone__startswith=PHONE_PREFIX).exists():
        with transaction.atomic():
            started = timezone.now()
            created = _seed(cast, random.Random(2026))
            # The seed's notifications describe the past: leave them read.
            Notification.objects.filter(created_at__gte=started).update(read_at=timezone.now())
    created += demo_lifecycle.seed(phone_prefix=PHONE_PREFIX)
    return created + demo_care.seed(phone_prefix=PHONE_PREFIX)  # CARE-1/2/4/5


def _seed(cast: Cast, rng: random.Random) -> int:
    today = timezone.localdate()
    booked = _DispatchBook()
    created = 0
    for number, channel in enumerate(CHANNEL_PLAN):
        day = today - timedelta(days=58 - number)  # one a day or so, oldest first
        lead = _register(cast, rng, number, channel, day)
        created += 1
        if channel == Channel.MARKETING:
            _slip_stage(cast, rng, lead, number, day)
        if number % 3 != 2 and day < today - timedelta(days=2):
            _maybe_dispatch(cast, lead, day + timedelta(days=1), booked)
    _disputes(cast)
    _private_contact(cast)
    _filings(cast, rng, today)
    _phone_list(cast, rng)
    return created


# --- moving the seed's timestamps into the past -------------------------------------------------


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _move(lead: Lead, since: datetime, when: datetime) -> None:
    """Rows of `lead` written since `since` happened at `when`."""
    Lead.objects.filter(pk=lead.pk, created_at__gte=since).update(created_at=when)
    Lead.objects.filter(pk=lead.pk, first_visit_at__gte=since).update(first_visit_at=when)
    Lead.objects.filter(pk=lead.pk, dispatched_at__gte=since).update(dispatched_at=when)
    LeadEvent.objects.filter(lead=lead, at__gte=since).update(at=when)
    OwnershipClaim.objects.filter(lead=lead, recorded_at__gte=since).update(recorded_at=when)
    OwnershipClaim.objects.filter(lead=lead, visit_at__gte=since).update(visit_at=when)
    OwnershipRuling.objects.filter(lead=lead, ruled_at__gte=since).update(ruled_at=when)
    TransferSlip.objects.filter(lead=lead, filled_at__gte=since).update(filled_at=when)
    TransferSlip.objects.filter(lead=lead, dispatched_at__gte=since).update(dispatched_at=when)
    SlipSignature.objects.filter(slip__lead=lead, signed_at__gte=since).update(signed_at=when)
    lead.history.filter(history_date__gte=since).update(history_date=when)
    for callback in Callback.objects.filter(lead=lead, created_at__gte=since):
        # Scheduled by the dispatch (CB-1): still due as long after `when` as after the dispatch.
        Callback.objects.filter(pk=callback.pk).update(
            created_at=when, due_at=when + (callback.due_at - callback.created_at)
        )
    lead.refresh_from_db()


# --- leads --------------------------------------------------------------------------------------


def _customer(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _budget(rng: random.Random, number: int) -> Decimal | None:
    if number % 11 == 7:
        return None  # budget not known yet: cannot be dispatched (DISP-2)
    return Decimal(rng.choice([18000, 22000, 26000, 28000, 35000, 42000, 46000, 60000, 85000]))


def _register(cast: Cast, rng: random.Random, number: int, channel: str, day: date) -> Lead:
    community, _district = COMMUNITIES[number % len(COMMUNITIES)]
    brought_by = _brought_by(cast, channel, number)
    registrar = brought_by if channel == Channel.MARKETING else cast.front_desk[number % 2]
    data = intake.IntakeData(
        customer_name=_customer(rng),
        phone=f"{PHONE_PREFIX}{number:04d}",
        channel=channel,
        consultation_date=day,
        community=community,
        building=_building(rng),
        area_m2=Decimal(rng.choice([58, 72, 89, 96, 105, 118, 126, 138, 160, 210])),
        budget=_budget(rng, number),
        planned_decoration_date=day + timedelta(days=rng.choice([20, 35, 60, 90])),
        brought_by=brought_by,
        named_by_customer=cast.sales[1] if channel == Channel.REFERRAL and number % 2 else None,
        notes=rng.choice(
            ["", "想做北欧风", "老房翻新，需拆改", "婚房，预算有弹性", "关注环保材料"]
        ),
        in_person=channel in (Channel.WALK_IN, Channel.SHOWROOM),
    )
    since = timezone.now()
    result = intake.register_lead(data=data, by=registrar)
    _move(result.lead, since, _at(day, 9 + number % 8, (number * 7) % 60))
    return result.lead


def _building(rng: random.Random) -> str:
    floor, room = rng.randint(1, 24), rng.randint(1, 4)
    return f"{rng.randint(1, 28)}号楼{rng.randint(1, 6)}单元{floor}0{room}"


def _brought_by(cast: Cast, channel: str, number: int) -> Staff | None:
    if channel == Channel.MARKETING:
        return cast.sales[number % len(cast.sales)]
    if channel == Channel.ENGINEERING:
        return cast.engineers[number % len(cast.engineers)]
    return None


# --- slips in every stage -----------------------------------------------------------------------


def _slip_stage(cast: Cast, rng: random.Random, lead: Lead, number: int, day: date) -> None:
    """Marketing leads: no slip (SLIP-5), filled, signed once, fully signed (one by a delegate)."""
    stage = number % 5
    if stage == 0:
        return  # no slip: flagged, no credit
    since = timezone.now()
    slip = slips.fill_slip(
        lead=lead,
        by=lead.brought_by,
        customer_intent=rng.choice(["三室两厅，简约现代", "希望尽快量房", "厨卫翻新为主"]),
        preferred_designer=cast.designers[number % len(cast.designers)] if stage == 4 else None,
    )
    _move(lead, since, _at(day, 17))
    if stage >= 2:
        since = timezone.now()
        slips.sign_slip(slip=slip, by=cast.mktmanager, today=day)
        _move(lead, since, _at(day + timedelta(days=1), 10))
    if stage >= 3:
        _store_signature(cast, lead, slip, day + timedelta(days=1), delegate=number % 2 == 1)


def _store_signature(cast: Cast, lead: Lead, slip, day: date, *, delegate: bool) -> None:
    signer = cast.store
    if delegate:  # the store manager was away: 李强 signs "for" 陈军 (SLIP-4)
        signer = cast.dmanager
        Delegation.objects.get_or_create(
            principal=cast.store,
            delegate=cast.dmanager,
            start=day - timedelta(days=1),
            defaults={"end": day + timedelta(days=2), "reason": "外出参加建材展"},
        )
    since = timezone.now()
    slips.sign_slip(slip=slip, by=signer, today=day)
    _move(lead, since, _at(day, 15))


# --- dispatch (DISP-1 tier, DISP-3 caps) ---------------------------------------------------------


class _DispatchBook:
    """Dispatches per designer per day and per week, so the demo respects the caps."""

    def __init__(self) -> None:
        self.days: dict[tuple[int, date], int] = {}
        self.weeks: dict[tuple[int, date], int] = {}
        self.turn = 0

    def take(self, designers: list[Staff], day: date) -> Staff | None:
        monday = day - timedelta(days=day.weekday())
        for offset in range(len(designers)):
            person = designers[(self.turn + offset) % len(designers)]
            if (
                self.days.get((person.pk, day), 0) < 2
                and self.weeks.get((person.pk, monday), 0) < 6
            ):
                self.days[(person.pk, day)] = self.days.get((person.pk, day), 0) + 1
                self.weeks[(person.pk, monday)] = self.weeks.get((person.pk, monday), 0) + 1
                self.turn += 1
                return person
        return None


def _maybe_dispatch(cast: Cast, lead: Lead, day: date, book: _DispatchBook) -> None:
    ready = lead.budget is not None and lead.area_m2 and lead.planned_decoration_date
    if not ready or slip_checks.slip_refusal(lead):
        return
    tiers = TIERS_FOR_SIZE[SizeClass(lead.size_class)]
    designer = book.take([d for d in cast.designers if d.designer_tier in tiers], day)
    if designer is None:
        return
    Lead.objects.filter(pk=lead.pk).update(levels_introduced=True)
    lead.refresh_from_db()
    since = timezone.now()
    states.mark_dispatched(lead=lead, designer=designer, by=cast.cmanager)
    slips.record_dispatch_on_slip(lead=lead, designer=designer, by=cast.cmanager)
    _move(lead, since, _at(day, 11))


# --- disputes, private contact ------------------------------------------------------------------


def _disputes(cast: Cast) -> None:
    """A salesperson claims a walk-in; another says the customer named them; the customer
    manager rules (ATTR-3, ATTR-5)."""
    walk_ins = Lead.objects.filter(
        phone__startswith=PHONE_PREFIX, channel=Channel.WALK_IN, state=LeadState.NEW
    ).order_by("created_at")[:2]
    for index, lead in enumerate(walk_ins):
        when = lead.created_at + timedelta(hours=3)
        data = intake.IntakeData(
            customer_name=lead.customer_name,
            phone=lead.phone,
            channel=Channel.MARKETING,
            consultation_date=timezone.localdate(when),
            community=lead.community,
            building=lead.building,
            area_m2=lead.area_m2,
            brought_by=cast.sales[index],
        )
        since = timezone.now()
        intake.register_lead(data=data, by=cast.sales[index])
        _move(lead, since, when)
        if index == 0:
            since = timezone.now()
            claims.rule_on_dispute(
                lead=lead,
                claim=None,
                reason="客户自行到店，业务员的电话在客户到店之后，归公司。",
                by=cast.cmanager,
            )
            _move(lead, since, when + timedelta(days=1))


def _private_contact(cast: Cast) -> None:
    lead = (
        Lead.objects.filter(phone__startswith=PHONE_PREFIX, state=LeadState.DISPATCHED)
        .order_by("-created_at")
        .first()
    )
    if lead is None:
        return
    since = timezone.now()
    claims.record_private_contact(
        lead=lead,
        designer=lead.designer,
        description="客户反映派单前设计师已私下加微信并报价。",
        by=cast.cmanager,
    )
    _move(lead, since, lead.dispatched_at + timedelta(days=2))


# --- daily filings in every state ---------------------------------------------------------------


def _filings(cast: Cast, rng: random.Random, today: date) -> None:
    plans = [
        (cast.sales[2], today - timedelta(days=5), "archive"),
        (cast.engineers[0], today - timedelta(days=3), "archive"),
        (cast.sales[3 % len(cast.sales)], today - timedelta(days=1), "confirm"),
        (cast.sales[0], today, "submit"),
        (cast.engineers[-1], today, "draft"),
    ]
    for index, (person, day, stage) in enumerate(plans):
        if DailyFiling.objects.filter(filed_by=person, filing_date=day).exists():
            continue
        since = timezone.now()
        sheet = filing.open_filing(by=person, filing_date=day)
        entries = [_filing_entry(rng, index * 10 + n, day) for n in range(2 + index % 2)]
        filing.add_entries(filing=sheet, entries=entries, by=person)
        if stage != "draft":
            filing.submit_filing(filing=sheet, by=person)
        if stage in ("confirm", "archive"):
            filing.confirm_filing(filing=sheet, by=person.supervisor or cast.mktmanager)
        if stage == "archive":
            filing.archive_filing(filing=sheet, by=cast.cmanager)
        _move_filing(sheet, since, day)


def _move_filing(sheet: DailyFiling, since: datetime, day: date) -> None:
    """The filing was written in the evening, confirmed and archived the next morning."""
    evening, morning = _at(day, 18), _at(day + timedelta(days=1), 9)
    sheet.entries.update(recorded_at=evening)
    DailyFiling.objects.filter(pk=sheet.pk, submitted_at__isnull=False).update(submitted_at=evening)
    DailyFiling.objects.filter(pk=sheet.pk, confirmed_at__isnull=False).update(confirmed_at=morning)
    DailyFiling.objects.filter(pk=sheet.pk, archived_at__isnull=False).update(archived_at=morning)
    for lead in Lead.objects.filter(filing_entries__filing=sheet).distinct():
        OwnershipClaim.objects.filter(lead=lead, recorded_at__gte=since).update(recorded_at=evening)
        _move(lead, since, morning)


def _filing_entry(rng: random.Random, number: int, day: date) -> filing.EntryData:
    community, _district = COMMUNITIES[(number * 5) % len(COMMUNITIES)]
    return filing.EntryData(
        customer_name=_customer(rng),
        phone=f"{PHONE_PREFIX}{500 + number:04d}",
        community=community,
        building=f"{rng.randint(1, 20)}号楼{rng.randint(1, 4)}单元{rng.randint(2, 18)}02",
        area_m2=Decimal(rng.choice([75, 90, 110, 130])),
        budget=Decimal(rng.choice([25000, 38000, 55000])),
        consultation_date=day - timedelta(days=rng.randint(0, 2)),
    )


# --- a marketing phone list (LEAD-5) ------------------------------------------------------------


def _phone_list(cast: Cast, rng: random.Random) -> None:
    if PhoneList.objects.filter(name="望京花园业主名单").exists():
        return
    known = list(
        Lead.objects.filter(phone__startswith=PHONE_PREFIX)
        .exclude(first_visit_at=None)
        .values_list("phone", flat=True)[:6]
    )
    rows = [phone_lists.PhoneRow(phone=p, customer_name="业主") for p in known]
    rows += [
        phone_lists.PhoneRow(
            phone=f"1391001{n:04d}",
            customer_name=_customer(rng),
            address=f"望京花园{n % 9 + 1}号楼",
        )
        for n in range(24)
    ]
    phone_lists.import_phone_list(
        name="望京花园业主名单", community="望京花园", rows=rows, by=cast.mktmanager
    )
