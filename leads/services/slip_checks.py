"""What a lead's transfer slip says at dispatch, read-only: the refusal while it is incomplete
(SLIP-1, SLIP-2) and the salesperson's preferred designer (DISP-6).

Below both `states` (which refuses a dispatch) and `slips` (which writes slips and registers
their leads through `intake`), so neither imports the other for it. The slip is reused when it
was read with the lead's lock (`states.lock_lead(lead, with_slip=True)`), so a dispatch reads it
once.
"""

from django.db.models import prefetch_related_objects

from staff.models import Staff

from ..models import Channel, Lead, TransferSlip
from ..rules import slips as rules


def slip_of(lead: Lead) -> TransferSlip | None:
    """The lead's slip with its signatures, or None."""
    return (
        TransferSlip.objects.filter(lead=lead)
        .select_related("salesperson", "preferred_designer", "designer")
        .prefetch_related("signatures__signer", "signatures__on_behalf_of")
        .first()
    )


def signature_snapshots(slip: TransferSlip) -> list[rules.SlipSignature]:
    return [
        rules.SlipSignature(rules.SignerStep(s.step), s.signer_id, s.on_behalf_of_id)
        for s in slip.signatures.all()
    ]


def loaded_slip(lead: Lead) -> tuple[bool, TransferSlip | None]:
    """(True, the slip or None) when the slip was read with the lead's lock in this transaction
    (`states.lock_lead(lead, with_slip=True)`), else (False, None): the caller reads it. A slip
    merely cached on the lead (e.g. reached as `slip.lead.slip`) may be stale, so it is not used.
    """
    if not getattr(lead, "_slip_read_with_lock", False):
        return False, None
    try:
        return True, lead.slip
    except TransferSlip.DoesNotExist:
        return True, None


def _slip_for_refusal(lead: Lead) -> TransferSlip | None:
    loaded, slip = loaded_slip(lead)
    if not loaded:
        return slip_of(lead)
    if slip is not None:
        prefetch_related_objects([slip], "signatures")  # once, however often it is asked
    return slip


def slip_refusal(lead: Lead) -> str | None:
    """Why this lead may not be dispatched because of its slip, or None (SLIP-1, SLIP-2)."""
    is_marketing = lead.channel == Channel.MARKETING
    slip = _slip_for_refusal(lead) if is_marketing else None
    complete = slip is not None and rules.slip_complete(signature_snapshots(slip))
    decision = rules.dispatch_allowed_for_slip(is_marketing, complete, has_slip=slip is not None)
    return None if decision.allowed else str(decision.message)


def preferred_designer(lead: Lead) -> Staff | None:
    """The designer the salesperson asked for on the slip (DISP-6), if any."""
    loaded, slip = loaded_slip(lead)
    if not loaded:
        slip = TransferSlip.objects.filter(lead=lead).select_related("preferred_designer").first()
    return slip.preferred_designer if slip else None
