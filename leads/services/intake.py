"""Lead intake (LEAD-1, LEAD-2, LEAD-4): one customer, one open lead.

A second intake of a customer with an open lead (same normalized phone, or same address) never
creates a lead: it is attached to the open one as an ownership claim, and the caller gets a
message that says so without revealing the lead's data. The partial unique constraints on Lead
back this under concurrent intakes (see `_create_or_attach`).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Staff
from staff.phones import InvalidPhone, normalize_phone

from .. import events
from ..models import (
    OPEN_STATES,
    Channel,
    ClaimBasis,
    ClaimSource,
    Lead,
    LeadEvent,
    OwnershipClaim,
    Referral,
)
from ..rules import intake as rules
from .claims import add_claim, resolve_ownership
from .config import size_thresholds_on
from .errors import LeadError
from .referrals import record_referral
from .states import lock_lead
from .timeline import record_event


@dataclass(frozen=True)
class IntakeData:
    """What the intake form, a filing entry or a slip knows about the customer (LEAD-1)."""

    customer_name: str
    phone: str
    channel: str
    consultation_date: date
    community: str = ""
    building: str = ""
    area_m2: Decimal | None = None
    budget: Decimal | None = None
    planned_decoration_date: date | None = None
    brought_by: Staff | None = None
    named_by_customer: Staff | None = None  # CUSTOMER_STATEMENT: "X sent me"
    notes: str = ""
    in_person: bool = False  # the customer is at the office now
    referrer_phone: str = ""  # CARE-5: the former customer who referred them (referral channel)


@dataclass(frozen=True)
class Evidence:
    """The basis of the claim filed for `brought_by` (default: first contact, recorded now)."""

    basis: str = ClaimBasis.FIRST_CONTACT
    source: str = ClaimSource.INTAKE
    recorded_at: datetime | None = None
    consultation_date: date | None = None


@dataclass(frozen=True)
class IntakeResult:
    lead: Lead
    created: bool
    matched_on: str | None = None
    claims: list[OwnershipClaim] = field(default_factory=list)

    @property
    def message(self) -> str:
        """What the person at the keyboard is told; no customer data (LEAD-2, SEC-1)."""
        if self.created:
            return _("Lead registered (No. %(id)s).") % {"id": self.lead.pk}
        if self.claims:
            return _(
                "This customer is already registered (lead No. %(id)s). Your entry was attached "
                "to it as an ownership claim; the customer manager decides ownership."
            ) % {"id": self.lead.pk}
        return _(
            "This customer is already registered (lead No. %(id)s). Your entry was recorded on it."
        ) % {"id": self.lead.pk}


def clean_phone(raw: str) -> str:
    try:
        return normalize_phone(raw)
    except InvalidPhone as exc:
        raise LeadError(exc.message) from exc


def open_lead_for(phone: str, address_key: str = "") -> tuple[Lead, str] | None:
    """The open lead this customer already has, and what matched (LEAD-2)."""
    match = Q(phone=phone) | Q(address_key=address_key) if address_key else Q(phone=phone)
    rows = Lead.objects.filter(match, state__in=OPEN_STATES).values_list(
        "pk", "phone", "address_key"
    )
    snapshots = [rules.OpenLeadSnapshot(pk, p, key) for pk, p, key in rows]
    duplicate = rules.find_duplicate(phone, address_key, snapshots)
    if duplicate is None:
        return None
    return Lead.objects.get(pk=duplicate.lead_id), str(duplicate.matched_on)


@transaction.atomic
def register_lead(*, data: IntakeData, by: Staff, evidence: Evidence = Evidence()) -> IntakeResult:
    """Register a customer, or attach this intake to their open lead (LEAD-1, LEAD-2)."""
    phone = clean_phone(data.phone)
    _check_required(data)
    address_key = rules.normalize_address(data.community, data.building)
    result = _create_or_attach(data, phone, address_key, by, evidence)
    # CARE-5, in this transaction: an unknown referrer undoes the registration too. A lead
    # attached to keeps the referrer it already names.
    if (
        data.referrer_phone
        and data.channel == Channel.REFERRAL
        and (result.created or not Referral.objects.filter(lead=result.lead).exists())
    ):
        record_referral(lead=result.lead, referrer_phone=data.referrer_phone, by=by)
    return result


def _check_required(data: IntakeData) -> None:
    if not data.customer_name.strip():
        raise LeadError(_("Enter the customer's name."))
    if not data.channel:
        raise LeadError(_("Choose the channel the customer came through."))
    if data.area_m2 is not None and data.area_m2 <= 0:
        raise LeadError(_("The house area must be more than 0 m²."))


def _create_or_attach(
    data: IntakeData, phone: str, address_key: str, by: Staff, evidence: Evidence
) -> IntakeResult:
    found = open_lead_for(phone, address_key)
    if found is None:
        try:
            # Race: two desks registering the same customer at once. The partial unique
            # constraints let only one insert through; the other lands here and attaches.
            with transaction.atomic():
                lead = _create(data, phone, address_key, by)
        except IntegrityError:
            found = open_lead_for(phone, address_key)
            if found is None:
                raise
        else:
            claims = _claims(lead, data, by, evidence)
            resolve_ownership(lead=lead)
            events.lead_created(lead)
            return IntakeResult(lead=lead, created=True, claims=claims)
    return _attach(found[0], found[1], data, by, evidence)


def _create(data: IntakeData, phone: str, address_key: str, by: Staff) -> Lead:
    now = timezone.now()
    lead = Lead(
        customer_name=data.customer_name.strip(),
        phone=phone,
        community=data.community.strip(),
        building=data.building.strip(),
        address_key=address_key,
        area_m2=data.area_m2,
        budget=data.budget,
        size_class=size_class_for(data.budget, data.consultation_date),
        planned_decoration_date=data.planned_decoration_date,
        channel=data.channel,
        consultation_date=data.consultation_date,
        brought_by=data.brought_by,
        notes=data.notes.strip(),
        first_visit_at=now if data.in_person else None,
        created_by=by,
    )
    lead._history_user = by
    lead.save()
    text = _("Registered (%(channel)s) by %(name)s.") % {
        "channel": lead.get_channel_display(),
        "name": by.get_full_name(),
    }
    record_event(lead=lead, kind=LeadEvent.Kind.INTAKE, text=text, by=by, at=now)
    return lead


def size_class_for(budget: Decimal | None, day: date) -> str:
    """LEAD-4 by the thresholds in force on `day`; blank while the budget is unknown."""
    if budget is None:
        return ""
    return str(rules.size_class(budget, size_thresholds_on(day)))


def _attach(
    lead: Lead, matched_on: str, data: IntakeData, by: Staff, evidence: Evidence
) -> IntakeResult:
    lock_lead(lead)
    text = _("Registered again (%(channel)s) by %(name)s; matched on %(field)s.") % {
        "channel": Channel(data.channel).label,
        "name": by.get_full_name(),
        "field": _("phone") if matched_on == rules.MatchField.PHONE else _("address"),
    }
    record_event(lead=lead, kind=LeadEvent.Kind.INTAKE, text=text, by=by)
    if data.in_person:
        _note_visit(lead, by, data.notes)
    claims = _claims(lead, data, by, evidence)
    return IntakeResult(lead=lead, created=False, matched_on=matched_on, claims=claims)


def _claims(lead: Lead, data: IntakeData, by: Staff, evidence: Evidence) -> list[OwnershipClaim]:
    """The claims this intake carries: the person who brought the customer, and the employee
    the customer named at reception."""
    claims = []
    now = timezone.now()
    if data.brought_by is not None:
        complete = not rules.missing_details(
            data.customer_name, data.phone, f"{data.community}{data.building}", data.area_m2
        )
        claims.append(
            add_claim(
                lead=lead,
                basis=evidence.basis,
                claimant=data.brought_by,
                by=by,
                source=evidence.source,
                recorded_at=evidence.recorded_at or now,
                consultation_date=evidence.consultation_date,
                has_complete_details=complete,
            )
        )
    if data.named_by_customer is not None:
        claims.append(_customer_statement(lead, data.named_by_customer, by, now))
    return claims


def _customer_statement(lead: Lead, named: Staff, by: Staff, at: datetime) -> OwnershipClaim:
    return add_claim(
        lead=lead,
        basis=ClaimBasis.CUSTOMER_STATEMENT,
        claimant=named,
        by=by,
        source=ClaimSource.VISIT,
        recorded_at=at,
        visit_at=at,
        note=_("The customer named %(name)s at reception.") % {"name": named.get_full_name()},
    )


# --- a visit on an existing lead ---------------------------------------------------------------


@transaction.atomic
def record_visit(
    *, lead: Lead, by: Staff, named_by_customer: Staff | None = None, note: str = ""
) -> Lead:
    """The customer of an open lead is at the office again: note the visit (and whom they
    named), instead of registering them twice (LEAD-2)."""
    lock_lead(lead)
    if not lead.is_open:
        raise LeadError(_("This lead is closed; register the customer as a new lead."))
    _note_visit(lead, by, note)
    if named_by_customer is not None:
        _customer_statement(lead, named_by_customer, by, timezone.now())
    return lead


def _note_visit(lead: Lead, by: Staff, note: str) -> None:
    now = timezone.now()
    if lead.first_visit_at is None:
        lead.first_visit_at = now
        lead._history_user = by
        lead._change_reason = "first visit"
        lead.save(update_fields=["first_visit_at", "updated_at"])
    text = note.strip() or _("The customer came to the office.")
    record_event(lead=lead, kind=LeadEvent.Kind.VISIT, text=text, by=by, at=now)


# --- corrections -------------------------------------------------------------------------------

EDITABLE = (
    "customer_name",
    "community",
    "building",
    "area_m2",
    "budget",
    "planned_decoration_date",
    "notes",
)


@transaction.atomic
def update_lead_details(*, lead: Lead, by: Staff, **changes) -> Lead:
    """Complete or correct a lead's details (not the phone: it identifies the customer).

    The size class follows the budget (LEAD-4); a new address must not belong to another open
    lead (LEAD-2).
    """
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    lock_lead(lead)
    for name, value in changes.items():
        setattr(lead, name, value.strip() if isinstance(value, str) else value)
    if not lead.customer_name:
        raise LeadError(_("Enter the customer's name."))
    lead.address_key = rules.normalize_address(lead.community, lead.building)
    _check_address_free(lead)
    lead.size_class = size_class_for(lead.budget, lead.consultation_date)
    lead._history_user = by
    lead._change_reason = "details corrected"
    lead.save()
    record_event(lead=lead, kind=LeadEvent.Kind.NOTE, text=_("Details updated."), by=by)
    return lead


def _check_address_free(lead: Lead) -> None:
    if not lead.address_key or not lead.is_open:
        return
    others = Lead.objects.filter(state__in=OPEN_STATES, address_key=lead.address_key)
    if others.exclude(pk=lead.pk).exists():
        raise LeadError(_("Another open lead already has this address."))
