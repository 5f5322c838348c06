"""Lead ownership (来单确认): which claim owns a lead, and why every other claim lost (ATTR-1..5).

- A claim rests on one basis; bases rank APPOINTMENT > CUSTOMER_STATEMENT > ARCHIVE_RECORD >
  FIRST_CONTACT by default (configurable).
- Invalid claims never win: an incomplete first contact, an archive record dated too far back,
  an appointment made only after the visit.
- Within the best basis the earliest evidence wins; at the same instant the lower claim id.
- No valid claim: the company owns the lead (a natural walk-in).
- The customer manager may rule otherwise, with a written reason (ATTR-5).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from core.decisions import Decision


class ClaimBasis(StrEnum):
    APPOINTMENT = "APPOINTMENT"  # 约客户上门
    CUSTOMER_STATEMENT = "CUSTOMER_STATEMENT"  # 客户认定
    ARCHIVE_RECORD = "ARCHIVE_RECORD"  # 档案认定
    FIRST_CONTACT = "FIRST_CONTACT"  # 第一接触


DEFAULT_RANKING = (
    ClaimBasis.APPOINTMENT,
    ClaimBasis.CUSTOMER_STATEMENT,
    ClaimBasis.ARCHIVE_RECORD,
    ClaimBasis.FIRST_CONTACT,
)


@dataclass(frozen=True)
class ClaimConfig:
    """Ranking of the bases, strongest first, and how far back an archive record may be dated."""

    ranking: tuple[ClaimBasis, ...] = DEFAULT_RANKING
    archive_backdate_days: int = 7

    def __post_init__(self) -> None:
        if sorted(self.ranking) != sorted(ClaimBasis):
            raise ValueError("The ranking must list every claim basis exactly once.")
        if self.archive_backdate_days < 0:
            raise ValueError("archive_backdate_days cannot be negative.")

    def rank(self, basis: ClaimBasis) -> int:
        """1 for the strongest basis."""
        return self.ranking.index(basis) + 1


@dataclass(frozen=True)
class ClaimSnapshot:
    """One claim as the rules see it.

    `claimant_id` None is the company (natural walk-in). `evidence_at` is the consultation date
    of an archive record (a date, or a datetime in the same zone as `recorded_at`).
    `appointment_at` is when the appointment record was made; `visit_at` is the visit it brought.
    """

    id: int
    claimant_id: int | None
    basis: ClaimBasis
    recorded_at: datetime
    evidence_at: date | datetime | None = None
    has_complete_details: bool = False
    appointment_at: datetime | None = None
    visit_at: datetime | None = None


class Validity(StrEnum):
    VALID = "VALID"
    INCOMPLETE_DETAILS = "INCOMPLETE_DETAILS"
    NO_CONSULTATION_DATE = "NO_CONSULTATION_DATE"
    BACKDATED_TOO_FAR = "BACKDATED_TOO_FAR"
    CONSULTATION_AFTER_RECORD = "CONSULTATION_AFTER_RECORD"
    NO_APPOINTMENT_RECORD = "NO_APPOINTMENT_RECORD"
    NO_VISIT = "NO_VISIT"
    APPOINTMENT_NOT_BEFORE_VISIT = "APPOINTMENT_NOT_BEFORE_VISIT"


class ManualCheck(StrEnum):
    OK = "OK"
    REASON_REQUIRED = "REASON_REQUIRED"
    UNKNOWN_CLAIM = "UNKNOWN_CLAIM"


MESSAGES = {
    Validity.VALID: _("Valid claim."),
    Validity.INCOMPLETE_DETAILS: _(
        "A first-contact claim needs the complete details: name, address, area and phone."
    ),
    Validity.NO_CONSULTATION_DATE: _("An archive record needs its consultation date."),
    Validity.BACKDATED_TOO_FAR: _(
        "The archive record's consultation date is further back than allowed."
    ),
    Validity.CONSULTATION_AFTER_RECORD: _(
        "The archive record's consultation date is later than the day it was recorded."
    ),
    Validity.NO_APPOINTMENT_RECORD: _("An appointment claim needs the appointment record."),
    Validity.NO_VISIT: _("The customer has not yet come for the booked visit."),
    Validity.APPOINTMENT_NOT_BEFORE_VISIT: _(
        "The appointment was recorded only at or after the visit, so it did not bring the customer."
    ),
    ManualCheck.OK: _("Allowed."),
    ManualCheck.REASON_REQUIRED: _("A ruling against the ranking needs a written reason."),
    ManualCheck.UNKNOWN_CLAIM: _("The chosen claim is not one of this lead's claims."),
}


def _decide(reason: Validity | ManualCheck) -> Decision:
    allowed = reason in (Validity.VALID, ManualCheck.OK)
    return Decision(allowed=allowed, reason=reason, message=MESSAGES[reason])


# --- validity and evidence time (ATTR-2, ATTR-4) -----------------------------------------------


def claim_validity(claim: ClaimSnapshot, config: ClaimConfig = ClaimConfig()) -> Decision:
    """Whether a claim can win at all; invalid claims are still shown, with this reason."""
    checks = {
        ClaimBasis.FIRST_CONTACT: _first_contact_validity,
        ClaimBasis.ARCHIVE_RECORD: _archive_validity,
        ClaimBasis.APPOINTMENT: _appointment_validity,
    }
    check = checks.get(claim.basis)
    return _decide(check(claim, config) if check else Validity.VALID)


def _first_contact_validity(claim: ClaimSnapshot, config: ClaimConfig) -> Validity:
    return Validity.VALID if claim.has_complete_details else Validity.INCOMPLETE_DETAILS


def _archive_validity(claim: ClaimSnapshot, config: ClaimConfig) -> Validity:
    """Consultation date between `archive_backdate_days` days back and the day of recording."""
    if claim.evidence_at is None:
        return Validity.NO_CONSULTATION_DATE
    consulted = _as_date(claim.evidence_at)
    days_back = (claim.recorded_at.date() - consulted).days
    if days_back < 0:
        return Validity.CONSULTATION_AFTER_RECORD
    if days_back > config.archive_backdate_days:
        return Validity.BACKDATED_TOO_FAR
    return Validity.VALID


def _appointment_validity(claim: ClaimSnapshot, config: ClaimConfig) -> Validity:
    if claim.appointment_at is None:
        return Validity.NO_APPOINTMENT_RECORD
    if claim.visit_at is None:
        return Validity.NO_VISIT
    if claim.appointment_at >= claim.visit_at:
        return Validity.APPOINTMENT_NOT_BEFORE_VISIT
    return Validity.VALID


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def evidence_time(claim: ClaimSnapshot) -> datetime:
    """When the system recorded the claim; an archive record counts from its consultation date."""
    if claim.basis != ClaimBasis.ARCHIVE_RECORD or claim.evidence_at is None:
        return claim.recorded_at
    if isinstance(claim.evidence_at, datetime):
        return claim.evidence_at
    return datetime.combine(claim.evidence_at, time.min, tzinfo=claim.recorded_at.tzinfo)


# --- resolution (ATTR-3) -----------------------------------------------------------------------


class RulingKind(StrEnum):
    RANKING = "RANKING"
    MANUAL = "MANUAL"


class DecidedBy(StrEnum):
    BASIS_RANK = "BASIS_RANK"  # the only valid claim on the strongest basis present
    EARLIEST_IN_BASIS = "EARLIEST_IN_BASIS"  # several on that basis: the earliest evidence
    NO_VALID_CLAIM = "NO_VALID_CLAIM"  # the company owns the lead
    MANUAL = "MANUAL"  # the customer manager's ruling (ATTR-5)


class LossReason(StrEnum):
    INVALID = "INVALID"
    LOWER_RANKED_BASIS = "LOWER_RANKED_BASIS"
    LATER_EVIDENCE = "LATER_EVIDENCE"
    SAME_DAY_RECORDED_LATER = "SAME_DAY_RECORDED_LATER"  # archive records, same consultation day
    TIE_HIGHER_ID = "TIE_HIGHER_ID"  # same instant: the lower claim id wins
    OVERRULED = "OVERRULED"


RULING_MESSAGES = {
    DecidedBy.BASIS_RANK: _("Decided by the strongest basis among the valid claims."),
    DecidedBy.EARLIEST_IN_BASIS: _("Decided by the earliest evidence within the strongest basis."),
    DecidedBy.NO_VALID_CLAIM: _("No valid claim: the lead belongs to the company."),
    DecidedBy.MANUAL: _("Ruled by the customer manager, with a written reason."),
    LossReason.LOWER_RANKED_BASIS: _("Lost: its basis ranks below the winning claim's."),
    LossReason.LATER_EVIDENCE: _("Lost: same basis, but its evidence is later."),
    LossReason.SAME_DAY_RECORDED_LATER: _(
        "Lost: same basis and consultation date, but it was recorded later."
    ),
    LossReason.TIE_HIGHER_ID: _("Lost: same basis and same time; the earlier-entered claim wins."),
    LossReason.OVERRULED: _("Lost: the customer manager ruled for another claim."),
}
WON_MESSAGE = _("Owns the lead.")


@dataclass(frozen=True)
class ClaimOutcome:
    """One claim's result: won, or lost with the reason (and why it was invalid, if it was)."""

    claim_id: int
    won: bool
    loss: LossReason | None
    invalid_reason: Validity | None
    message: str


