"""The lifecycle section of the lead page: measurement, contracts, closures, callbacks and the
commission on its contracts, in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from staff.models import Staff

from ..models import Callback, Closure, CommissionEntry, Contract, Lead, Measurement
from .callbacks import callback_rows
from .commission import PAYABLE


@dataclass(frozen=True)
class LeadLifecycle:
    measurement: Measurement | None
    contracts: list[Contract]
    closures: list[Closure]
    pending: Closure | None
    callbacks: list[Callback]


def lead_lifecycle(lead: Lead, *, with_commission: bool) -> LeadLifecycle:
    """What happened to the lead after dispatch; the commission lines only for those who may
    see everyone's commission."""
    measurement = (
        Measurement.objects.select_related("designer", "recorded_by").filter(lead=lead).first()
    )
    contracts = Contract.objects.filter(lead=lead).select_related("designer", "recorded_by")
    if with_commission:
        entries = CommissionEntry.objects.select_related("staff", "adjustment").annotate(
            payable=PAYABLE
        )
        contracts = contracts.prefetch_related(
            Prefetch("commission_entries", queryset=entries.order_by("kind", "role", "id"))
        )
    closures = list(
        Closure.objects.filter(lead=lead)
        .select_related("proposed_by", "decided_by", "responsible")
        .order_by("-proposed_at", "-id")
    )
    callbacks = callback_rows(timezone.now()).filter(lead=lead)
    return LeadLifecycle(
        measurement=measurement,
        contracts=list(contracts.order_by("signed_on", "id")),
        closures=closures,
        pending=next((c for c in closures if c.is_pending), None),
        callbacks=list(callbacks.order_by("due_at", "id")),
    )


def sees_all_commission(user: Staff) -> bool:
    return user.has_perm("leads.view_all_commission")
