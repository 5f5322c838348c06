"""Demo lifecycle for `manage.py seed_demo`, run by leads.demo.seed after the demo leads exist.

Takes the older demo leads on through the services — measurement, contracts, closures in every
state (awaiting confirmation, confirmed, rejected, reopened; a refund), a private-contact finding
after signing — then dates each step back to the day it "happened". Adds the firm's commission
rules for designers and salespeople (with a rate change this month), marks last month's
commission paid (so the refund shows as a claw-back this month), closes the old callbacks with
their outcomes and leaves a few due and overdue; the reminder job then runs once.
Idempotent: once a demo lead has a contract or a closure, running it again changes nothing.
"""

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from staff.models import Notification, Staff

from .models import (
    OPEN_CALLBACK,
    Callback,
    Closure,
    CommissionEntry,
    CommissionMonth,
    CommissionRule,
    Contract,
    Lead,
    LeadEvent,
    LeadState,
    Measurement,
)
from .rules.commission import month_of, next_month
from .services import callbacks, claims, closures, commission, contracts, measurement

NOTE = "演示数据"
ADVANCED = 10  # older dispatched demo leads taken on after dispatch
OUTCOMES = [
    "设计师已电话联系，约好周末量房",
    "客户确认设计师已加微信沟通",
    "客户对设计师的方案初步满意",
    "客户说还在比较几家公司",
    "已联系，客户近期出差，下周再约",
]


def seed(*, phone_prefix: str) -> int:
    """Take the demo leads (phones starting with `phone_prefix`) through their lifecycle once."""
    demo = Lead.objects.filter(phone__startswith=phone_prefix)
    people = _people()
    seeded = Q(contracts__isnull=False) | Q(closures__isnull=False)
    if people is None or demo.filter(seeded).exists():
        return 0
    today = timezone.localdate()
    with transaction.atomic():
        started = timezone.now()
        created = _rules(today)
        created += _after_dispatch(people, demo, today, random.Random(2026))
        created += _invalid_closures(people, demo, today)
        _close_old_callbacks(demo, today, random.Random(7))
        # The seed's own notifications describe the past: leave them read.
        Notification.objects.filter(created_at__gte=started).update(read_at=timezone.now())
    run = callbacks.send_due_reminders()  # today's overdue callbacks: these stay unread
    return created + run.reminded


def _people() -> dict[str, Staff] | None:
    """The demo customer manager, design manager, HR and an agent (staff/demo.py)."""
    names = ["cmanager", "dmanager", "hr", "agent"]
    by_name = {person.username: person for person in Staff.objects.filter(username__in=names)}
    return by_name if len(by_name) == len(names) else None


# --- timing: each step happened on its day ------------------------------------------------------

# (model, field, how the row belongs to the lead): timestamps a step may write.
STAMPED = [
    (Lead, "closed_at", "pk"),
    (LeadEvent, "at", "lead"),
    (Measurement, "recorded_at", "lead"),
    (Contract, "recorded_at", "lead"),
    (Contract, "refunded_at", "lead"),
    (Closure, "proposed_at", "lead"),
    (Closure, "decided_at", "lead"),
    (Closure, "gm_notified_at", "lead"),
    (Closure, "reopened_at", "lead"),
    (Callback, "created_at", "lead"),
    (Callback, "due_at", "lead"),
    (Callback, "done_at", "lead"),
    (Callback, "cancelled_at", "lead"),
    (CommissionEntry, "created_at", "contract__lead"),
    (CommissionEntry, "voided_at", "contract__lead"),
]


def _on(when: datetime, lead: Lead, step: Callable[[], object]) -> object:
    """Run `step` now, then move every timestamp it wrote back to `when` (offsets kept, so a
    callback due three days after the step is due three days after `when`)."""
    since = timezone.now()
    result = step()
    delta = timezone.now() - when
    for model, field, owner in STAMPED:
        rows = model.objects.filter(**{owner: lead.pk, f"{field}__gte": since})
        rows.update(**{field: F(field) - delta})
    for history in (lead.history, Closure.history.filter(lead_id=lead.pk)):
        history.filter(history_date__gte=since).update(history_date=F("history_date") - delta)
    lead.refresh_from_db()
    return result


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


# --- commission rules (COM-1) -------------------------------------------------------------------


def _rules(today: date) -> int:
    """The firm's amounts for designers and salespeople; designers' design-contract rate rose
    this month (older contracts keep 200)."""
    start = date(today.year - 1, 1, 1)
    rows = [
        ("DESIGNER", "DESIGN", 200, start),
        ("DESIGNER", "DESIGN", 260, month_of(today)),
        ("DESIGNER", "CONSTRUCTION", 500, start),
        ("MARKETING_SALES", "", 100, start),
    ]
    created = 0
    for role, kind, amount, valid_from in rows:
        _row, new = CommissionRule.objects.get_or_create(
            role=role,
            contract_type=kind,
            valid_from=valid_from,
            defaults={"amount": Decimal(amount), "note": NOTE},
        )
        created += new
    return created


