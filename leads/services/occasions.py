"""CARE-3 occasions: the nightly greeting list — festivals from the holiday calendar and
move-in anniversaries from the customer profiles — never listing a customer who declined.

Idempotent like the other nightly jobs: one Greeting per (day, occasion, phone), written with
`ignore_conflicts`, so re-running a date (or two runs racing) adds nothing.

The holiday calendar is attendance's, a floor above leads: attendance hands its reader down at
start-up (`use_holiday_calendar` in AttendanceConfig.ready), so leads never imports it. A run
without a registered calendar fails loudly rather than silently listing no festival.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Staff

from ..models import Contract, CustomerProfile, Greeting, Lead
from ..rules import care as rules
from .errors import LeadError

# (start, end) -> {holiday: its name}, both ends included; "" for a holiday without a name.
HolidayNames = Callable[[date, date], dict[date, str]]


def _no_calendar(start: date, end: date) -> dict[date, str]:
    raise RuntimeError("No holiday calendar registered (attendance registers it at start-up).")


_holiday_names: HolidayNames = _no_calendar


def use_holiday_calendar(reader: HolidayNames) -> None:
    """Where festivals come from: called once at start-up by the app that keeps the calendar."""
    global _holiday_names
    _holiday_names = reader


def _holidays(day: date) -> dict[date, str]:
    """The day and the day before: a festival is greeted on its first day only (CARE-3)."""
    return _holiday_names(day - timedelta(days=1), day)


def _customers(day: date, festival: str | None) -> list[rules.Customer]:
    """Signed customers (on a festival) and those whose move-in month it is, one per phone."""
    leads: dict[str, tuple[int, str]] = {}
    signed: set[str] = set()
    if festival:
        rows = (
            Contract.objects.filter(refunded_at__isnull=True)
            .order_by("lead__phone", "-signed_on", "-id")
            .values_list("lead__phone", "lead_id", "lead__customer_name")
        )
        for phone, lead_id, name in rows:
            leads.setdefault(phone, (lead_id, name))
            signed.add(phone)
    # Declined profiles come along whatever the day (they only remove people); the others
    # matter only in their move-in month. No IN over every signed phone.
    profiles = CustomerProfile.objects.filter(
        Q(moved_in_on__month=day.month) | Q(consent=rules.Consent.DECLINED)
    ).only("phone", "consent", "moved_in_on")
    by_phone = {profile.phone: profile for profile in profiles}
    missing = [
        phone
        for phone, profile in by_phone.items()
        if phone not in leads and rules.is_anniversary(profile.moved_in_on, day)
    ]
    latest = (
        Lead.objects.filter(phone__in=missing)
        .order_by("phone", "-created_at", "-id")
        .values_list("phone", "id", "customer_name")
    )
    for phone, lead_id, name in latest:
        leads.setdefault(phone, (lead_id, name))
    customers = []
    for phone, (lead_id, name) in leads.items():
        profile = by_phone.get(phone)
        customers.append(
            rules.Customer(
                phone=phone,
                name=name,
                lead_id=lead_id,
                consent=rules.Consent(profile.consent) if profile else rules.Consent.UNKNOWN,
                moved_in_on=profile.moved_in_on if profile else None,
                signed=phone in signed,
            )
        )
    return customers


@transaction.atomic
def build_greetings(*, day: date) -> int:
    """Write `day`'s greeting list; returns how many rows are new (0 on a re-run)."""
    festival = rules.festival_on(day, _holidays(day))
    items = rules.greetings_for(
        day, festival, _customers(day, festival), str(_("Move-in anniversary"))
    )
    before = Greeting.objects.filter(day=day).count()
    Greeting.objects.bulk_create(
        [
            Greeting(
                day=day,
                occasion=item.occasion,
                label=item.label[:60],
                phone=item.customer.phone,
                customer_name=item.customer.name,
                lead_id=item.customer.lead_id,
            )
            for item in items
        ],
        ignore_conflicts=True,  # Race/re-run: the unique (day, occasion, phone) keeps one row
    )
    return Greeting.objects.filter(day=day).count() - before


@transaction.atomic
def mark_greeted(*, greeting: Greeting, by: Staff) -> Greeting:
    """An agent has greeted the customer; the first one to record it stays."""
    row = Greeting.objects.select_for_update().get(pk=greeting.pk)
    if row.done_at is not None:
        raise LeadError(_("This greeting is already recorded."))
    row.done_at, row.done_by = timezone.now(), by
    row.save(update_fields=["done_at", "done_by"])
    return row
