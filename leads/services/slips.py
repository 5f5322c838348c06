"""Transfer slips (市场部业务传递单): filling, signing in order, and writing the designer on them.

Other apps call `record_dispatch_on_slip(*, lead, designer, by)`: at dispatch, writes the designer
on the slip, tells the salesperson and puts the slip in HR's list (SLIP-1, SLIP-3);
`write_dispatch_on_slip` does the same inside a dispatch's transaction. What a slip gates
(`slip_refusal`, `preferred_designer`) is read in `slip_checks`, below `states`.
"""

from dataclasses import replace
from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Delegation, Role, Staff
from staff.services import notify, notify_many, write_notification

from ..models import Channel, Lead, LeadEvent, SlipSignature, TransferSlip
from ..rules import slips as rules
from .errors import LeadError
from .intake import IntakeData, IntakeResult, register_lead
from .slip_checks import loaded_slip, signature_snapshots
from .timeline import record_event


@transaction.atomic
def record_dispatch_on_slip(*, lead: Lead, designer: Staff, by: Staff) -> None:
    """Write the designer on the slip, tell the salesperson who it is; HR then sees the slip.

    Leads without a slip (not from marketing) need nothing here. A re-dispatch overwrites the
    designer and tells the salesperson again.
    """
    # Race: a re-dispatch while the first dispatch is still writing; the last one wins cleanly.
    slip = TransferSlip.objects.select_for_update().filter(lead=lead).first()
    _write_dispatch(slip, lead, designer, by)


def write_dispatch_on_slip(*, lead: Lead, designer: Staff, by: Staff) -> None:
    """`record_dispatch_on_slip` inside a dispatch's transaction, after `lock_lead(lead,
    with_slip=True)`: the slip read with the lead is written, without its own row lock or
    savepoint. Every dispatch holds the lead's row lock first, so none writes it meanwhile."""
    loaded, slip = loaded_slip(lead)
    if not loaded:
        raise ValueError("write_dispatch_on_slip needs the lead locked with its slip.")
    _write_dispatch(slip, lead, designer, by)


def _write_dispatch(slip: TransferSlip | None, lead: Lead, designer: Staff, by: Staff) -> None:
    if slip is None:
        return
    slip.designer = designer
    slip.dispatched_at = timezone.now()
    slip.dispatched_by = by
    slip._history_user = by
    slip.save(update_fields=["designer", "dispatched_at", "dispatched_by"])
    text = _("Your marketing lead %(customer)s was dispatched to designer %(designer)s.") % {
        "customer": lead.customer_name,
        "designer": designer.get_full_name(),
    }
    write_notification(recipient=slip.salesperson, text=text, link=slip.get_absolute_url())


# --- filling (SLIP-1) --------------------------------------------------------------------------


@transaction.atomic
def fill_slip(
    *,
    lead: Lead,
    by: Staff,
    customer_intent: str = "",
    preferred_designer: Staff | None = None,
) -> TransferSlip:
    """The salesperson fills the slip of their marketing lead; the marketing manager is asked
    to sign. Only the salesperson who brought the lead fills it, once."""
    _check_can_fill(lead, by)
    if preferred_designer is not None and not preferred_designer.has_role(Role.DESIGNER):
        raise LeadError(_("The preferred designer must be one of the designers."))
    try:
        with transaction.atomic():
            slip = TransferSlip(
                lead=lead,
                salesperson=by,
                customer_intent=customer_intent.strip(),
                preferred_designer=preferred_designer,
                filled_at=timezone.now(),
            )
            slip._history_user = by
            slip.save()
    except IntegrityError as exc:  # two tabs submitting the same slip
        raise LeadError(_("This lead already has a transfer slip.")) from exc
    record_event(
        lead=lead,
        kind=LeadEvent.Kind.SLIP_FILED,
        text=_("Transfer slip filled by %(name)s.") % {"name": by.get_full_name()},
        by=by,
        at=slip.filled_at,
    )
    _ask_next_signers(slip, rules.SignerStep.MARKETING_MANAGER)
    return slip


def _check_can_fill(lead: Lead, by: Staff) -> None:
    if lead.channel != Channel.MARKETING:
        raise LeadError(_("Only a marketing lead has a transfer slip."))
    if lead.brought_by_id != by.pk:
        raise LeadError(_("Only the salesperson who brought the lead fills its transfer slip."))
    if not lead.is_open:
        raise LeadError(_("This lead is closed."))
    if TransferSlip.objects.filter(lead=lead).exists():
        raise LeadError(_("This lead already has a transfer slip."))


# --- signing (SLIP-2, SLIP-4) ------------------------------------------------------------------