# --- measurement, contracts, dead closures --------------------------------------------------------


def _after_dispatch(people: dict[str, Staff], demo, today: date, rng: random.Random) -> int:
    old = demo.filter(
        state=LeadState.DISPATCHED, dispatched_at__lt=_at(today - timedelta(days=20), 0)
    )
    leads = list(old.select_related("designer").order_by("dispatched_at")[:ADVANCED])
    plans = [
        _signed_twice,
        _signed,
        _signed_construction,
        _refunded,
        _dead_proposed,
        _dead_confirmed,
        _measured_overdue,
        _measured_recently,
        _private_after_signing,
        _dead_rejected,
    ]
    numbers = iter(range(1, 100))
    later = [plan(lead, people, today, rng, numbers) for lead, plan in zip(leads, plans)]
    _pay_past_months(people["hr"], today)
    for step in later:
        if step is not None:
            step()  # after the months were paid: a refund becomes a claw-back this month
    return len(leads)


def _measure(lead: Lead, days_after: int, today: date) -> date:
    day = min(timezone.localdate(lead.dispatched_at) + timedelta(days=days_after), today)
    _on(
        _at(day, 17),
        lead,
        lambda: measurement.record_measurement(
            lead=lead, measured_on=day, by=lead.designer, note="现场量房，已拍照"
        ),
    )
    return day


def _sign(lead: Lead, day: date, kind: str, amount: int, numbers, today: date) -> Contract:
    day = min(day, today - timedelta(days=1))
    prefix = "SJ" if kind == "DESIGN" else "SG"
    return _on(
        _at(day, 15),
        lead,
        lambda: contracts.record_contract(
            lead=lead,
            number=f"{prefix}{day:%Y%m}-{next(numbers):03d}",
            contract_type=kind,
            amount=Decimal(amount),
            signed_on=day,
            by=lead.designer,
        ),
    )


def _signed(lead, people, today, rng, numbers, kind="DESIGN") -> None:
    measured = _measure(lead, rng.randint(2, 4), today)
    amount = rng.choice([8000, 12000, 15000]) if kind == "DESIGN" else rng.choice([98000, 156000])
    _sign(lead, measured + timedelta(days=rng.randint(4, 9)), kind, amount, numbers, today)


def _signed_twice(lead, people, today, rng, numbers) -> None:
    _signed(lead, people, today, rng, numbers)
    signed = lead.contracts.get().signed_on
    _sign(lead, signed + timedelta(days=12), "CONSTRUCTION", 168000, numbers, today)


def _signed_construction(lead, people, today, rng, numbers) -> None:
    _signed(lead, people, today, rng, numbers, kind="CONSTRUCTION")


def _refunded(lead, people, today, rng, numbers) -> Callable[[], None]:
    _signed(lead, people, today, rng, numbers)
    return lambda: _refund(lead, people, today)


def _refund(lead: Lead, people: dict[str, Staff], today: date) -> None:
    day = today - timedelta(days=3)
    closure = _on(
        _at(day, 10),
        lead,
        lambda: closures.propose_closure(
            lead=lead,
            reason="REFUND",
            customer_words="家里老人生病，装修计划取消，要求退定金。",
            explanation="已签设计合同，客户书面申请退单。",
            by=people["cmanager"],
        ),
    )
    _on(
        _at(day + timedelta(days=1), 11),
        lead,
        lambda: closures.confirm_closure(
            closure=closure, by=people["dmanager"], note="二次回访属实，同意退单。"
        ),
    )


def _dead_proposed(lead, people, today, rng, numbers) -> None:
    _measure(lead, 3, today)
    _on(
        timezone.now() - timedelta(hours=30),
        lead,
        lambda: closures.propose_closure(
            lead=lead,
            reason="PRICE",
            customer_words="报价比别家高了两万，再考虑考虑。",
            explanation="客户预算有限，对主材价格敏感。",
            by=people["agent"],
        ),
    )


def _dead_confirmed(lead, people, today, rng, numbers) -> None:
    measured = _measure(lead, 3, today)
    day = measured + timedelta(days=6)
    closure = _on(
        _at(day, 10),
        lead,
        lambda: closures.propose_closure(
            lead=lead,
            reason="COMPETITION",
            customer_words="已经和另一家装修公司签了。",
            explanation="量房后设计师三天未出方案，客户转投他司。",
            by=people["cmanager"],
        ),
    )
    _on(
        _at(day + timedelta(days=1), 16),
        lead,
        lambda: closures.confirm_closure(
            closure=closure,
            by=people["dmanager"],
            note="再次回访，客户确认已与他司签约。",
            responsible=lead.designer,
            penalty=Decimal(100),
        ),
    )


