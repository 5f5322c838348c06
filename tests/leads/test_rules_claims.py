"""Lead ownership claims: ATTR-1 owner, ATTR-2 bases, ATTR-3 ranking, ATTR-4 evidence, ATTR-5."""

import itertools
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from leads.rules.claims import (
    DEFAULT_RANKING,
    ClaimBasis,
    ClaimConfig,
    ClaimSnapshot,
    DecidedBy,
    LossReason,
    ManualCheck,
    RulingKind,
    Validity,
    check_manual_ruling,
    claim_validity,
    evidence_time,
    manual_ruling,
    resolve_ownership,
)

B = ClaimBasis
T0 = datetime(2026, 4, 10, 10, 0)


def claim(claim_id: int, basis: ClaimBasis, at: datetime = T0, **changes: Any) -> ClaimSnapshot:
    """A valid claim of the basis, recorded at `at`, by staff member 100 + id."""
    fields: dict[str, Any] = {
        "id": claim_id,
        "claimant_id": 100 + claim_id,
        "basis": basis,
        "recorded_at": at,
        "evidence_at": at.date() if basis == B.ARCHIVE_RECORD else None,
        "has_complete_details": basis == B.FIRST_CONTACT,
        "appointment_at": at - timedelta(days=1) if basis == B.APPOINTMENT else None,
        "visit_at": at + timedelta(hours=1) if basis == B.APPOINTMENT else None,
    }
    fields.update(changes)
    return ClaimSnapshot(**fields)


def loss_of(ruling: Any, claim_id: int) -> LossReason | None:
    return ruling.outcome_for(claim_id).loss


# --- ATTR-3 ranking ---------------------------------------------------------------------------


PAIRS = list(itertools.combinations(DEFAULT_RANKING, 2))  # (stronger, weaker): all 6 pairs


@pytest.mark.parametrize(("stronger", "weaker"), PAIRS)
def test_attr3_stronger_basis_wins_even_when_later(
    stronger: ClaimBasis, weaker: ClaimBasis
) -> None:
    early_weak = claim(1, weaker, T0)
    late_strong = claim(2, stronger, T0 + timedelta(days=2))
    ruling = resolve_ownership([early_weak, late_strong])
    assert ruling.winner == late_strong
    assert ruling.owner_id == 102
    assert (ruling.decided_by, ruling.basis) == (DecidedBy.BASIS_RANK, stronger)
    assert ruling.rank == DEFAULT_RANKING.index(stronger) + 1
    assert loss_of(ruling, 1) == LossReason.LOWER_RANKED_BASIS


@pytest.mark.parametrize(("stronger", "weaker"), PAIRS)
def test_attr3_stronger_basis_wins_when_earlier(stronger: ClaimBasis, weaker: ClaimBasis) -> None:
    early_strong = claim(1, stronger, T0)
    late_weak = claim(2, weaker, T0 + timedelta(days=2))
    ruling = resolve_ownership([late_weak, early_strong])
    assert ruling.winner == early_strong
    assert loss_of(ruling, 2) == LossReason.LOWER_RANKED_BASIS


def test_attr3_appointment_beats_first_contact() -> None:
    ruling = resolve_ownership([claim(1, B.FIRST_CONTACT), claim(2, B.APPOINTMENT)])
    assert ruling.winner is not None
    assert ruling.winner.id == 2


def test_attr3_ranking_is_configurable() -> None:
    config = ClaimConfig(ranking=tuple(reversed(DEFAULT_RANKING)))
    ruling = resolve_ownership([claim(1, B.APPOINTMENT), claim(2, B.FIRST_CONTACT)], config)
    assert (ruling.winner.id if ruling.winner else None, ruling.rank) == (2, 1)
    assert loss_of(ruling, 1) == LossReason.LOWER_RANKED_BASIS


