"""Contracts (签单, LIFE-2): the lead's designer or the customer manager records a contract with
a unique number, its type, amount and date.

- The first contract moves the lead MEASURED -> SIGNED; a second one (design, then
  construction) is added to the signed lead. Every contract creates its commission (COM-2).
- A refund (退单) is not recorded here: it is a DEAD closure with reason REFUND
  (leads.services.closures), which calls `mark_refunded` and voids the commission.
"""

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Staff

from .. import events
from ..models import Contract, ContractType, Lead, LeadEvent, LeadState, Measurement
from ..rules import lifecycle as rules
from ..rules.states import LeadState as RuleState
from .care import cancel_care_plan, create_care_plan
from .commission import create_entries
from .errors import LeadError
from .measurement import check_may
from .referrals import reward_referral
from .states import lock_lead, transition
from .timeline import record_event


@transaction.atomic
def record_contract(
    *,
    lead: Lead,
    number: str,
    contract_type: str,
    amount: Decimal,
    signed_on: date,
    by: Staff,
    signed_by_design_department: bool = True,
    note: str = "",
) -> Contract:
    """LIFE-2: a contract with a unique number, its type, amount and date; the first one signs
    the lead. Creates the commission entries (COM-2)."""
    lock_lead(lead)
    check_may(by, lead, "leads.add_contract")
    number = (number or "").strip()
    if not number:
        raise LeadError(_("Enter the contract number."))
    if contract_type not in ContractType.values:
        raise LeadError(_("Choose the contract type."))
    _check_number_free(number)
    measured_on = Measurement.objects.filter(lead=lead).values_list("measured_on", flat=True)
    decision = rules.check_contract(
        RuleState(lead.state), amount, signed_on, measured_on.first(), timezone.localdate()
    )
    if not decision:
        raise LeadError(decision.message)
    contract = _save_contract(
        Contract(
            lead=lead,
            number=number,
            contract_type=contract_type,
            amount=amount,
            signed_on=signed_on,
            designer=lead.designer,
            signed_by_design_department=signed_by_design_department,
            note=note.strip(),
            recorded_by=by,
        ),
        by,
    )
    _record_signing(lead, contract, by)
    create_entries(contract=contract, by=by)
    create_care_plan(contract=contract, by=by)  # CARE-2
    reward_referral(contract=contract)  # CARE-5
    events.lead_signed(contract)
    return contract


def _check_number_free(number: str) -> None:
    if Contract.objects.filter(number__iexact=number).exists():
        raise LeadError(_("Contract number %(number)s is already recorded.") % {"number": number})


def _save_contract(contract: Contract, by: Staff) -> Contract:
    contract._history_user = by
    try:
        with transaction.atomic():
            contract.save()
    except IntegrityError as exc:  # the same number recorded by someone else a moment ago
        raise LeadError(
            _("Contract number %(number)s is already recorded.") % {"number": contract.number}
        ) from exc
    return contract


def _record_signing(lead: Lead, contract: Contract, by: Staff) -> None:
    text = _("%(type)s %(number)s signed on %(day)s, ¥%(amount)s.") % {
        "type": contract.get_contract_type_display(),
        "number": contract.number,
        "day": f"{contract.signed_on:%Y-%m-%d}",
        "amount": contract.amount,
    }
    if lead.state == LeadState.MEASURED:
        transition(lead=lead, target=LeadState.SIGNED, by=by, note=text)
    else:
        record_event(lead=lead, kind=LeadEvent.Kind.CONTRACT, text=text, by=by)


def mark_refunded(*, lead: Lead, by: Staff) -> int:
    """退单 confirmed: the lead's contracts are refunded (their commission is voided apart)."""
    contracts = Contract.objects.filter(lead=lead, refunded_at__isnull=True)
    refunded = 0
    for contract in contracts.select_for_update():
        contract.refunded_at = timezone.now()
        contract._history_user = by
        contract.save(update_fields=["refunded_at"])
        cancel_care_plan(contract=contract, by=by)  # CARE-2: no care calls after a refund
        refunded += 1
    return refunded