@transaction.atomic
def sign_slip(*, slip: TransferSlip, by: Staff, today: date | None = None) -> SlipSignature:
    """Sign the slip's next step: in one's own right, or as the named delegate ("X for Y")."""
    # Race: the manager and their delegate signing the same step at once; the lock serialises
    # them and the second one is told the step is already signed.
    slip = TransferSlip.objects.select_for_update().select_related("lead").get(pk=slip.pk)
    today = today or timezone.localdate()
    signatures = signature_snapshots(slip)
    step = rules.next_signer_step(signatures)
    if step is None:
        raise LeadError(rules.MESSAGES[rules.SlipReason.ALREADY_SIGNED])
    decision = signing_decision(step=step, signatures=signatures, signer=by, on_date=today)
    if not decision.allowed:
        raise LeadError(decision.message)
    signature = SlipSignature(
        slip=slip,
        step=step,
        signer=by,
        on_behalf_of_id=decision.on_behalf_of_id,
        signed_at=timezone.now(),
    )
    signature._history_user = by
    signature.save()
    _after_signing(slip, signature)
    return signature


def signing_decision(
    *,
    step: rules.SignerStep,
    signatures: list[rules.SlipSignature],
    signer: Staff,
    on_date: date,
) -> rules.SignDecision:
    """The rule's decision for `signer` on `step`, with the delegations that could apply."""
    delegations = list(_delegations_to(signer, step, on_date))
    in_force = [d for d in delegations if d.in_force(on_date)]
    principal = (in_force or delegations or [None])[0]
    return rules.can_sign(
        step=step,
        signatures=signatures,
        signer_id=signer.pk,
        signer_roles=signer.role_codes,
        principal_id_for_step=principal.principal_id if principal else None,
        delegations=delegations,
        on_date=on_date,
    )


def _delegations_to(signer: Staff, step: rules.SignerStep, on_date: date):
    """Delegations naming `signer` from a holder of the step's role, nearest to `on_date`."""
    rows = (
        Delegation.objects.filter(delegate=signer, principal__groups__name=step)
        .filter(principal__is_active=True)
        .order_by("-end")
    )
    for row in rows[:20]:
        yield rules.DelegationSnapshot(row.principal_id, row.delegate_id, row.start, row.end)


def _after_signing(slip: TransferSlip, signature: SlipSignature) -> None:
    record_event(
        lead=slip.lead,
        kind=LeadEvent.Kind.SLIP_SIGNED,
        text=_("Transfer slip signed (%(step)s) by %(who)s.")
        % {"step": signature.get_step_display(), "who": signature.signed_by_label},
        by=signature.signer,
        at=signature.signed_at,
    )
    next_step = rules.next_signer_step(signature_snapshots(slip))
    if next_step is not None:
        _ask_next_signers(slip, next_step)
        return
    link = slip.lead.get_absolute_url()
    text = _("The transfer slip for %(customer)s is fully signed; the lead can be dispatched.") % {
        "customer": slip.lead.customer_name
    }
    notify(recipient=slip.salesperson, text=text, link=slip.get_absolute_url())
    notify_many(recipients=_active_with_role(Role.CUSTOMER_MANAGER), text=text, link=link)


def _ask_next_signers(slip: TransferSlip, step: rules.SignerStep) -> None:
    """Tell the step's managers, and anyone signing for them today, that a slip waits."""
    text = _("A transfer slip for %(customer)s waits for your signature.") % {
        "customer": slip.lead.customer_name
    }
    notify_many(
        recipients=signers_for_step(step, timezone.localdate()),
        text=text,
        link=reverse("leads:slip_detail", args=[slip.pk]),
    )


def signers_for_step(step: str, on_date: date) -> list[Staff]:
    """Holders of the step's role plus their delegates in force on `on_date`."""
    managers = list(_active_with_role(step))
    delegates = Staff.objects.filter(
        is_active=True,
        delegations_received__principal__in=managers,
        delegations_received__start__lte=on_date,
        delegations_received__end__gte=on_date,
    )
    return list({person.pk: person for person in [*managers, *delegates]}.values())


def _active_with_role(role: str):
    return Staff.objects.filter(is_active=True, groups__name=role).distinct()


# --- a salesperson's new customer with its slip ------------------------------------------------


@transaction.atomic
def file_marketing_lead(
    *,
    data: IntakeData,
    by: Staff,
    customer_intent: str = "",
    preferred_designer: Staff | None = None,
) -> tuple[IntakeResult, TransferSlip | None]:
    """Register the salesperson's customer as a marketing lead and fill its slip (SLIP-1).

    A customer who already has an open lead gets the salesperson's claim instead (LEAD-2); the
    slip is filled only when that lead is the salesperson's own marketing lead without a slip.
    Returns (IntakeResult, slip or None).
    """
    if not by.has_role(Role.MARKETING_SALES, Role.MARKETING_MANAGER):
        raise LeadError(_("Only marketing staff fill transfer slips."))
    data = replace(data, channel=Channel.MARKETING, brought_by=by)
    result = register_lead(data=data, by=by)
    lead = result.lead
    own = lead.channel == Channel.MARKETING and lead.brought_by_id == by.pk
    if not own or TransferSlip.objects.filter(lead=lead).exists():
        return result, None
    slip = fill_slip(
        lead=lead, by=by, customer_intent=customer_intent, preferred_designer=preferred_designer
    )
    return result, slip
