"""The designer's own leads, the dispatch log and the champions' figures (DISP-4, DISP-7)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, F, QuerySet

from leads.models import Contract, Lead
from staff.models import Staff

from ..models import (
    Assignment,
    Champion,
)
from .load import _day_start


def my_leads(designer: Staff, state: str = "") -> QuerySet[Lead]:
    """The designer's leads, newest dispatch first (SEC-1: only their own)."""
    leads = Lead.objects.filter(designer=designer).select_related("slip")
    if state:
        leads = leads.filter(state=state)
    return leads.order_by(F("dispatched_at").desc(nulls_last=True), "-id")


def dispatch_log(
    *,
    method: str = "",
    declined: bool = False,
    designer: Staff | None = None,
    start: date | None = None,
    end: date | None = None,
) -> QuerySet[Assignment]:
    """Every dispatch, newest first: forced dispatches and declines are reported here (DISP-7)."""
    rows = Assignment.objects.select_related("lead", "designer", "dispatched_by", "declined_by")
    if method:
        rows = rows.filter(method=method)
    if declined:
        rows = rows.filter(declined_at__isnull=False)
    if designer is not None:
        rows = rows.filter(designer=designer)
    if start:
        rows = rows.filter(dispatched_at__gte=_day_start(start))
    if end:
        rows = rows.filter(dispatched_at__lt=_day_start(end + timedelta(days=1)))
    return rows.order_by("-dispatched_at", "-id")


def signed_counts(start: date, end: date) -> dict[int, int]:
    """Signed contracts per designer between `start` and `end` (inclusive), for DISP-4.

    Each contract (design or construction) counts once for the designer it was signed with, on
    its signing date; a refunded contract (退单) does not count.
    """
    contracts = Contract.objects.filter(
        signed_on__gte=start,
        signed_on__lte=end,
        designer__isnull=False,
        refunded_at__isnull=True,
    )
    rows = contracts.values("designer").annotate(n=Count("id")).order_by()
    return {row["designer"]: row["n"] for row in rows}


def champion_titles() -> QuerySet[Champion]:
    return Champion.objects.select_related("designer", "decided_by")


def has_unconfirmed_champions() -> bool:
    return Champion.objects.filter(status=Champion.Status.PROPOSED).exists()
