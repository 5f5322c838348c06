"""What pay statements read from other apps, each behind one function (ARCHITECTURE: attendance
imports staff and reads the commission ledger of leads; nothing else).

- `commission_lines` — the month's ledger entries and adjustments (COM-2, COM-4),
- `mark_commission_paid` — the ledger month is paid when the GM approves the statements,
- `fault_lines` — the month's fault slips (FD-5),
- `year_faults` — faults in a year, for the year-end bonus (COM-3).
Plain imports: attendance sits above leads and staff, and a renamed ledger function must fail
loudly, not show zero commission on a statement.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q

from leads.queries.commission import month_lines
from leads.services import commission as ledger
from leads.services.errors import LeadError
from staff.models import Fault, Role, Staff
from staff.queries import faults_in_month

ZERO = Decimal(0)


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
    lines = month_lines(staff, year, month)
    return [_as_line(line) for line in (*lines.entries, *lines.adjustments)]


def mark_commission_paid(*, month: date, by: Staff) -> bool:
    """Mark the ledger month paid with this salary (COM-4: later voids become adjustments).

    Returns False when the month is marked already. A refusal (e.g. a missing permission) raises
    the ledger's own error for the caller to report.
    """
    if ledger.is_month_paid(month):
        return False
    ledger.mark_month_paid(month=month, by=by, note="pay statements approved")
    return True


def ledger_error() -> type[Exception]:
    """The ledger's refusal type, so the pay service can turn it into its own message."""
    return LeadError


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
    """The month's fault slips that still count (staff.queries), one line each."""
    return [
        FaultLine(
            amount=Decimal(fault.deduction),
            fault_id=fault.pk,
            occurred_on=fault.occurred_on,
            name=fault.fault_type.name,
            note=fault.note[:300],
        )
        for fault in faults_in_month(staff, year, month)
    ]


@dataclass(frozen=True)
class FaultYear:
    """A year's faults; `major` is None while fault types carry no "major" mark."""

    count: int = 0
    major: int | None = None


def _has_major_flag() -> bool:
    fault_type = Fault._meta.get_field("fault_type").related_model
    return any(field.name == "is_major" for field in fault_type._meta.get_fields())


def year_faults(people: Iterable[Staff], year: int) -> dict[int, FaultYear]:
    """Faults (withdrawn ones excluded) dated in `year`, per person, in one query."""
    ids = [person.pk for person in people]
    flagged = _has_major_flag()
    figures = {"count": Count("pk")}
    if flagged:  # fault types mark the major ones: they decide (COM-3)
        figures["major"] = Count("pk", filter=Q(fault_type__is_major=True))
    rows = (
        Fault.objects.filter(staff_id__in=ids, occurred_on__year=year, withdrawn_at__isnull=True)
        .values("staff_id")
        .annotate(**figures)
    )
    found = {row["staff_id"]: FaultYear(row["count"], row.get("major")) for row in rows}
    empty = FaultYear(0, 0 if flagged else None)
    return {pk: found.get(pk, empty) for pk in ids}