@dataclass(frozen=True)
class Ruling:
    """Who owns the lead, which rule decided, and the outcome of every claim (in id order)."""

    kind: RulingKind
    winner: ClaimSnapshot | None
    decided_by: DecidedBy
    basis: ClaimBasis | None
    rank: int | None
    outcomes: tuple[ClaimOutcome, ...]
    message: str
    manual_reason: str = ""

    @property
    def owner_id(self) -> int | None:
        """The owning staff member's id; None is the company."""
        return self.winner.claimant_id if self.winner else None

    def outcome_for(self, claim_id: int) -> ClaimOutcome:
        return next(outcome for outcome in self.outcomes if outcome.claim_id == claim_id)


def resolve_ownership(
    claims: Iterable[ClaimSnapshot], config: ClaimConfig = ClaimConfig()
) -> Ruling:
    """The owner by the ranking (ATTR-3), with the deciding rule and every loser's reason."""
    ordered = sorted(claims, key=lambda claim: claim.id)
    validity = {claim.id: claim_validity(claim, config) for claim in ordered}
    valid = [claim for claim in ordered if validity[claim.id].allowed]
    if not valid:
        outcomes = tuple(_invalid_outcome(claim, validity[claim.id]) for claim in ordered)
        return _ruling(None, DecidedBy.NO_VALID_CLAIM, outcomes, config)
    winner = min(valid, key=lambda claim: _precedence(claim, config))
    same_basis = any(c.basis == winner.basis and c is not winner for c in valid)
    decided_by = DecidedBy.EARLIEST_IN_BASIS if same_basis else DecidedBy.BASIS_RANK
    outcomes = tuple(_outcome(claim, winner, validity[claim.id], config) for claim in ordered)
    return _ruling(winner, decided_by, outcomes, config)


