"""Registering a complaint (CMP-1, CMP-2): the gapless yearly number and the link to the lead."""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from staff.models import Staff
from staff.phones import InvalidPhone, normalize_phone

from .. import events, queries, rules
from ..models import Complaint, ComplaintCategory, ComplaintCounter, ComplaintEvent, ComplaintStatus
from .common import notify_next, require, save_step
from .errors import ComplaintError

logger = logging.getLogger(__name__)

REGISTER_PERMISSION = "complaints.register_complaint"


def next_number(year: int) -> int:
    """The next number of `year`; call inside the transaction that saves the complaint.

    Race: two registrations at once would read the same last number. The counter row is locked
    (select_for_update) until the registering transaction ends, so the second waits; and a
    registration that rolls back gives its number back, which keeps the register gapless.
    """
    # A first registration of the year creates the row; a concurrent one waits on the unique key,
    # then finds the row (get_or_create retries the read).
    ComplaintCounter.objects.get_or_create(year=year)
    counter = ComplaintCounter.objects.select_for_update().get(year=year)
    counter.last_seq += 1
    counter.save(update_fields=["last_seq"])
    return counter.last_seq


def bump_counter(year: int, seq: int) -> None:
    """After importing numbered historical complaints: new numbers continue after them."""
    ComplaintCounter.objects.get_or_create(year=year)
    counter = ComplaintCounter.objects.select_for_update().get(year=year)  # same race as above
    if seq > counter.last_seq:
        counter.last_seq = seq
        counter.save(update_fields=["last_seq"])


def normalized_phone(raw: str) -> str:
    if not (raw or "").strip():
        return ""
    try:
        return normalize_phone(raw)
    except InvalidPhone as exc:
        raise ComplaintError(exc.message) from exc


@transaction.atomic
def register_complaint(
    *,
    by: Staff,
    channel: str,
    received_at: datetime,
    customer_name: str,
    category: ComplaintCategory,
    severity: str,
    summary: str,
    phone: str = "",
    address: str = "",
    document_ref: str = "",
) -> Complaint:
    """CMP-1/CMP-2: customer service registers a complaint from any channel, numbered TSyyyy-nnnn.

    The number's year is the year of registration; the investigation is due the same working day
    (CMP-4), and the complaint is linked to the customer's lead when the phone matches one.
    """
    require(by.has_perm(REGISTER_PERMISSION), _("Your role may not register complaints."))
    now = timezone.now()
    require(received_at <= now, _("The time received cannot be in the future."))
    require(category.is_active, _("This category is no longer in use; choose another."))
    require(bool(summary.strip()), _("Write down what the customer complains about."))
    phone = normalized_phone(phone)
    year = timezone.localtime(now).year
    seq = next_number(year)
    complaint = Complaint(
        number=rules.complaint_number(year, seq),
        year=year,
        seq=seq,
        channel=channel,
        received_at=received_at,
        customer_name=customer_name.strip(),
        phone=phone,
        address=address.strip(),
        lead=queries.matching_lead(phone),
        document_ref=document_ref.strip(),
        category=category,
        severity=severity,
        summary=summary.strip(),
        registered_by=by,
        status=ComplaintStatus.REGISTERED,
        status_changed_at=now,
        investigation_due_at=queries.investigation_due(received_at, by),
    )
    save_step(complaint, by=by, event=ComplaintEvent.REGISTERED)
    _record_on_lead(complaint, by=by)
    notify_next(complaint, by=by)
    events.complaint_registered(complaint)
    return complaint


def _record_on_lead(complaint: Complaint, *, by: Staff) -> None:
    """Write the complaint on the linked lead's timeline, through the leads app's own service."""
    if complaint.lead_id is None:
        return
    try:
        from leads.services.timeline import record_event
    except ImportError:  # the leads timeline is not installed: the link on the complaint remains
        logger.info("leads timeline unavailable; complaint %s not recorded", complaint.number)
        return
    text = _("Complaint %(number)s registered: %(summary)s") % {
        "number": complaint.number,
        "summary": Truncator(complaint.summary).chars(200),
    }
    record_event(lead=complaint.lead, kind="COMPLAINT", text=text, by=by)