def _dead_rejected(lead, people, today, rng, numbers) -> None:
    measured = _measure(lead, 2, today)
    day = min(measured + timedelta(days=5), today - timedelta(days=2))
    closure = _on(
        _at(day, 9),
        lead,
        lambda: closures.propose_closure(
            lead=lead,
            reason="SERVICE",
            customer_words="设计师回复太慢，不想做了。",
            by=people["cmanager"],
        ),
    )
    _on(
        _at(day + timedelta(days=1), 14),
        lead,
        lambda: closures.reject_closure(
            closure=closure,
            by=people["dmanager"],
            note="二次回访客户仍有意向，已换设计师助理跟进。",
        ),
    )


def _measured_overdue(lead, people, today, rng, numbers) -> None:
    """Measured five days ago: the callback three days later is two days overdue."""
    _on(
        _at(today - timedelta(days=5), 16),
        lead,
        lambda: measurement.record_measurement(
            lead=lead, measured_on=today - timedelta(days=5), by=lead.designer
        ),
    )


def _measured_recently(lead, people, today, rng, numbers) -> None:
    _on(
        _at(today - timedelta(days=2), 16),
        lead,
        lambda: measurement.record_measurement(
            lead=lead, measured_on=today - timedelta(days=2), by=lead.designer
        ),
    )


def _private_after_signing(lead, people, today, rng, numbers) -> None:
    _signed(lead, people, today, rng, numbers)
    signed = lead.contracts.get().signed_on
    _on(
        _at(min(signed + timedelta(days=3), today), 11),
        lead,
        lambda: claims.record_private_contact(
            lead=lead,
            designer=lead.designer,
            description="客户反映派单前设计师已私下上门报价。",
            by=people["cmanager"],
        ),
    )


def _pay_past_months(hr: Staff, today: date) -> None:
    """HR marked each past month's commission paid on the 3rd of the next month."""
    this_month = month_of(today)
    months = CommissionEntry.objects.filter(month__lt=this_month).values_list("month", flat=True)
    for month in sorted(set(months)):
        if CommissionMonth.objects.filter(month=month).exists():
            continue
        row = commission.mark_month_paid(month=month, by=hr, note="随工资发放")
        paid_at = min(_at(next_month(month) + timedelta(days=2), 17), timezone.now())
        CommissionMonth.objects.filter(pk=row.pk).update(paid_at=paid_at)


# --- invalid closures before measurement --------------------------------------------------------


def _invalid_closures(people: dict[str, Staff], demo, today: date) -> int:
    """Leads without a budget (not dispatchable) closed as invalid in every state."""
    leads = list(demo.filter(state=LeadState.NEW, budget__isnull=True).order_by("created_at")[:4])
    plans = ["confirm", "propose", "reject", "reopen"]
    for lead, plan in zip(leads, plans):
        _invalid(lead, plan, people, today)
    return len(leads)


def _invalid(lead: Lead, plan: str, people: dict[str, Staff], today: date) -> None:
    day = min(timezone.localdate(lead.created_at) + timedelta(days=3), today - timedelta(days=2))
    when = _at(day, 10) if plan != "propose" else timezone.now() - timedelta(hours=5)
    reason, words = ("UNREACHABLE", "电话三次无人接听，短信未回复。")
    if plan == "reject":
        reason, words = ("LOW_VALUE", "只想刷墙，预算一万以内。")
    closure = _on(
        when,
        lead,
        lambda: closures.propose_closure(
            lead=lead, reason=reason, customer_words=words, by=people["cmanager"]
        ),
    )
    if plan == "propose":
        return
    decide_at = when + timedelta(days=1)
    manager = people["dmanager"]
    if plan == "reject":
        note = "客户说明年再装，先保留跟进。"
        _on(
            decide_at, lead, lambda: closures.reject_closure(closure=closure, by=manager, note=note)
        )
        return
    note = "再次致电仍无法联系，确认无效。"
    _on(decide_at, lead, lambda: closures.confirm_closure(closure=closure, by=manager, note=note))
    if plan == "reopen":
        reason = "客户主动回电，留了新的联系时间。"
        _on(
            decide_at + timedelta(hours=30),
            lead,
            lambda: closures.reopen_lead(lead=lead, reason=reason, by=people["cmanager"]),
        )


# --- callbacks ---------------------------------------------------------------------------------


def _close_old_callbacks(demo, today: date, rng: random.Random) -> None:
    """Callbacks due before yesterday were made at the time, each with what the customer said;
    the recent ones stay open (due today, tomorrow, or overdue since yesterday)."""
    old = (
        Callback.objects.filter(OPEN_CALLBACK, lead__in=demo)
        .filter(due_at__lt=_at(today - timedelta(days=1), 0))
        .exclude(kind="CLOSURE_PENDING")
        .exclude(kind="AFTER_MEASUREMENT", due_at__gte=_at(today - timedelta(days=3), 0))
    )
    for callback in old.select_related("assignee"):
        callback.done_at = callback.due_at + timedelta(hours=rng.randint(1, 5))
        callback.done_by = callback.assignee
        callback.outcome = rng.choice(OUTCOMES)
        callback.reminded_at = callback.due_at
        callback.save(update_fields=["done_at", "done_by", "outcome", "reminded_at"])