@pytest.mark.parametrize(
    "ranking", [DEFAULT_RANKING[:3], (*DEFAULT_RANKING[:3], B.APPOINTMENT), ()]
)
def test_attr3_ranking_must_list_each_basis_once(ranking: tuple[ClaimBasis, ...]) -> None:
    with pytest.raises(ValueError, match="exactly once"):
        ClaimConfig(ranking=ranking)


@pytest.mark.parametrize("basis", list(ClaimBasis))
def test_attr3_earliest_evidence_wins_within_a_basis(basis: ClaimBasis) -> None:
    later = claim(1, basis, T0 + timedelta(days=1))
    earlier = claim(2, basis, T0)
    ruling = resolve_ownership([later, earlier])
    assert ruling.winner == earlier
    assert (ruling.decided_by, ruling.basis) == (DecidedBy.EARLIEST_IN_BASIS, basis)
    assert loss_of(ruling, 1) == LossReason.LATER_EVIDENCE


@pytest.mark.parametrize("basis", [B.APPOINTMENT, B.CUSTOMER_STATEMENT, B.FIRST_CONTACT])
def test_attr3_same_instant_lower_claim_id_wins(basis: ClaimBasis) -> None:
    ruling = resolve_ownership([claim(8, basis), claim(5, basis)])
    assert ruling.winner is not None
    assert ruling.winner.id == 5
    assert loss_of(ruling, 8) == LossReason.TIE_HIGHER_ID


def test_attr3_earliest_within_best_basis_ignores_weaker_bases() -> None:
    claims = [
        claim(1, B.FIRST_CONTACT, T0 - timedelta(days=5)),
        claim(2, B.CUSTOMER_STATEMENT, T0 + timedelta(hours=3)),
        claim(3, B.CUSTOMER_STATEMENT, T0 + timedelta(hours=1)),
    ]
    ruling = resolve_ownership(claims)
    assert ruling.winner == claims[2]
    assert ruling.decided_by == DecidedBy.EARLIEST_IN_BASIS
    assert [o.loss for o in ruling.outcomes] == [
        LossReason.LOWER_RANKED_BASIS,
        LossReason.LATER_EVIDENCE,
        None,
    ]


def test_attr3_ruling_explains_every_losing_claim() -> None:
    claims = [
        claim(1, B.FIRST_CONTACT, T0 - timedelta(days=3), has_complete_details=False),
        claim(2, B.ARCHIVE_RECORD, T0),
        claim(3, B.ARCHIVE_RECORD, T0, evidence_at=date(2026, 4, 8)),
        claim(4, B.APPOINTMENT, T0, appointment_at=T0 + timedelta(hours=2)),
    ]
    ruling = resolve_ownership(claims)
    assert ruling.winner == claims[2]
    by_id = {o.claim_id: (o.won, o.loss, o.invalid_reason) for o in ruling.outcomes}
    assert by_id == {
        1: (False, LossReason.INVALID, Validity.INCOMPLETE_DETAILS),
        2: (False, LossReason.LATER_EVIDENCE, None),
        3: (True, None, None),
        4: (False, LossReason.INVALID, Validity.APPOINTMENT_NOT_BEFORE_VISIT),
    }


# --- ATTR-1 owner -----------------------------------------------------------------------------


def test_attr1_no_claims_means_company_owns() -> None:
    ruling = resolve_ownership([])
    assert (ruling.winner, ruling.owner_id, ruling.decided_by) == (
        None,
        None,
        DecidedBy.NO_VALID_CLAIM,
    )
    assert (ruling.kind, ruling.basis, ruling.rank, ruling.outcomes) == (
        RulingKind.RANKING,
        None,
        None,
        (),
    )


def test_attr1_only_invalid_claims_means_company_owns() -> None:
    claims = [
        claim(1, B.FIRST_CONTACT, has_complete_details=False),
        claim(2, B.ARCHIVE_RECORD, evidence_at=None),
    ]
    ruling = resolve_ownership(claims)
    assert (ruling.owner_id, ruling.decided_by) == (None, DecidedBy.NO_VALID_CLAIM)
    assert [o.invalid_reason for o in ruling.outcomes] == [
        Validity.INCOMPLETE_DETAILS,
        Validity.NO_CONSULTATION_DATE,
    ]


