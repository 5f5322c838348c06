"""Ownership (来单确认): claims with evidence, the ruling by the ranking, the customer manager's
ruling on a dispute, and private-contact findings (ATTR-1..6).

- A new claim re-resolves the owner by the ranking (ATTR-3), unless the customer manager has
  ruled on the lead (ATTR-5): that ruling stands until they rule again.
- Every ruling is a row (who, which rule, the reason) and a timeline event; Lead.owner mirrors
  the current one.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Role, Staff
from staff.services import notify, notify_many

from ..models import (
    ClaimBasis,
    ClaimSource,
    DecidedBy,
    Lead,
    LeadEvent,
    OwnershipClaim,
    OwnershipRuling,
    PrivateContactFinding,
    RulingKind,
)
from ..rules import claims as rules
from .commission import void_for_private_contact
from .config import claim_config_on
from .errors import LeadError
from .states import lock_lead
from .timeline import record_event


def claim_snapshot(claim: OwnershipClaim) -> rules.ClaimSnapshot:
    return rules.ClaimSnapshot(
        id=claim.pk,
        claimant_id=claim.claimant_id,
        basis=rules.ClaimBasis(claim.basis),
        # Local time, so a consultation date counts from local midnight (ATTR-4).
        recorded_at=timezone.localtime(claim.recorded_at),
        evidence_at=claim.consultation_date,
        has_complete_details=claim.has_complete_details,
        appointment_at=claim.appointment_at,
        visit_at=claim.visit_at,
    )


def config_for(lead: Lead) -> rules.ClaimConfig:
    """The claim policy in force when the lead was registered, so later policy changes do not
    reshuffle old leads."""
    registered = lead.created_at or timezone.now()
    return claim_config_on(timezone.localdate(registered))


def current_ruling(lead: Lead) -> OwnershipRuling | None:
    return lead.rulings.order_by("-ruled_at", "-id").first()


@transaction.atomic
def add_claim(
    *,
    lead: Lead,
    basis: str,
    claimant: Staff | None,
    by: Staff | None,
    source: str,
    recorded_at: datetime | None = None,
    consultation_date=None,
    appointment_at: datetime | None = None,
    visit_at: datetime | None = None,
    has_complete_details: bool = False,
    note: str = "",
) -> OwnershipClaim:
    """Record a claim with its evidence (ATTR-2) and re-resolve the owner (ATTR-3).

    `recorded_at` defaults to now; callers pass the time the system first recorded the evidence
    (a filing entry's time). The frontdesk app files APPOINTMENT claims here with the appointment
    record's creation time and the visit time.
    """
    lock_lead(lead)
    claim = OwnershipClaim(
        lead=lead,
        claimant=claimant,
        basis=ClaimBasis(basis),
        source=ClaimSource(source),
        recorded_at=recorded_at or timezone.now(),
        consultation_date=consultation_date,
        appointment_at=appointment_at,
        visit_at=visit_at,
        has_complete_details=has_complete_details,
        note=note[:300],
        recorded_by=by,
    )
    claim._history_user = by
    claim.save()
    record_event(lead=lead, kind=LeadEvent.Kind.CLAIM, text=_claim_text(claim), by=by)
    resolve_ownership(lead=lead)
    return claim


def _claim_text(claim: OwnershipClaim) -> str:
    return _("Claim by %(who)s: %(basis)s.") % {
        "who": claim.claimant.get_full_name() if claim.claimant else _("the company"),
        "basis": claim.get_basis_display(),
    }


@transaction.atomic
def resolve_ownership(*, lead: Lead) -> OwnershipRuling:
    """Rule by the ranking and record the ruling when the outcome changed (ATTR-1, ATTR-3).

    A customer manager's ruling stands: new claims are shown beside it but do not overturn it.
    """
    latest = current_ruling(lead)
    if latest is not None and latest.kind == RulingKind.MANUAL:
        return latest
    claims = [claim_snapshot(c) for c in lead.claims.all()]
    ruling = rules.resolve_ownership(claims, config_for(lead))
    winner_id = ruling.winner.id if ruling.winner else None
    if latest and (latest.winning_claim_id, latest.decided_by) == (winner_id, ruling.decided_by):
        return latest
    return _save_ruling(lead, ruling, kind=RulingKind.RANKING, by=None)


def _save_ruling(
    lead: Lead, ruling: rules.Ruling, *, kind: str, by: Staff | None
) -> OwnershipRuling:
    row = OwnershipRuling(
        lead=lead,
        kind=kind,
        winning_claim_id=ruling.winner.id if ruling.winner else None,
        owner_id=ruling.owner_id,
        decided_by=DecidedBy(ruling.decided_by),
        reason=ruling.manual_reason,
        ruled_by=by,
        ruled_at=timezone.now(),
    )
    row._history_user = by
    row.save()
    lead.owner_id = ruling.owner_id
    lead._history_user = by
    lead._change_reason = "ownership ruling"
    lead.save(update_fields=["owner", "updated_at"])
    record_event(lead=lead, kind=LeadEvent.Kind.RULING, text=ruling_text(row), by=by)
    return row


def ruling_text(row: OwnershipRuling) -> str:
    names = {
        "owner": row.owner.get_full_name() if row.owner else _("the company"),
        "rule": row.get_decided_by_display(),
        "reason": row.reason,
    }
    if row.kind == RulingKind.MANUAL:
        return _("Owner: %(owner)s, ruled by the customer manager. Reason: %(reason)s") % names
    return _("Owner: %(owner)s (%(rule)s).") % names


@transaction.atomic
def rule_on_dispute(
    *, lead: Lead, claim: OwnershipClaim | None, reason: str, by: Staff
) -> OwnershipRuling:
    """The customer manager names the owner against the ranking, with a written reason (ATTR-5).

    `claim` None gives the lead to the company. Audited (ruling row, history, timeline) and
    every claimant is told the outcome.
    """
    if not by.has_perm("leads.rule_ownership"):
        raise LeadError(_("Only the customer manager rules on ownership disputes."))
    lock_lead(lead)
    snapshots = [claim_snapshot(c) for c in lead.claims.all()]
    chosen_id = claim.pk if claim else None
    check = rules.check_manual_ruling(snapshots, chosen_id, reason)
    if not check.allowed:
        raise LeadError(check.message)
    ruling = rules.manual_ruling(snapshots, chosen_id, reason, config_for(lead))
    row = _save_ruling(lead, ruling, kind=RulingKind.MANUAL, by=by)
    claimants = Staff.objects.filter(ownership_claims__lead=lead).distinct()
    notify_many(
        recipients=claimants,
        text=_("Ownership of %(customer)s: %(ruling)s")
        % {"customer": lead.customer_name, "ruling": ruling_text(row)},
        link=lead.get_absolute_url(),
    )
    return row


# --- ATTR-6 -------------------------------------------------------------------------------------


@transaction.atomic
def record_private_contact(
    *, lead: Lead, designer: Staff, description: str, by: Staff
) -> PrivateContactFinding:
    """Record that a designer dealt with the customer privately before dispatch (ATTR-6).

    The order's commission is void (COM-4); the designer and the design manager are told.
    """
    if not by.has_perm("leads.add_privatecontactfinding"):
        raise LeadError(_("Only the customer manager records private contact."))
    if not designer.has_role(Role.DESIGNER):
        raise LeadError(_("Private contact is recorded against a designer."))
    description = (description or "").strip()
    if not description:
        raise LeadError(_("Describe what was found."))
    lock_lead(lead)
    finding = PrivateContactFinding(
        lead=lead,
        designer=designer,
        description=description,
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    finding._history_user = by
    finding.save()
    text = _("%(designer)s dealt with the customer privately before dispatch: %(what)s") % {
        "designer": designer.get_full_name(),
        "what": description,
    }
    record_event(lead=lead, kind=LeadEvent.Kind.PRIVATE_CONTACT, text=text, by=by)
    void_for_private_contact(lead=lead, designer=designer, by=by)  # found after signing
    _tell_about_private_contact(lead, designer)
    return finding


def _tell_about_private_contact(lead: Lead, designer: Staff) -> None:
    text = _(
        "Private contact before dispatch was recorded for %(designer)s on the lead of "
        "%(customer)s; the order's commission is void."
    ) % {"designer": designer.get_full_name(), "customer": lead.customer_name}
    managers = Staff.objects.filter(is_active=True, groups__name=Role.DESIGN_MANAGER)
    notify_many(recipients=managers, text=text, link=lead.get_absolute_url())
    notify(recipient=designer, text=text)


def has_private_contact(lead: Lead) -> bool:
    """ATTR-6 / COM-4: the lead's commission is void when this is True."""
    return lead.private_contacts.exists()
