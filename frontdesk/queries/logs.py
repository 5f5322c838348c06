"""Reads of the reception and phone logs (FD-1, FD-2)."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from core.lists import sorted_rows
from leads.models import Channel, Lead

from ..models import LeadLink, PhoneConsultation, ReceptionEntry, VisitPurpose
from .common import day_bounds

# The channels of a customer who came to the office (LEAD-1: front desk registers walk-ins).
WALK_IN_CHANNELS = (Channel.WALK_IN, Channel.SHOWROOM)


def reception_log(
    *, day: date | None = None, purpose: str = "", q: str = ""
) -> QuerySet | list[ReceptionEntry]:
    """The day's 来访登记, newest first (FD-1). A walk-in registered through 登记客户 (the
    leads intake, which may not call up into this app) is listed too, as a row read from its
    lead (unsaved: no id): one query more, for a day's log only. The merged day is a list, which
    the list pattern sorts in Python (core.lists.sorted_rows)."""
    rows = _entries(day=day, purpose=purpose, q=q)
    if day is None or purpose not in ("", VisitPurpose.NEW_CUSTOMER):
        return rows
    merged = [*rows, *walk_ins_without_entry(day=day, q=q)]
    return sorted_rows(merged, ("-arrived_at", "-id"))


def walk_ins_without_entry(*, day: date, q: str = "") -> list[ReceptionEntry]:
    """Walk-in and showroom leads registered on `day` with no reception entry, each as an
    unsaved entry (FD-1: visitor, purpose, time, receiver, lead created)."""
    start, end = day_bounds(day)
    leads = (
        Lead.objects.filter(channel__in=WALK_IN_CHANNELS, created_at__gte=start, created_at__lt=end)
        .exclude(Exists(ReceptionEntry.objects.filter(lead=OuterRef("pk"))))
        .select_related("created_by")
    )
    if q:
        leads = leads.filter(
            Q(customer_name__icontains=q) | Q(phone__contains=q) | Q(notes__icontains=q)
        )
    return [_as_entry(lead) for lead in leads]


def _as_entry(lead: Lead) -> ReceptionEntry:
    entry = ReceptionEntry(
        arrived_at=lead.first_visit_at or lead.created_at,
        visitor_name=lead.customer_name,
        phone=lead.phone,
        purpose=VisitPurpose.NEW_CUSTOMER,
        receiver=lead.created_by,
        notes=lead.notes,
        lead=lead,
        lead_link=LeadLink.CREATED,
        recorded_by=lead.created_by,
    )
    entry.from_intake = True  # read from the lead, not a row of the log
    return entry


def _entries(*, day: date | None, purpose: str, q: str) -> QuerySet:
    rows = ReceptionEntry.objects.select_related("receiver", "recorded_by", "lead")
    if day:
        start, end = day_bounds(day)
        rows = rows.filter(arrived_at__gte=start, arrived_at__lt=end)
    if purpose:
        rows = rows.filter(purpose=purpose)
    if q:
        rows = rows.filter(
            Q(visitor_name__icontains=q) | Q(phone__contains=q) | Q(notes__icontains=q)
        )
    return rows.order_by("-arrived_at", "-id")


def phone_log(*, day: date | None = None, topic: str = "", q: str = "") -> QuerySet:
    rows = PhoneConsultation.objects.select_related("answered_by", "message_for", "lead")
    if day:
        start, end = day_bounds(day)
        rows = rows.filter(called_at__gte=start, called_at__lt=end)
    if topic:
        rows = rows.filter(topic=topic)
    if q:
        rows = rows.filter(
            Q(caller_name__icontains=q) | Q(phone__contains=q) | Q(summary__icontains=q)
        )
    return rows.order_by("-called_at", "-id")