def _precedence(claim: ClaimSnapshot, config: ClaimConfig) -> tuple[int, datetime, datetime, int]:
    return (config.rank(claim.basis), evidence_time(claim), claim.recorded_at, claim.id)


def _outcome(
    claim: ClaimSnapshot, winner: ClaimSnapshot, validity: Decision, config: ClaimConfig
) -> ClaimOutcome:
    if claim is winner:
        return ClaimOutcome(claim.id, True, None, None, WON_MESSAGE)
    if not validity.allowed:
        return _invalid_outcome(claim, validity)
    return _lost(claim.id, _loss_reason(claim, winner, config))


def _loss_reason(claim: ClaimSnapshot, winner: ClaimSnapshot, config: ClaimConfig) -> LossReason:
    if config.rank(claim.basis) > config.rank(winner.basis):
        return LossReason.LOWER_RANKED_BASIS
    if evidence_time(claim) > evidence_time(winner):
        return LossReason.LATER_EVIDENCE
    if claim.recorded_at > winner.recorded_at:
        return LossReason.SAME_DAY_RECORDED_LATER
    return LossReason.TIE_HIGHER_ID


def _invalid_outcome(claim: ClaimSnapshot, validity: Decision) -> ClaimOutcome:
    reason = Validity(validity.reason)
    return ClaimOutcome(claim.id, False, LossReason.INVALID, reason, validity.message)


def _lost(claim_id: int, loss: LossReason, invalid: Validity | None = None) -> ClaimOutcome:
    return ClaimOutcome(claim_id, False, loss, invalid, RULING_MESSAGES[loss])


def _ruling(
    winner: ClaimSnapshot | None,
    decided_by: DecidedBy,
    outcomes: tuple[ClaimOutcome, ...],
    config: ClaimConfig,
    manual_reason: str = "",
) -> Ruling:
    return Ruling(
        kind=RulingKind.MANUAL if decided_by == DecidedBy.MANUAL else RulingKind.RANKING,
        winner=winner,
        decided_by=decided_by,
        basis=winner.basis if winner else None,
        rank=config.rank(winner.basis) if winner else None,
        outcomes=outcomes,
        message=RULING_MESSAGES[decided_by],
        manual_reason=manual_reason,
    )


# --- manual ruling (ATTR-5) --------------------------------------------------------------------


def check_manual_ruling(
    claims: Iterable[ClaimSnapshot], chosen_claim_id: int | None, reason: str
) -> Decision:
    """A ruling against the ranking needs a written reason and one of the lead's claims
    (or None: the company)."""
    if not (reason or "").strip():
        return _decide(ManualCheck.REASON_REQUIRED)
    if chosen_claim_id is not None and chosen_claim_id not in {c.id for c in claims}:
        return _decide(ManualCheck.UNKNOWN_CLAIM)
    return _decide(ManualCheck.OK)


def manual_ruling(
    claims: Iterable[ClaimSnapshot],
    chosen_claim_id: int | None,
    reason: str,
    config: ClaimConfig = ClaimConfig(),
) -> Ruling:
    """The customer manager's ruling (ATTR-5); raises ValueError unless check_manual_ruling
    allows it, so call that first to show the refusal."""
    ordered = sorted(claims, key=lambda claim: claim.id)
    check = check_manual_ruling(ordered, chosen_claim_id, reason)
    if not check.allowed:
        raise ValueError(f"Manual ruling refused: {check.reason}")
    winner = next((c for c in ordered if c.id == chosen_claim_id), None)
    outcomes = tuple(_manual_outcome(claim, winner, config) for claim in ordered)
    return _ruling(winner, DecidedBy.MANUAL, outcomes, config, manual_reason=reason.strip())


def _manual_outcome(
    claim: ClaimSnapshot, winner: ClaimSnapshot | None, config: ClaimConfig
) -> ClaimOutcome:
    if claim is winner:
        return ClaimOutcome(claim.id, True, None, None, WON_MESSAGE)
    validity = claim_validity(claim, config)
    invalid = None if validity.allowed else Validity(validity.reason)
    return _lost(claim.id, LossReason.OVERRULED, invalid)