def test_attr1_company_claim_can_win_and_owner_is_company() -> None:
    walk_in = claim(1, B.FIRST_CONTACT, claimant_id=None)
    ruling = resolve_ownership([walk_in, claim(2, B.FIRST_CONTACT, T0 + timedelta(minutes=5))])
    assert (ruling.winner, ruling.owner_id) == (walk_in, None)


# --- ATTR-2 / ATTR-4 validity ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_back", "expected"),
    [
        (0, Validity.VALID),
        (1, Validity.VALID),
        (7, Validity.VALID),
        (8, Validity.BACKDATED_TOO_FAR),
        (30, Validity.BACKDATED_TOO_FAR),
        (-1, Validity.CONSULTATION_AFTER_RECORD),
    ],
)
def test_attr4_archive_record_backdating_limit(days_back: int, expected: Validity) -> None:
    record = claim(1, B.ARCHIVE_RECORD, T0, evidence_at=T0.date() - timedelta(days=days_back))
    decision = claim_validity(record)
    assert (decision.allowed, decision.reason) == (expected == Validity.VALID, expected)


def test_attr4_archive_backdating_limit_is_configurable() -> None:
    config = ClaimConfig(archive_backdate_days=3)
    four_back = claim(1, B.ARCHIVE_RECORD, evidence_at=T0.date() - timedelta(days=4))
    three_back = claim(2, B.ARCHIVE_RECORD, evidence_at=T0.date() - timedelta(days=3))
    assert claim_validity(four_back, config).reason == Validity.BACKDATED_TOO_FAR
    assert claim_validity(three_back, config).reason == Validity.VALID


def test_attr4_archive_counts_from_consultation_date() -> None:
    recorded_first = claim(1, B.ARCHIVE_RECORD, T0, evidence_at=date(2026, 4, 9))
    backdated = claim(2, B.ARCHIVE_RECORD, T0 + timedelta(days=1), evidence_at=date(2026, 4, 5))
    ruling = resolve_ownership([recorded_first, backdated])
    assert ruling.winner == backdated
    assert loss_of(ruling, 1) == LossReason.LATER_EVIDENCE
    assert evidence_time(backdated) == datetime(2026, 4, 5, 0, 0)


def test_attr4_same_consultation_day_earlier_record_wins() -> None:
    late = claim(1, B.ARCHIVE_RECORD, T0 + timedelta(hours=4), evidence_at=date(2026, 4, 8))
    early = claim(2, B.ARCHIVE_RECORD, T0, evidence_at=date(2026, 4, 8))
    ruling = resolve_ownership([late, early])
    assert ruling.winner == early
    assert loss_of(ruling, 1) == LossReason.SAME_DAY_RECORDED_LATER


def test_attr4_evidence_time_is_recording_time_for_other_bases() -> None:
    statement = claim(1, B.CUSTOMER_STATEMENT, T0, evidence_at=date(2026, 1, 1))
    assert evidence_time(statement) == T0


@pytest.mark.parametrize(
    ("complete", "expected"), [(True, Validity.VALID), (False, Validity.INCOMPLETE_DETAILS)]
)
def test_attr4_first_contact_needs_complete_details(complete: bool, expected: Validity) -> None:
    decision = claim_validity(claim(1, B.FIRST_CONTACT, has_complete_details=complete))
    assert (decision.allowed, decision.reason) == (complete, expected)


def test_attr4_incomplete_first_contact_loses_to_later_complete_one() -> None:
    incomplete = claim(1, B.FIRST_CONTACT, T0, has_complete_details=False)
    complete = claim(2, B.FIRST_CONTACT, T0 + timedelta(days=1))
    ruling = resolve_ownership([incomplete, complete])
    assert ruling.winner == complete
    assert ruling.decided_by == DecidedBy.BASIS_RANK
    assert ruling.outcome_for(1).invalid_reason == Validity.INCOMPLETE_DETAILS


