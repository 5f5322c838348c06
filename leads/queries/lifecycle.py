"""The lifecycle section of the lead page: measurement, contracts, closures, callbacks and the
commission on its contracts, in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import FilteredRelation
from django.utils import timezone

from staff.models import Staff

from ..models import Callback, Closure, Contract, Lead, Measurement
from .callbacks import callback_rows


@dataclass(frozen=True)
class LeadLifecycle:
    measurement: Measurement | None
    contracts: list[Contract]  # each with `commission_lines` when asked for
    closures: list[Closure]
    pending: Closure | None
    callbacks: list[Callback]


def lead_lifecycle(lead: Lead, *, with_commission: bool) -> LeadLifecycle:
    """What happened to the lead after dispatch; the commission lines only for those who may
    see everyone's commission. Three queries (contracts, closures, callbacks), whatever their
    number; the measurement comes with the lead when `lead_for_page` read it."""
    closures = list(
        Closure.objects.filter(lead=lead)
        .select_related("proposed_by", "decided_by", "responsible")
        .order_by("-proposed_at", "-id")
    )
    callbacks = callback_rows(timezone.now()).filter(lead=lead)
    return LeadLifecycle(
        measurement=_measurement(lead),
        contracts=_contracts(lead, with_commission),
        closures=closures,
        pending=next((c for c in closures if c.is_pending), None),
        callbacks=list(callbacks.order_by("due_at", "id")),
    )


def _measurement(lead: Lead) -> Measurement | None:
    try:
        return lead.measurement
    except Measurement.DoesNotExist:
        return None


def _contracts(lead: Lead, with_commission: bool) -> list[Contract]:
    """The lead's contracts in signing order. With the commission: each contract's ledger lines
    as `commission_lines`, read in the same query (one row per line, joined to the contract)."""
    contracts = Contract.objects.filter(lead=lead).select_related("designer", "recorded_by")
    if not with_commission:
        return list(contracts.order_by("signed_on", "id"))
    rows = (
        contracts.annotate(line=FilteredRelation("commission_entries"))
        .select_related("line__staff")
        .order_by("signed_on", "id", "line__kind", "line__role", "line__id")
    )
    by_id: dict[int, Contract] = {}
    for row in rows:
        contract = by_id.setdefault(row.pk, row)
        if contract is row:
            contract.commission_lines = []
        line = getattr(row, "line", None)  # unset when the contract has no line
        if line is not None:
            contract.commission_lines.append(line)
    return list(by_id.values())


def sees_all_commission(user: Staff) -> bool:
    return user.has_perm("leads.view_all_commission")
