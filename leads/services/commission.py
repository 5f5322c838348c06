"""The commission ledger (COM-1, 2, 4): entries at signing, voids, paid months.

- Signing a contract creates one earning per earner whose role has a rule in force on the
  signing day (leads.rules.commission); each entry names its contract and rule (COM-2).
- A void keeps the entry with its reason. If the entry's month was already paid, a negative
  adjustment goes into the next unpaid month (COM-4); a paid month's lines never change.
- Earners of a contract: the customer manager who dispatched the lead, the front-desk clerk who
  registered it, the salesperson of its transfer slip (or, without a slip, the salesperson who
  owns or brought it: that entry is void, SLIP-5), and the contract's designer.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Role, Staff
from staff.services import notify

from ..models import (
    CommissionEntry,
    CommissionMonth,
    CommissionRule,
    Contract,
    EntryKind,
    Lead,
    LeadEvent,
    TransferSlip,
    VoidReason,
)
from ..rules import commission as rules
from .config import private_contact_scope_on
from .errors import LeadError

DISPATCH_EVENTS = (
    LeadEvent.Kind.DISPATCH,
    LeadEvent.Kind.REDISPATCH,
    LeadEvent.Kind.FORCED_DISPATCH,
)


def rule_snapshot(row: CommissionRule) -> rules.CommissionRule:
    requires = {rules.Requirement.SIGNED_BY_DESIGN_DEPARTMENT}
    return rules.CommissionRule(
        id=row.pk,
        role=row.role,
        amount=row.amount,
        valid_from=row.valid_from,
        contract_type=rules.ContractType(row.contract_type) if row.contract_type else None,
        valid_to=row.valid_to,
        requires=frozenset(requires if row.requires_design_department else ()),
    )


def paid_months() -> set[date]:
    return set(CommissionMonth.objects.values_list("month", flat=True))


def is_month_paid(month: date) -> bool:
    return CommissionMonth.objects.filter(month=rules.month_of(month)).exists()


# --- who earns on a contract --------------------------------------------------------------------


def earners_for(contract: Contract) -> dict[str, Staff]:
    """Each earning role and its person for this contract (roles without a person are left out)."""
    lead = contract.lead
    earners = {
        Role.CUSTOMER_MANAGER: _dispatching_manager(lead),
        Role.FRONT_DESK: lead.created_by if lead.created_by.has_role(Role.FRONT_DESK) else None,
        Role.MARKETING_SALES: _salesperson(lead),
        Role.DESIGNER: contract.designer,
    }
    return {str(role): person for role, person in earners.items() if person is not None}


def _dispatching_manager(lead: Lead) -> Staff | None:
    """The customer manager who dispatched the lead; else the department's customer manager."""
    event = (
        lead.events.filter(kind__in=DISPATCH_EVENTS, actor__isnull=False)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    if event is not None and event.actor.has_role(Role.CUSTOMER_MANAGER):
        return event.actor
    managers = Staff.objects.filter(is_active=True, groups__name=Role.CUSTOMER_MANAGER)
    return managers.order_by("employee_no").first()


def _salesperson(lead: Lead) -> Staff | None:
    """The salesperson of the lead's slip; without a slip, a salesperson who owns or brought the
    lead (e.g. the customer named them at reception) — whose entry SLIP-5 then voids."""
    slip = TransferSlip.objects.filter(lead=lead).select_related("salesperson").first()
    if slip is not None:
        return slip.salesperson
    for person in (lead.owner, lead.brought_by):
        if person is not None and person.has_role(Role.MARKETING_SALES):
            return person
    return None


def voids_at_signing(lead: Lead) -> set[rules.VoidReason]:
    """SLIP-5: without a transfer slip the salesperson gets no credit and no commission."""
    if TransferSlip.objects.filter(lead=lead).exists():
        return set()
    return {rules.VoidReason.NO_SLIP}


def private_contact_designers(lead: Lead) -> set[int]:
    """ATTR-6: designers found to have dealt with the customer privately before dispatch."""
    return set(lead.private_contacts.values_list("designer_id", flat=True))


# --- COM-2: entries at signing ------------------------------------------------------------------


@transaction.atomic
def create_entries(*, contract: Contract, by: Staff | None) -> list[CommissionEntry]:
    """One earning per earner with a rule in force, known voids applied (SLIP-5, ATTR-6)."""
    earners = earners_for(contract)
    scope = private_contact_scope_on(contract.signed_on)
    private = rules.private_contact_voids(
        private_contact_designers(contract.lead), contract.designer_id, scope
    )
    entries = rules.commission_entries(
        rules.ContractType(contract.contract_type),
        contract.signed_on,
        {role: person.pk for role, person in earners.items()},
        [rule_snapshot(row) for row in CommissionRule.objects.all()],
        voids_at_signing(contract.lead) | private,
        met=_requirements_met(contract),
        policy=rules.void_policy(scope),
    )
    month = rules.ledger_month(contract.signed_on, paid_months())
    rows = [_entry_row(contract, entry, month, by) for entry in entries]
    for row in rows:
        row._history_user = by
        row.save()
    return rows


def _requirements_met(contract: Contract) -> tuple[rules.Requirement, ...]:
    if contract.signed_by_design_department:
        return (rules.Requirement.SIGNED_BY_DESIGN_DEPARTMENT,)
    return ()


def _entry_row(
    contract: Contract, entry: rules.Entry, month: date, by: Staff | None
) -> CommissionEntry:
    reason = entry.void_reason
    return CommissionEntry(
        kind=EntryKind.EARNING,
        contract=contract,
        staff_id=entry.staff_id,
        role=entry.role,
        rule_id=entry.rule_id,
        amount=entry.amount,
        month=month,
        void_reason=reason or "",
        voided_at=timezone.now() if reason else None,
        voided_by=by if reason else None,
    )


# --- COM-4: voids -------------------------------------------------------------------------------


@transaction.atomic
def void_entries(
    *, entries: QuerySet[CommissionEntry], reason: str, by: Staff | None
) -> list[CommissionEntry]:
    """Void the earnings not yet void; an earning of a paid month gets its claw-back in the next
    unpaid month. The earners are told."""
    reason = VoidReason(reason)
    # Race: HR marking the month paid while this voids its entries. Both lock the month's entry
    # rows first (see mark_month_paid), so the void sees the month paid or not, never half.
    locked = entries.filter(kind=EntryKind.EARNING, void_reason="").select_for_update()
    rows = list(locked.select_related("contract__lead").order_by("pk"))
    paid = paid_months()
    today = timezone.localdate()
    for entry in rows:
        _void(entry, reason, by, paid, today)
    return rows


def _void(
    entry: CommissionEntry, reason: str, by: Staff | None, paid: set[date], today: date
) -> None:
    entry.void_reason = reason
    entry.voided_at = timezone.now()
    entry.voided_by = by
    entry._history_user = by
    entry.save(update_fields=["void_reason", "voided_at", "voided_by"])
    was_paid = entry.month in paid
    if was_paid:
        _adjust(entry, rules.adjustment_month(entry.month, today, paid), by)
    notify(
        recipient=entry.staff, text=_void_text(entry, was_paid), link=reverse("leads:commission")
    )


def _adjust(entry: CommissionEntry, month: date, by: Staff | None) -> CommissionEntry:
    adjustment = CommissionEntry(
        kind=EntryKind.ADJUSTMENT,
        contract=entry.contract,
        staff=entry.staff,
        role=entry.role,
        rule=entry.rule,
        amount=-entry.amount,
        month=month,
        adjusts=entry,
    )
    adjustment._history_user = by
    adjustment.save()
    return adjustment


def _void_text(entry: CommissionEntry, was_paid: bool) -> str:
    names = {
        "number": entry.contract.number,
        "reason": entry.get_void_reason_display(),
        "amount": entry.amount,
    }
    if was_paid:
        return (
            _(
                "Your commission of ¥%(amount)s on contract %(number)s is void (%(reason)s); it "
                "was paid already, so it is deducted on a later statement."
            )
            % names
        )
    return _("Your commission of ¥%(amount)s on contract %(number)s is void (%(reason)s).") % names


def _lead_entries(lead: Lead) -> QuerySet[CommissionEntry]:
    return CommissionEntry.objects.filter(contract__lead=lead)


def void_for_private_contact(
    *, lead: Lead, designer: Staff, by: Staff | None
) -> list[CommissionEntry]:
    """ATTR-6 found after signing: that order's commission is void — every line, unless the
    policy in force narrows it to the designer's own line."""
    entries = _lead_entries(lead)
    if private_contact_scope_on(timezone.localdate()) == rules.PrivateContactScope.DESIGNER_LINE:
        entries = entries.filter(role=Role.DESIGNER, staff=designer)
    return void_entries(entries=entries, reason=VoidReason.PRIVATE_CONTACT, by=by)


def void_for_refund(*, lead: Lead, by: Staff | None) -> list[CommissionEntry]:
    """退单: a refund voids every commission on the lead's contracts."""
    return void_entries(entries=_lead_entries(lead), reason=VoidReason.REFUND, by=by)


# --- paid months --------------------------------------------------------------------------------


@transaction.atomic
def mark_month_paid(*, month: date, by: Staff, note: str = "") -> CommissionMonth:
    """HR or the GM marks a ledger month paid with salary: from now on its lines stay as they
    are and later voids become adjustments (COM-4)."""
    if not by.has_perm("leads.mark_commission_paid"):
        raise LeadError(_("Only HR or the general manager marks commission paid."))
    month = rules.month_of(month)
    if month > rules.month_of(timezone.localdate()):
        raise LeadError(_("A month can be marked paid only once it has begun."))
    # Race: see void_entries; the month's entries are locked before the month is marked.
    list(CommissionEntry.objects.filter(month=month).select_for_update().values_list("pk"))
    if CommissionMonth.objects.filter(month=month).exists():
        raise LeadError(_("%(month)s is already marked paid.") % {"month": f"{month:%Y-%m}"})
    row = CommissionMonth(month=month, paid_at=timezone.now(), paid_by=by, note=note[:200])
    row._history_user = by
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:  # marked by someone else at the same moment
        raise LeadError(
            _("%(month)s is already marked paid.") % {"month": f"{month:%Y-%m}"}
        ) from exc
    return row
