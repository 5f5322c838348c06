"""Issue 10: the lead page runs a fixed number of queries, at most 12, however many claims,
rulings, timeline events, findings, contracts, commission lines, closures, callbacks and
history rows the lead has; and it still shows every one of them."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from leads.models import (
    ClaimBasis,
    ClaimPolicy,
    ClaimSource,
    DecidedBy,
    Lead,
    LeadEvent,
    LeadState,
    Measurement,
    OwnershipRuling,
    PrivateContactFinding,
    RulingKind,
)
from leads.queries.leads import claim_config, lead_for_page
from leads.services.claims import add_claim, config_for
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory, SlipFactory
from tests.leads.lifecycle_factories import (
    CallbackFactory,
    ClosureFactory,
    CommissionEntryFactory,
    ContractFactory,
)

pytestmark = pytest.mark.django_db
BUDGET = 12


@pytest.fixture
def lead_with(customer_manager, gm, marketing_sales, make_designer, sign_fully):
    """lead_with(n): an open marketing lead with a signed slip, a measurement, and n of
    everything else the page lists."""

    def _build(n: int):
        designer = make_designer()
        agent = StaffFactory(roles=["CS_AGENT"])
        slip = sign_fully(SlipFactory(salesperson=marketing_sales))
        lead = slip.lead
        now = timezone.now()
        Measurement.objects.create(
            lead=lead,
            measured_on=timezone.localdate(),
            designer=designer,
            recorded_by=customer_manager,
        )
        for i in range(n):
            claim = add_claim(
                lead=lead,
                basis=ClaimBasis.FIRST_CONTACT,
                claimant=marketing_sales,
                by=customer_manager,
                source=ClaimSource.INTAKE,
                has_complete_details=True,
                note=f"claim-{i}",
            )
            OwnershipRuling.objects.create(
                lead=lead,
                kind=RulingKind.MANUAL,
                winning_claim=claim,
                owner=marketing_sales,
                decided_by=DecidedBy.BASIS_RANK,
                reason=f"ruling-{i}",
                ruled_by=customer_manager,
                ruled_at=now + timedelta(minutes=i),
            )
            LeadEvent.objects.create(
                lead=lead, kind=LeadEvent.Kind.VISIT, text=f"event-{i}", actor=agent, at=now
            )
            PrivateContactFinding.objects.create(
                lead=lead,
                designer=designer,
                description=f"finding-{i}",
                recorded_by=customer_manager,
                recorded_at=now,
            )
            contract = ContractFactory(lead=lead, designer=designer, number=f"HT-Q{n}-{i}")
            CommissionEntryFactory(contract=contract, staff=designer, amount=Decimal(100 + i))
            closure = ClosureFactory(
                lead=lead, proposed_by=customer_manager, status="REJECTED", decided_by=gm
            )
            CallbackFactory(
                lead=lead,
                kind="COMPLAINT_FOLLOW_UP",  # several may be open at once
                assignee=agent,
                closure=closure,
                note=f"callback-{i}",
            )
            lead.notes = f"note-{i}"
            lead._change_reason = f"history-{i}"  # shown in the change history
            lead.save()
        lead.state = LeadState.MEASURED
        lead.designer = designer
        lead.save()
        return lead

    return _build


def page_queries(client, lead) -> tuple[int, str]:
    url = lead.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_lead_page_runs_the_same_queries_for_one_and_for_many_rows(
    login, customer_manager, lead_with
):
    client = login(customer_manager)
    one, _ = page_queries(client, lead_with(1))
    many, body = page_queries(client, lead_with(6))
    assert one == many
    assert many <= BUDGET
    # Everything is still on the page (the count is not low because a panel went missing).
    for i in range(6):
        for text in (
            f"claim-{i}",
            f"event-{i}",
            f"finding-{i}",
            f"HT-Q6-{i}",
            f"callback-{i}",
            f"history-{i}",
        ):
            assert text in body
    assert "ruling-5" in body and "ruling-4" not in body  # the latest ruling only
    assert body.count('data-testid="commission-entry"') == 6
    assert body.count('data-testid="claim-row"') == 6
    assert 'data-testid="record-visit"' in body  # both staff forms, from one read of the staff
    assert 'name="designer"' in body


@pytest.mark.parametrize(
    ("registered", "policy_in_force"),
    [
        (datetime(2026, 2, 28, 23, 30), False),  # local time: the day before the new policy
        (datetime(2026, 3, 1, 0, 30), True),  # local midnight passed (still Feb 28 in UTC)
    ],
)
def test_claim_policy_read_with_the_lead_is_the_one_in_force(
    customer_manager, registered, policy_in_force
):
    ClaimPolicy.objects.create(
        effective_from=date(2026, 3, 1),
        rank_appointment=4,
        rank_customer_statement=3,
        rank_archive_record=2,
        rank_first_contact=1,
        archive_backdate_days=3,
    )
    lead = LeadFactory()
    shanghai = ZoneInfo("Asia/Shanghai")
    Lead.objects.filter(pk=lead.pk).update(created_at=registered.replace(tzinfo=shanghai))
    config = claim_config(lead_for_page(customer_manager, lead.pk))
    assert config == config_for(Lead.objects.get(pk=lead.pk))
    assert (config.archive_backdate_days == 3) is policy_in_force
