"""The 工作台 counts that leads answers (issue 15), on the edges the home's query shortcuts take:
disputes read from the claims, closures through the status index, dispatches by Beijing day."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from leads.models import (
    ClaimBasis,
    ClaimSource,
    Closure,
    ClosureStatus,
    DecidedBy,
    LeadState,
    OwnershipClaim,
    OwnershipRuling,
    RulingKind,
)
from leads.queries import workbench
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
BEIJING = timezone.get_fixed_timezone(480)


def claim(lead, claimant):
    return OwnershipClaim.objects.create(
        lead=lead,
        claimant=claimant,
        basis=ClaimBasis.CUSTOMER_STATEMENT,
        source=ClaimSource.INTAKE,
        recorded_at=timezone.now(),
    )


def test_attr5_a_dispute_is_an_open_lead_two_colleagues_claim_without_a_manual_ruling():
    ann, bob, boss = StaffFactory(), StaffFactory(), StaffFactory()
    disputed, ruled, closed, once, same_twice = (
        LeadFactory(),
        LeadFactory(),
        LeadFactory(state=LeadState.DEAD),
        LeadFactory(),
        LeadFactory(),
    )
    for lead in (disputed, ruled, closed):
        claim(lead, ann)
        claim(lead, bob)
    claim(once, ann)
    claim(same_twice, bob)
    claim(same_twice, bob)
    OwnershipRuling.objects.create(
        lead=ruled,
        kind=RulingKind.MANUAL,
        winning_claim=ruled.claims.first(),
        owner=ann,
        decided_by=DecidedBy.BASIS_RANK,
        ruled_by=boss,
        ruled_at=timezone.now(),
    )
    assert workbench.open_disputes() == {"count": 1, "first": disputed.pk}


def test_closure_queues_count_proposed_and_rejected_only(customer_manager, designer):
    mine = LeadFactory(designer=designer)
    others = LeadFactory()
    for lead, status in ((mine, ClosureStatus.PROPOSED), (others, ClosureStatus.REJECTED)):
        Closure.objects.create(
            lead=lead,
            kind="DEAD",
            reason="OTHER",
            customer_words="再考虑一下",
            state_at_proposal=lead.state,
            status=status,
            proposed_by=customer_manager,
            proposed_at=timezone.now(),
        )
    assert workbench.closure_counts(customer_manager) == {"awaiting": 1, "rejected": 1}
    assert workbench.closure_counts(designer) == {"awaiting": 1, "rejected": 0}


def test_dispatches_count_by_beijing_day_at_the_period_edges():
    period = workbench.Period(date(2026, 4, 1), date(2026, 4, 15))
    previous = workbench.Period(date(2026, 3, 1), date(2026, 3, 15))
    inside = (datetime(2026, 4, 1, 0, 5), datetime(2026, 4, 15, 23, 55))
    outside = (datetime(2026, 3, 31, 23, 55), datetime(2026, 4, 16, 0, 5))
    for moment in inside + outside:
        LeadFactory(
            state=LeadState.DISPATCHED,
            consultation_date=date(2026, 1, 1),
            dispatched_at=moment.replace(tzinfo=BEIJING),
        )
    figures = workbench.lead_figures(period, previous)
    assert (figures["dispatched"], figures["prev_dispatched"]) == (2, 0)
