"""Ownership: ranking, earliest evidence, backdating, manual rulings, private contact
(ATTR-1..6)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from leads.models import (
    ClaimBasis,
    ClaimPolicy,
    ClaimSource,
    DecidedBy,
    LeadEvent,
    OwnershipRuling,
    PrivateContactFinding,
    RulingKind,
)
from leads.services.claims import add_claim, record_private_contact, rule_on_dispute
from leads.services.errors import LeadError
from staff.models import Notification, Role
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 5, 4, 10, 0, tzinfo=TZ)


def claim(lead, basis, who, at=T0, **evidence):
    """A valid claim of `basis` recorded at `at`, unless the evidence says otherwise."""
    defaults = {
        ClaimBasis.APPOINTMENT: {
            "appointment_at": at - timedelta(days=1),
            "visit_at": at,
        },
        ClaimBasis.ARCHIVE_RECORD: {"consultation_date": at.date()},
        ClaimBasis.FIRST_CONTACT: {"has_complete_details": True},
        ClaimBasis.CUSTOMER_STATEMENT: {},
    }[basis]
    return add_claim(
        lead=lead,
        basis=basis,
        claimant=who,
        by=who,
        source=ClaimSource.INTAKE,
        recorded_at=at,
        **{**defaults, **evidence},
    )


@pytest.fixture
def staff4(db):
    return [StaffFactory(roles=[Role.MARKETING_SALES], name=f"业务员{n}") for n in range(4)]


ORDER = [
    ClaimBasis.APPOINTMENT,
    ClaimBasis.CUSTOMER_STATEMENT,
    ClaimBasis.ARCHIVE_RECORD,
    ClaimBasis.FIRST_CONTACT,
]


@pytest.mark.parametrize(
    ("stronger", "weaker"),
    [(ORDER[i], ORDER[j]) for i in range(4) for j in range(i + 1, 4)],
)
def test_attr3_each_basis_outranks_the_ones_below_it(staff4, stronger, weaker):
    lead = LeadFactory()
    # The weaker claim is older: rank still wins over time.
    claim(lead, weaker, staff4[0], at=T0 - timedelta(hours=5))
    claim(lead, stronger, staff4[1], at=T0)
    lead.refresh_from_db()
    ruling = lead.rulings.first()
    assert lead.owner == staff4[1]
    assert (ruling.kind, ruling.decided_by) == (RulingKind.RANKING, DecidedBy.BASIS_RANK)


def test_attr3_all_four_bases_appointment_wins(staff4):
    lead = LeadFactory()
    for index, basis in enumerate(reversed(ORDER)):
        claim(lead, basis, staff4[index], at=T0 + timedelta(minutes=index))
    lead.refresh_from_db()
    assert lead.owner == staff4[3]


def test_attr3_earliest_evidence_wins_within_a_basis(staff4):
    lead = LeadFactory()
    claim(lead, ClaimBasis.CUSTOMER_STATEMENT, staff4[0], at=T0 + timedelta(minutes=5))
    claim(lead, ClaimBasis.CUSTOMER_STATEMENT, staff4[1], at=T0)
    lead.refresh_from_db()
    assert lead.owner == staff4[1]
    assert lead.rulings.first().decided_by == DecidedBy.EARLIEST_IN_BASIS


def test_attr4_archive_record_counts_from_its_consultation_date(staff4):
    lead = LeadFactory()
    claim(
        lead,
        ClaimBasis.ARCHIVE_RECORD,
        staff4[0],
        at=T0,
        consultation_date=(T0 - timedelta(days=3)).date(),
    )
    claim(lead, ClaimBasis.ARCHIVE_RECORD, staff4[1], at=T0 - timedelta(days=1))
    lead.refresh_from_db()
    assert lead.owner == staff4[0]


@pytest.mark.parametrize(("days_back", "valid"), [(7, True), (8, False)])
def test_attr4_backdating_limit(staff4, days_back, valid):
    lead = LeadFactory()
    back = (T0 - timedelta(days=days_back)).date()
    claim(lead, ClaimBasis.ARCHIVE_RECORD, staff4[0], consultation_date=back)
    lead.refresh_from_db()
    assert (lead.owner == staff4[0]) is valid


def test_attr4_backdating_limit_is_configurable(staff4):
    ClaimPolicy.objects.create(
        effective_from=timezone.localdate() - timedelta(days=400), archive_backdate_days=10
    )
    lead = LeadFactory()
    claim(
        lead,
        ClaimBasis.ARCHIVE_RECORD,
        staff4[0],
        consultation_date=(T0 - timedelta(days=9)).date(),
    )
    lead.refresh_from_db()
    assert lead.owner == staff4[0]


def test_attr3_ranking_is_configurable(staff4):
    ClaimPolicy.objects.create(
        effective_from=timezone.localdate() - timedelta(days=400),
        rank_first_contact=1,
        rank_appointment=2,
        rank_customer_statement=3,
        rank_archive_record=4,
    )
    lead = LeadFactory()
    claim(lead, ClaimBasis.APPOINTMENT, staff4[0])
    claim(lead, ClaimBasis.FIRST_CONTACT, staff4[1])
    lead.refresh_from_db()
    assert lead.owner == staff4[1]


def test_attr4_incomplete_first_contact_is_invalid(staff4):
    lead = LeadFactory()
    claim(lead, ClaimBasis.FIRST_CONTACT, staff4[0], has_complete_details=False)
    lead.refresh_from_db()
    assert lead.owner is None
    assert lead.rulings.first().decided_by == DecidedBy.NO_VALID_CLAIM


def test_attr2_appointment_made_after_the_visit_is_invalid(staff4):
    lead = LeadFactory()
    claim(lead, ClaimBasis.APPOINTMENT, staff4[0], appointment_at=T0, visit_at=T0)
    claim(lead, ClaimBasis.FIRST_CONTACT, staff4[1])
    lead.refresh_from_db()
    assert lead.owner == staff4[1]


def test_attr1_every_claim_is_on_the_timeline(staff4):
    lead = LeadFactory()
    claim(lead, ClaimBasis.CUSTOMER_STATEMENT, staff4[0])
    texts = list(lead.events.values_list("kind", "text"))
    assert texts == [
        (LeadEvent.Kind.CLAIM, "Claim by 业务员0: Customer statement."),
        (LeadEvent.Kind.RULING, "Owner: 业务员0 (Strongest basis)."),
    ]


def test_attr5_dispute_ruling_needs_a_reason(customer_manager, staff4):
    lead = LeadFactory()
    first = claim(lead, ClaimBasis.FIRST_CONTACT, staff4[0])
    with pytest.raises(LeadError) as refused:
        rule_on_dispute(lead=lead, claim=first, reason="  ", by=customer_manager)
    assert str(refused.value) == "A ruling against the ranking needs a written reason."


def test_attr5_only_the_customer_manager_rules(front_desk, staff4):
    lead = LeadFactory()
    first = claim(lead, ClaimBasis.FIRST_CONTACT, staff4[0])
    with pytest.raises(LeadError, match="Only the customer manager rules"):
        rule_on_dispute(lead=lead, claim=first, reason="x", by=front_desk)


def test_attr5_dispute_ruling_is_audited_and_stands(customer_manager, staff4):
    lead = LeadFactory()
    strong = claim(lead, ClaimBasis.APPOINTMENT, staff4[0])
    weak = claim(lead, ClaimBasis.FIRST_CONTACT, staff4[1])
    rule_on_dispute(lead=lead, claim=weak, reason="有微信记录为证", by=customer_manager)
    lead.refresh_from_db()
    ruling = lead.rulings.first()
    assert lead.owner == staff4[1]
    assert (ruling.kind, ruling.decided_by, ruling.reason, ruling.ruled_by) == (
        RulingKind.MANUAL,
        DecidedBy.MANUAL,
        "有微信记录为证",
        customer_manager,
    )
    assert ruling.history.first().history_user == customer_manager
    assert lead.history.first().history_user == customer_manager
    assert lead.events.last().text == (
        "Owner: 业务员1, ruled by the customer manager. Reason: 有微信记录为证"
    )
    # A later, stronger claim does not overturn the manager's ruling.
    claim(lead, ClaimBasis.APPOINTMENT, staff4[2], at=T0 - timedelta(days=1))
    lead.refresh_from_db()
    assert lead.owner == staff4[1]
    assert strong.pk != weak.pk


def test_attr5_claimants_are_told_the_ruling(customer_manager, staff4):
    lead = LeadFactory(customer_name="周女士")
    claim(lead, ClaimBasis.FIRST_CONTACT, staff4[0])
    claim(lead, ClaimBasis.FIRST_CONTACT, staff4[1])
    rule_on_dispute(lead=lead, claim=None, reason="自然到店", by=customer_manager)
    lead.refresh_from_db()
    assert lead.owner is None
    expected = (
        "Ownership of 周女士: Owner: the company, ruled by the customer manager. Reason: 自然到店"
    )
    for person in staff4[:2]:
        assert list(
            Notification.objects.filter(recipient=person).values_list("text", flat=True)
        ) == [expected]


def test_attr5_ruling_for_another_leads_claim_is_refused(customer_manager, staff4):
    lead, other = LeadFactory(), LeadFactory()
    foreign = claim(other, ClaimBasis.FIRST_CONTACT, staff4[0])
    with pytest.raises(LeadError, match="not one of this lead's claims"):
        rule_on_dispute(lead=lead, claim=foreign, reason="x", by=customer_manager)
    assert not OwnershipRuling.objects.filter(lead=lead, kind=RulingKind.MANUAL).exists()


def test_attr6_private_contact_is_recorded(customer_manager, designer, design_manager):
    lead = LeadFactory(customer_name="吴先生")
    finding = record_private_contact(
        lead=lead, designer=designer, description="派单前私下报价", by=customer_manager
    )
    assert (finding.designer, finding.recorded_by) == (designer, customer_manager)
    assert lead.events.get().kind == LeadEvent.Kind.PRIVATE_CONTACT
    text = (
        "Private contact before dispatch was recorded for 设计师韩 on the lead of 吴先生; "
        "the order's commission is void."
    )
    assert Notification.objects.filter(recipient=design_manager, text=text).exists()
    assert Notification.objects.filter(recipient=designer, text=text).exists()


@pytest.mark.parametrize(
    ("who", "target", "message"),
    [
        ("front_desk", "designer", "Only the customer manager records private contact."),
        ("customer_manager", "front_desk", "Private contact is recorded against a designer."),
    ],
)
def test_attr6_private_contact_refusals(request, who, target, message):
    by, person = request.getfixturevalue(who), request.getfixturevalue(target)
    with pytest.raises(LeadError) as refused:
        record_private_contact(lead=LeadFactory(), designer=person, description="x", by=by)
    assert str(refused.value) == message
    assert not PrivateContactFinding.objects.exists()
