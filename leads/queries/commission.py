"""Reading the commission ledger: a person's month, everyone's month, the rules in force.

For pay statements (attendance, issue 9): `month_lines(staff, year, month)` gives the person's
earnings and adjustments that month's statement carries, and their total.

What a line pays (`payable`):
- an earning not void: its amount;
- an earning voided before its month was paid: nothing;
- an earning voided after its month was paid: its amount in its own month (it was paid), and
  its negative adjustment in a later month claws it back (COM-4).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Case, Count, DecimalField, F, Q, QuerySet, Sum, Value, When
from django.utils.translation import gettext as _

from staff.models import Staff

from ..models import CommissionEntry, CommissionMonth, CommissionRule, EntryKind
from ..rules.commission import month_of

MONEY = DecimalField(max_digits=12, decimal_places=0)
PAYABLE = Case(
    When(kind=EntryKind.ADJUSTMENT, then=F("amount")),
    When(void_reason="", then=F("amount")),
    When(adjustment__isnull=False, then=F("amount")),
    default=Value(Decimal(0)),
    output_field=MONEY,
)


def entry_rows() -> QuerySet[CommissionEntry]:
    """Ledger lines with their contract, lead, rule and claw-back, and what each pays."""
    return CommissionEntry.objects.select_related(
        "contract__lead", "staff", "rule", "adjusts", "adjustment", "voided_by"
    ).annotate(payable=PAYABLE)


@dataclass(frozen=True)
class CommissionLine:
    entry_id: int
    kind: str
    role: str
    contract_number: str
    contract_type: str
    customer_name: str
    lead_id: int
    signed_on: date
    amount: Decimal
    payable: Decimal
    void_reason: str
    note: str


@dataclass(frozen=True)
class MonthLines:
    staff_id: int
    month: date
    paid: bool
    entries: tuple[CommissionLine, ...]
    adjustments: tuple[CommissionLine, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.payable for line in self.entries + self.adjustments), Decimal(0))


def month_lines(staff: Staff, year: int, month: int) -> MonthLines:
    """The commission lines of `staff` for one ledger month (for the pay statement)."""
    first = date(year, month, 1)
    rows = entry_rows().filter(staff=staff, month=first).order_by("created_at", "id")
    lines = [_line(row) for row in rows]
    return MonthLines(
        staff_id=staff.pk,
        month=first,
        paid=CommissionMonth.objects.filter(month=first).exists(),
        entries=tuple(line for line in lines if line.kind == EntryKind.EARNING),
        adjustments=tuple(line for line in lines if line.kind == EntryKind.ADJUSTMENT),
    )


def _line(row: CommissionEntry) -> CommissionLine:
    contract = row.contract
    return CommissionLine(
        entry_id=row.pk,
        kind=row.kind,
        role=row.role,
        contract_number=contract.number,
        contract_type=contract.contract_type,
        customer_name=contract.lead.customer_name,
        lead_id=contract.lead_id,
        signed_on=contract.signed_on,
        amount=row.amount,
        payable=row.payable,
        void_reason=row.void_reason or (row.adjusts.void_reason if row.adjusts else ""),
        note=line_note(row),
    )


def line_note(row: CommissionEntry) -> str:
    """Why a line pays what it pays, for the page and the statement."""
    if row.kind == EntryKind.ADJUSTMENT:
        return _("Claw-back of %(month)s: %(reason)s") % {
            "month": f"{row.adjusts.month:%Y-%m}",
            "reason": row.adjusts.get_void_reason_display(),
        }
    if not row.void_reason:
        return ""
    if hasattr(row, "adjustment"):
        return _("Void after payment (%(reason)s): deducted in %(month)s") % {
            "reason": row.get_void_reason_display(),
            "month": f"{row.adjustment.month:%Y-%m}",
        }
    return _("Void: %(reason)s") % {"reason": row.get_void_reason_display()}


# --- pages --------------------------------------------------------------------------------------


def person_month(staff: Staff, month: date) -> QuerySet[CommissionEntry]:
    return entry_rows().filter(staff=staff, month=month_of(month)).order_by("created_at", "id")


def month_totals(staff: Staff, last: int = 12) -> list[dict]:
    """A person's last `last` months with lines: month, lines, total payable."""
    rows = (
        CommissionEntry.objects.filter(staff=staff)
        .values("month")
        .annotate(lines=Count("id"), total=Sum(PAYABLE))
        .order_by("-month")
    )
    return list(rows[:last])


@dataclass(frozen=True)
class LedgerFilters:
    month: date
    staff: str = ""
    role: str = ""
    void: str = ""  # "" all, "valid", "void"


def ledger(filters: LedgerFilters) -> QuerySet[CommissionEntry]:
    """Everyone's lines of a month (the customer manager and HR)."""
    rows = entry_rows().filter(month=month_of(filters.month))
    if filters.staff.isdigit():
        rows = rows.filter(staff_id=filters.staff)
    if filters.role:
        rows = rows.filter(role=filters.role)
    if filters.void == "valid":
        rows = rows.filter(kind=EntryKind.EARNING, void_reason="")
    elif filters.void == "void":
        rows = rows.filter(Q(kind=EntryKind.ADJUSTMENT) | ~Q(void_reason=""))
    return rows.order_by("staff__employee_no", "created_at", "id")


def earner_totals(month: date) -> list[dict]:
    """Per earner for the month: lines and the total payable."""
    rows = (
        CommissionEntry.objects.filter(month=month_of(month))
        .values("staff", "staff__name", "staff__employee_no")
        .annotate(lines=Count("id"), total=Sum(PAYABLE))
        .order_by("staff__employee_no")
    )
    return list(rows)


def paid_month(month: date) -> CommissionMonth | None:
    return CommissionMonth.objects.select_related("paid_by").filter(month=month_of(month)).first()


def rules_in_force(day: date) -> list[CommissionRule]:
    """The rule rows covering `day`, per role and contract type (the latest start wins)."""
    rows = CommissionRule.objects.filter(valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )
    latest: dict[tuple[str, str], CommissionRule] = {}
    for row in rows.order_by("role", "contract_type", "valid_from"):
        latest[(row.role, row.contract_type)] = row
    return list(latest.values())


def earners() -> QuerySet[Staff]:
    """People with any ledger line, for the filter."""
    return Staff.objects.filter(commission_entries__isnull=False).distinct().order_by("employee_no")
