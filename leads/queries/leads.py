"""The lead list and the lead page."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.utils import timezone

from staff.models import Staff
from staff.phones import InvalidPhone, normalize_phone

from ..models import (
    Channel,
    FilingEntry,
    Lead,
    OwnershipClaim,
    OwnershipRuling,
    RulingKind,
    SlipSignature,
    TransferSlip,
)
from ..rules import claims as claim_rules
from ..rules import intake as intake_rules
from ..rules import slips as slip_rules
from ..services.claims import claim_snapshot, config_for
from .access import visible_leads


@dataclass(frozen=True)
class LeadFilters:
    search: str = ""
    channel: str = ""
    state: str = ""
    owner: str = ""  # a staff id, or "company"
    size_class: str = ""
    date_from: date | None = None
    date_to: date | None = None
    community: str = ""


def lead_list(user: Staff, filters: LeadFilters = LeadFilters()) -> QuerySet[Lead]:
    """The leads `user` may see, filtered; each filter is backed by an index on Lead."""
    leads = visible_leads(user).select_related("owner", "designer", "brought_by")
    has_slip = Exists(TransferSlip.objects.filter(lead=OuterRef("pk")))
    leads = leads.annotate(
        missing_slip=ExpressionWrapper(
            Q(channel=Channel.MARKETING) & ~has_slip, output_field=BooleanField()
        )
    )
    exact = {
        "channel": filters.channel,
        "state": filters.state,
        "size_class": filters.size_class,
        "community": filters.community.strip(),
    }
    leads = leads.filter(**{name: value for name, value in exact.items() if value})
    if filters.owner == "company":
        leads = leads.filter(owner__isnull=True)
    elif filters.owner:
        leads = leads.filter(owner_id=filters.owner)
    if filters.date_from:
        leads = leads.filter(consultation_date__gte=filters.date_from)
    if filters.date_to:
        leads = leads.filter(consultation_date__lte=filters.date_to)
    if filters.search.strip():
        leads = leads.filter(search_filter(filters.search.strip()))
    return leads.order_by("-created_at", "-id")


def search_filter(text: str) -> Q:
    """Name, phone (digits as typed) or address. A whole phone number is looked up exactly, so
    the phone index answers it (a substring search has to read every lead)."""
    whole_phone = _whole_phone(text)
    if whole_phone:
        return Q(phone=whole_phone)
    query = Q(customer_name__icontains=text) | Q(community__icontains=text)
    query |= Q(building__icontains=text)
    digits = "".join(ch for ch in text if ch.isdigit() or ch == "-")
    if len(digits) >= 3:
        query |= Q(phone__contains=digits)
    return query


def _whole_phone(text: str) -> str:
    """The normalized phone when `text` is a complete phone number, else ""."""
    if sum(ch.isdigit() for ch in text) < 11 or not set(text) <= set("0123456789-+ ()"):
        return ""
    try:
        return normalize_phone(text)
    except InvalidPhone:
        return ""


def communities(user: Staff, limit: int = 200) -> list[str]:
    """Suggestions for the community filter."""
    rows = visible_leads(user).exclude(community="").values_list("community", flat=True)
    return list(rows.order_by("community").distinct()[:limit])


def owner_choices() -> QuerySet[Staff]:
    """People who own at least one lead, for the owner filter."""
    # A semi-join per person on the owner index, not a DISTINCT over every owned lead.
    owns = Exists(Lead.objects.filter(owner=OuterRef("pk")))
    return Staff.objects.filter(owns).order_by("name")


# --- the lead page ------------------------------------------------------------------------------


def lead_for_page(user: Staff, pk: int) -> Lead | None:
    """The lead with everything its page shows, in a fixed number of queries; None when the
    user may not see it."""
    claims = OwnershipClaim.objects.select_related("claimant", "recorded_by").order_by(
        "recorded_at", "id"
    )
    signatures = SlipSignature.objects.select_related("signer", "on_behalf_of")
    slips = TransferSlip.objects.select_related(
        "salesperson", "preferred_designer", "designer", "dispatched_by"
    ).prefetch_related(Prefetch("signatures", queryset=signatures))
    return (
        visible_leads(user)
        .select_related("owner", "designer", "brought_by", "created_by")
        .prefetch_related(
            Prefetch("claims", queryset=claims),
            Prefetch("events__actor"),
            Prefetch(
                "rulings",
                queryset=OwnershipRuling.objects.select_related("owner", "ruled_by").order_by(
                    "-ruled_at", "-id"
                ),
            ),
            Prefetch("private_contacts__designer"),
            Prefetch("slip", queryset=slips),
        )
        .filter(pk=pk)
        .first()
    )


def slip_or_none(lead: Lead) -> TransferSlip | None:
    try:
        return lead.slip
    except TransferSlip.DoesNotExist:
        return None


@dataclass(frozen=True)
class ClaimRow:
    claim: OwnershipClaim
    won: bool
    valid: bool
    message: str
    invalid_message: str
    evidence_at: datetime
    rank: int


def claim_rows(lead: Lead) -> list[ClaimRow]:
    """Every claim with its evidence time, rank, and why it won or lost (ATTR-3)."""
    claims = list(lead.claims.all())
    snapshots = [claim_snapshot(c) for c in claims]
    config = config_for(lead)
    ruling = _ruling_for_rows(lead, snapshots, config)
    rows = []
    for claim, snapshot in zip(claims, snapshots):
        outcome = ruling.outcome_for(claim.pk)
        validity = claim_rules.claim_validity(snapshot, config)
        rows.append(
            ClaimRow(
                claim=claim,
                won=outcome.won,
                valid=validity.allowed,
                message=str(outcome.message),
                invalid_message="" if validity.allowed else str(validity.message),
                evidence_at=claim_rules.evidence_time(snapshot),
                rank=config.rank(snapshot.basis),
            )
        )
    return rows


def _ruling_for_rows(lead: Lead, snapshots, config) -> claim_rules.Ruling:
    current = current_ruling(lead)
    if current is not None and current.kind == RulingKind.MANUAL:
        check = claim_rules.check_manual_ruling(snapshots, current.winning_claim_id, current.reason)
        if check.allowed:
            return claim_rules.manual_ruling(
                snapshots, current.winning_claim_id, current.reason, config
            )
    return claim_rules.resolve_ownership(snapshots, config)


def current_ruling(lead: Lead) -> OwnershipRuling | None:
    """The latest ruling, from the prefetched rulings."""
    rulings = list(lead.rulings.all())
    return rulings[0] if rulings else None


@dataclass(frozen=True)
class Credit:
    allowed: bool
    message: str


def salesperson_credit(lead: Lead) -> Credit | None:
    """SLIP-5 for a marketing lead: without a slip, no credit or commission; None otherwise."""
    if lead.channel != Channel.MARKETING:
        return None
    decision = slip_rules.salesperson_credit(slip_or_none(lead) is not None)
    return Credit(decision.allowed, str(decision.message))


def marketing_credit(lead: Lead) -> Credit | None:
    """LEAD-5: a marketing lead counts as marketing's only if filed before the first visit."""
    if lead.channel != Channel.MARKETING:
        return None
    decision = intake_rules.marketing_credit(filed_at(lead), lead.first_visit_at)
    return Credit(decision.allowed, str(decision.message))


def filed_at(lead: Lead) -> datetime:
    """When the lead was first filed with the department: its earliest filing entry, else its
    registration."""
    first_entry = (
        FilingEntry.objects.filter(lead=lead)
        .order_by("recorded_at")
        .values_list("recorded_at", flat=True)
        .first()
    )
    registered = lead.created_at or timezone.now()
    return min(first_entry, registered) if first_entry else registered


def history_rows(lead: Lead, limit: int = 30):
    """The audit history of the lead itself (SEC-3), newest first."""
    return lead.history.select_related("history_user", "owner", "designer").order_by(
        "-history_date"
    )[:limit]


def slip_steps(slip: TransferSlip | None) -> list[tuple[str, SlipSignature | None]]:
    """Each signing step with its signature (or None), in order."""
    if slip is None:
        return []
    by_step = {signature.step: signature for signature in slip.signatures.all()}
    return [(step, by_step.get(step)) for step in slip_rules.SIGNING_ORDER]
