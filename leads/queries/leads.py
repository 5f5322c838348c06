"""The lead list and the lead page."""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import JSONObject, TruncDate
from django.utils import timezone

from staff.models import Role, Staff
from staff.phones import InvalidPhone, normalize_phone

from ..models import (
    Channel,
    ClaimPolicy,
    FilingEntry,
    Lead,
    LeadEvent,
    OwnershipClaim,
    OwnershipRuling,
    PrivateContactFinding,
    RulingKind,
    SlipSignature,
    TransferSlip,
)
from ..rules import claims as claim_rules
from ..rules import intake as intake_rules
from ..rules import slips as slip_rules
from ..services.claims import claim_snapshot, config_for
from ..services.config import claim_config_from
from .access import sees_all_leads, visible_leads


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
    """Suggestions for the community filter: the first `limit` communities by name."""
    if sees_all_leads(user):
        return _first_communities(limit)
    rows = visible_leads(user).exclude(community="").values_list("community", flat=True)
    return list(rows.order_by("community").distinct()[:limit])


def _first_communities(limit: int) -> list[str]:
    """The first `limit` distinct non-empty communities of all leads, in the database's order:
    what `SELECT DISTINCT ... ORDER BY community LIMIT n` returns, found by stepping along the
    community index from each name to the next one (n index look-ups), instead of reading
    every lead (~20 ms at 100,000 leads)."""
    table = connection.ops.quote_name(Lead._meta.db_table)
    column = connection.ops.quote_name(Lead._meta.get_field("community").column)
    sql = f"""
        WITH RECURSIVE names (name, n) AS (
            SELECT MIN({column}), 1 FROM {table} WHERE {column} > ''
            UNION ALL
            SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > names.name), n + 1
            FROM names WHERE names.name IS NOT NULL AND n < %s
        )
        SELECT name FROM names WHERE name IS NOT NULL ORDER BY n
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [limit])
        return [name for (name,) in cursor.fetchall()]


def owner_choices() -> QuerySet[Staff]:
    """People who own at least one lead, for the owner filter."""
    # A semi-join per person on the owner index, not a DISTINCT over every owned lead.
    owns = Exists(Lead.objects.filter(owner=OuterRef("pk")))
    return Staff.objects.filter(owns).only("name", "username").order_by("name")  # get_full_name


# --- the lead page ------------------------------------------------------------------------------

# The slip's signatures, one join per signing step (at most one signature each), as
# `signature_<n>` on the lead; `lead_slip_steps` reads them back in signing order.
SIGNATURE_ALIASES = tuple(f"signature_{n}" for n in range(len(slip_rules.SIGNING_ORDER)))
# The people named by the lead and its one-to-one rows: read with the page's staff
# (`page_people`), not joined: a join per person made the lead's query take longer for
# PostgreSQL to plan (~15 ms) than to run (~1 ms).
LEAD_PEOPLE = ("owner", "designer", "brought_by", "created_by")
ROW_PEOPLE = {
    "slip": ("salesperson", "preferred_designer", "designer", "dispatched_by"),
    "measurement": ("designer", "recorded_by"),
    "latest_ruling": ("ruled_by",),
    **{alias: ("signer", "on_behalf_of") for alias in SIGNATURE_ALIASES},
}
POLICY_FIELDS = (
    "rank_appointment",
    "rank_customer_statement",
    "rank_archive_record",
    "rank_first_contact",
    "archive_backdate_days",
)


def lead_for_page(user: Staff, pk: int) -> Lead | None:
    """The lead with everything its page shows but the lifecycle, in four queries whatever it
    holds: the lead with its one-to-one rows joined (slip and its signatures, measurement,
    latest ruling) and its first filing time and claim policy as subqueries; then its claims,
    timeline and private-contact findings. The people the lead and those rows name come with
    `page_people`. None when the user may not see it."""
    claims = OwnershipClaim.objects.select_related("claimant", "recorded_by").order_by(
        "recorded_at", "id"
    )
    rulings = OwnershipRuling.objects.filter(lead=OuterRef("pk")).order_by("-ruled_at", "-id")
    signatures = {
        alias: FilteredRelation("slip__signatures", condition=Q(slip__signatures__step=step))
        for alias, step in zip(SIGNATURE_ALIASES, slip_rules.SIGNING_ORDER)
    }
    lead = (
        visible_leads(user)
        .annotate(registered_on=TruncDate("created_at"))  # the local day (USE_TZ)
        .annotate(
            latest_ruling=FilteredRelation(
                "rulings", condition=Q(rulings__pk=Subquery(rulings.values("pk")[:1]))
            ),
            first_filed_at=Subquery(
                FilingEntry.objects.filter(lead=OuterRef("pk"))
                .order_by("recorded_at")
                .values("recorded_at")[:1]
            ),
            claim_policy=_claim_policy_row(),
            **signatures,
        )
        .select_related("slip", "measurement", "latest_ruling", *signatures)
        .prefetch_related(
            Prefetch("claims", queryset=claims),
            Prefetch("events", queryset=LeadEvent.objects.select_related("actor")),
            Prefetch(
                "private_contacts",
                queryset=PrivateContactFinding.objects.select_related("designer"),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if lead is not None:
        # A join that found no row leaves its attribute unset; say "none" instead.
        for alias in ("latest_ruling", *SIGNATURE_ALIASES):
            if not hasattr(lead, alias):
                setattr(lead, alias, None)
    return lead


def page_people(lead: Lead) -> list[Staff]:
    """The lead page's one read of staff: everyone active (the choices of its forms, each marked
    `is_designer`, by name) and whoever the lead, its slip, measurement, latest ruling and
    signatures name, who are set on those rows. Returns the active staff."""
    rows = list(_row_people(lead))
    named = {getattr(row, f"{name}_id") for row, name in rows} - {None}
    is_designer = Staff.groups.through.objects.filter(
        staff_id=OuterRef("pk"), group__name=Role.DESIGNER
    )
    people = list(
        Staff.objects.filter(Q(is_active=True) | Q(pk__in=named))
        .annotate(is_designer=Exists(is_designer))
        .order_by("name")
    )
    by_id = {person.pk: person for person in people}
    for row, name in rows:
        person_id = getattr(row, f"{name}_id")
        if person_id is not None:
            setattr(row, name, by_id[person_id])
    return [person for person in people if person.is_active]


def _row_people(lead: Lead):
    yield from ((lead, name) for name in LEAD_PEOPLE)
    for attr, names in ROW_PEOPLE.items():
        try:
            row = getattr(lead, attr)
        except ObjectDoesNotExist:  # no slip, no measurement
            continue
        if row is not None:
            yield from ((row, name) for name in names)


def _claim_policy_row() -> Subquery:
    """The claim policy in force on the lead's registration day (as `claim_config_on` picks
    it), as a JSON object of its numbers; null when there is none."""
    rows = (
        ClaimPolicy.objects.filter(effective_from__lte=OuterRef("registered_on"))
        .order_by("-effective_from")
        .values(row=JSONObject(**{name: name for name in POLICY_FIELDS}))
    )
    return Subquery(rows[:1])


def claim_config(lead: Lead) -> claim_rules.ClaimConfig:
    """The lead's claim policy: from the row `lead_for_page` read with the lead, else looked up
    (`config_for`)."""
    if not hasattr(lead, "claim_policy"):
        return config_for(lead)
    policy = ClaimPolicy(**lead.claim_policy) if lead.claim_policy is not None else None
    return claim_config_from(policy)


def slip_or_none(lead: Lead) -> TransferSlip | None:
    try:
        return lead.slip
    except TransferSlip.DoesNotExist:
        return None


def lead_slip_steps(lead: Lead) -> list[tuple[str, SlipSignature | None]]:
    """`slip_steps` for a lead read by `lead_for_page` (signatures joined, not prefetched)."""
    if slip_or_none(lead) is None:
        return []
    return [
        (step, getattr(lead, alias))
        for alias, step in zip(SIGNATURE_ALIASES, slip_rules.SIGNING_ORDER)
    ]


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
    config = claim_config(lead)
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
    """The latest ruling: joined by `lead_for_page`, else looked up."""
    if hasattr(lead, "latest_ruling"):
        return lead.latest_ruling
    return lead.rulings.order_by("-ruled_at", "-id").first()


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
    registration. (`lead_for_page` reads the first entry's time with the lead.)"""
    if hasattr(lead, "first_filed_at"):
        first_entry = lead.first_filed_at
    else:
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
