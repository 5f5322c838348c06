"""What dispatch's quality gate (QG-1) and the designers' 我的业绩 page ask the leads app:
measured leads and whether they signed, and the open callbacks on a designer's leads."""

from datetime import date, datetime

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from ..models import OPEN_CALLBACK, Callback, Contract, Measurement
from .callbacks import callback_rows


def signed_contract_q():
    """A contract that counts as signed: not refunded (退单)."""
    return Contract.objects.filter(refunded_at__isnull=True)


def measured_outcomes(start: date, end: date) -> dict[int, list[tuple[date, bool]]]:
    """Leads measured between `start` and `end` (inclusive), per measuring designer, with
    whether the lead has signed a (not refunded) contract since: designer id ->
    [(measured on, signed)]. The QG-1 conversion is signed ÷ measured over these."""
    signed = signed_contract_q().filter(lead=OuterRef("lead"))
    rows = (
        Measurement.objects.filter(measured_on__range=(start, end), designer__isnull=False)
        .annotate(signed=Exists(signed))
        .order_by("measured_on", "pk")
        .values_list("designer_id", "measured_on", "signed")
    )
    found: dict[int, list[tuple[date, bool]]] = {}
    for designer_id, measured_on, is_signed in rows:
        found.setdefault(designer_id, []).append((measured_on, is_signed))
    return found


def open_callbacks_on_leads_of(designer_id: int, now: datetime | None = None) -> QuerySet[Callback]:
    """Open callbacks (CB-1) on the designer's leads, the longest overdue first (one query)."""
    rows = callback_rows(now or timezone.now()).filter(OPEN_CALLBACK, lead__designer_id=designer_id)
    return rows.order_by("due_at", "id")