@pytest.mark.parametrize(
    ("appointment_at", "visit_at", "expected"),
    [
        (T0 - timedelta(days=2), T0, Validity.VALID),
        (T0 - timedelta(seconds=1), T0, Validity.VALID),
        (T0, T0, Validity.APPOINTMENT_NOT_BEFORE_VISIT),
        (T0 + timedelta(hours=1), T0, Validity.APPOINTMENT_NOT_BEFORE_VISIT),
        (None, T0, Validity.NO_APPOINTMENT_RECORD),
        (T0 - timedelta(days=1), None, Validity.NO_VISIT),
    ],
)
def test_attr2_appointment_must_predate_the_visit(
    appointment_at: datetime | None, visit_at: datetime | None, expected: Validity
) -> None:
    booked = claim(1, B.APPOINTMENT, appointment_at=appointment_at, visit_at=visit_at)
    decision = claim_validity(booked)
    assert (decision.allowed, decision.reason) == (expected == Validity.VALID, expected)


def test_attr2_customer_statement_is_valid_on_its_own() -> None:
    assert claim_validity(claim(1, B.CUSTOMER_STATEMENT)).reason == Validity.VALID


# --- ATTR-5 manual ruling ----------------------------------------------------------------------

CLAIMS = [claim(1, B.APPOINTMENT), claim(2, B.FIRST_CONTACT), claim(3, B.ARCHIVE_RECORD)]


@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_attr5_manual_ruling_needs_a_written_reason(reason: str) -> None:
    decision = check_manual_ruling(CLAIMS, 2, reason)
    assert (decision.allowed, decision.reason) == (False, ManualCheck.REASON_REQUIRED)
    with pytest.raises(ValueError, match="REASON_REQUIRED"):
        manual_ruling(CLAIMS, 2, reason)


def test_attr5_manual_ruling_must_choose_one_of_the_claims() -> None:
    decision = check_manual_ruling(CLAIMS, 99, "customer insists")
    assert (decision.allowed, decision.reason) == (False, ManualCheck.UNKNOWN_CLAIM)


def test_attr5_manual_ruling_overrides_the_ranking() -> None:
    assert check_manual_ruling(CLAIMS, 2, "Customer confirmed by phone").allowed
    ruling = manual_ruling(CLAIMS, 2, "  Customer confirmed by phone ")
    assert (ruling.kind, ruling.decided_by, ruling.owner_id) == (
        RulingKind.MANUAL,
        DecidedBy.MANUAL,
        102,
    )
    assert (ruling.basis, ruling.rank) == (B.FIRST_CONTACT, 4)
    assert ruling.manual_reason == "Customer confirmed by phone"
    assert [(o.won, o.loss) for o in ruling.outcomes] == [
        (False, LossReason.OVERRULED),
        (True, None),
        (False, LossReason.OVERRULED),
    ]


def test_attr5_manual_ruling_may_give_the_lead_to_the_company() -> None:
    ruling = manual_ruling(CLAIMS, None, "Natural walk-in; claims are not credible")
    assert (ruling.winner, ruling.owner_id, ruling.kind) == (None, None, RulingKind.MANUAL)
    assert {o.loss for o in ruling.outcomes} == {LossReason.OVERRULED}


def test_attr5_manual_ruling_keeps_invalidity_visible() -> None:
    claims = [claim(1, B.FIRST_CONTACT, has_complete_details=False), claim(2, B.APPOINTMENT)]
    ruling = manual_ruling(claims, 1, "Manager saw the customer's own message")
    assert ruling.outcome_for(1).won is True
    assert ruling.outcome_for(2).invalid_reason is None
    other = manual_ruling(claims, 2, "reason")
    assert other.outcome_for(1).invalid_reason == Validity.INCOMPLETE_DETAILS
