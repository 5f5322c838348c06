"""What pay statements read from other apps, each behind one function (ARCHITECTURE: attendance
imports staff and reads the commission ledger of leads; nothing else).

- `commission_lines` — the month's ledger entries and adjustments (COM-2, COM-4),
- `mark_commission_paid` — the ledger month is paid when the GM approves the statements,
- `fault_lines` — the month's fault slips (FD-5),
- `year_faults` — faults in a year, for the year-end bonus (COM-3).
Where the other app's function is missing, these return nothing (no commission, no faults), so
pay works and picks the figures up once the function exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib import import_module
from importlib.util import find_spec

from django.db.models import Count, Q

from staff.models import Role, Staff

ZERO = Decimal(0)


def _module(name: str):
    """The module if it exists; its own import errors still surface."""
    try:
        found = find_spec(name)
    except ModuleNotFoundError:
        return None
    return import_module(name) if found else None


# ------------------------------------------------------------------------------------------------
# Commission ledger (leads)
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommissionLine:
    """One ledger line as the statement shows it; `amount` is what it pays this month."""

    amount: Decimal
    is_adjustment: bool
    entry_id: int | None = None
    contract_number: str = ""
    lead_id: int | None = None
    signed_on: date | None = None
    note: str = ""


def _as_line(line) -> CommissionLine:
    """A ledger line (leads.queries.commission.CommissionLine) as a statement line: what it pays
    this month (`payable`: nothing for an earning voided before payment, a negative amount for a
    claw-back, COM-4) and why, or the earner's role when there is nothing to explain."""
    return CommissionLine(
        amount=Decimal(line.payable),
        is_adjustment=line.kind == "ADJUSTMENT",
        entry_id=line.entry_id,
        contract_number=line.contract_number,
        lead_id=line.lead_id,
        signed_on=line.signed_on,
        note=str(line.note or _role_label(line.role)),
    )


def _role_label(code: str) -> str:
    return str(Role(code).label) if code in Role.values else code


def commission_lines(staff: Staff, year: int, month: int) -> list[CommissionLine]:
    """The person's ledger lines of the month (leads.queries.commission.month_lines)."""
    ledger = _module("leads.queries.commission")
    if ledger is None or not hasattr(ledger, "month_lines"):
        return []  # the ledger's read helper is not there yet: no commission on statements
    month_lines = ledger.month_lines(staff, year, month)
    return [_as_line(line) for line in (*month_lines.entries, *month_lines.adjustments)]


def mark_commission_paid(*, month: date, by: Staff) -> bool:
    """Mark the ledger month paid with this salary (COM-4: later voids become adjustments).

    Returns False when the ledger has no such service or the month is marked already. A refusal
    (e.g. a missing permission) raises the ledger's own error for the caller to report.
    """
    ledger = _module("leads.services.commission")
    if ledger is None or not hasattr(ledger, "mark_month_paid"):
        return False  # no ledger service yet: nothing to mark
    if ledger.is_month_paid(month):
        return False
    ledger.mark_month_paid(month=month, by=by, note="pay statements approved")
    return True


def ledger_error() -> type[Exception]:
    """The ledger's refusal type, so the pay service can turn it into its own message."""
    errors = _module("leads.services.errors")
    return getattr(errors, "LeadError", LookupError) if errors else LookupError


# ------------------------------------------------------------------------------------------------
# Faults (staff, FD-5)
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FaultLine:
    """One fault slip as a deduction; `amount` is positive."""

    amount: Decimal
    fault_id: int | None = None
    occurred_on: date | None = None
    name: str = ""
    note: str = ""


def fault_lines(staff: Staff, year: int, month: int) -> list[FaultLine]:
    """The month's fault slips that still count (staff.queries), one line each; a single total
    line where only `fault_deductions` exists; nothing before faults exist."""
    queries = _module("staff.queries")
    if queries is not None and hasattr(queries, "faults_in_month"):
        return [
            FaultLine(
                amount=Decimal(fault.deduction),
                fault_id=fault.pk,
                occurred_on=fault.occurred_on,
                name=fault.fault_type.name,
                note=fault.note[:300],
            )
            for fault in queries.faults_in_month(staff, year, month)
        ]
    if queries is not None and hasattr(queries, "fault_deductions"):
        total = Decimal(queries.fault_deductions(staff, year, month))
        return [FaultLine(amount=total)] if total else []
    return []  # no fault slips yet (FD-5): nothing to deduct


@dataclass(frozen=True)
class FaultYear:
    """A year's faults; `major` is None while fault types carry no "major" mark."""

    count: int = 0
    major: int | None = None


def _has_major_flag(fault_model) -> bool:
    fault_type = fault_model._meta.get_field("fault_type").related_model
    return any(field.name == "is_major" for field in fault_type._meta.get_fields())


def year_faults(people: Iterable[Staff], year: int) -> dict[int, FaultYear]:
    """Faults (withdrawn ones excluded) dated in `year`, per person, in one query."""
    fault_model = getattr(_module("staff.models"), "Fault", None)
    ids = [person.pk for person in people]
    if fault_model is None:
        return {pk: FaultYear() for pk in ids}  # no fault slips yet (FD-5)
    flagged = _has_major_flag(fault_model)
    figures = {"count": Count("pk")}
    if flagged:  # fault types mark the major ones: they decide (COM-3)
        figures["major"] = Count("pk", filter=Q(fault_type__is_major=True))
    rows = (
        fault_model.objects.filter(
            staff_id__in=ids, occurred_on__year=year, withdrawn_at__isnull=True
        )
        .values("staff_id")
        .annotate(**figures)
    )
    found = {row["staff_id"]: FaultYear(row["count"], row.get("major")) for row in rows}
    empty = FaultYear(0, 0 if flagged else None)
    return {pk: found.get(pk, empty) for pk in ids}
