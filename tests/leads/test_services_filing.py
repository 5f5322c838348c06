"""Daily filing: all-or-nothing rows, manager confirmation, CS archiving into leads and
archive-record claims (ATTR-2, ATTR-4, LEAD-2, LEAD-5)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from leads.models import (
    Channel,
    ClaimBasis,
    FilingEntry,
    FilingOutcome,
    FilingStatus,
    Lead,
)
from leads.queries.leads import marketing_credit
from leads.services import filing
from leads.services.errors import LeadError
from staff.models import Notification
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db


def entry(**overrides) -> filing.EntryData:
    fields = {
        "customer_name": "赵女士",
        "phone": "13911112222",
        "community": "望京花园",
        "building": "5号楼1单元302",
        "area_m2": Decimal(110),
        "budget": Decimal(38000),
        "consultation_date": timezone.localdate(),
    }
    return filing.EntryData(**{**fields, **overrides})


@pytest.fixture
def sheet(marketing_sales):
    return filing.open_filing(by=marketing_sales, filing_date=timezone.localdate())


def test_attr2_only_marketing_and_engineering_staff_file(front_desk):
    with pytest.raises(LeadError, match="Only marketing and engineering staff file daily leads."):
        filing.open_filing(by=front_desk, filing_date=timezone.localdate())


def test_attr2_bad_rows_save_nothing_and_say_why(sheet, marketing_sales):
    rows = [
        entry(),
        entry(phone="12345"),
        entry(phone="13911112222"),
        entry(phone="13933334444", consultation_date=timezone.localdate() + timedelta(days=1)),
    ]
    with pytest.raises(filing.FilingError) as refused:
        filing.add_entries(filing=sheet, entries=rows, by=marketing_sales)
    assert [str(row) for row in refused.value.rows] == [
        "Row 2: A mobile number has 11 digits and starts with 13-19.",
        "Row 3: This phone number is already on the filing.",
        "Row 4: The consultation date cannot be in the future.",
    ]
    assert str(refused.value) == "Nothing was saved: 3 row(s) need correcting."
    assert not FilingEntry.objects.exists()


def test_attr4_consultation_date_at_most_seven_days_back(sheet, marketing_sales):
    old = entry(consultation_date=timezone.localdate() - timedelta(days=8))
    with pytest.raises(filing.FilingError) as refused:
        filing.add_entries(filing=sheet, entries=[old], by=marketing_sales)
    assert str(refused.value.rows[0]) == "Row 1: The consultation date may be at most 7 days back."
    ok = entry(consultation_date=timezone.localdate() - timedelta(days=7))
    assert len(filing.add_entries(filing=sheet, entries=[ok], by=marketing_sales)) == 1


def test_attr2_filing_flow_submit_confirm_archive(
    sheet, marketing_sales, marketing_manager, customer_manager
):
    filing.add_entries(filing=sheet, entries=[entry()], by=marketing_sales)
    filing.submit_filing(filing=sheet, by=marketing_sales)
    assert Notification.objects.filter(recipient=marketing_manager).count() == 1
    filing.confirm_filing(filing=sheet, by=marketing_manager)
    filing.archive_filing(filing=sheet, by=customer_manager)
    sheet.refresh_from_db()
    assert (sheet.status, sheet.confirmed_by, sheet.archived_by) == (
        FilingStatus.ARCHIVED,
        marketing_manager,
        customer_manager,
    )
    lead = Lead.objects.get()
    assert (lead.channel, lead.brought_by, lead.owner) == (
        Channel.MARKETING,
        marketing_sales,
        marketing_sales,
    )
    claim = lead.claims.get()
    assert (claim.basis, claim.consultation_date) == (
        ClaimBasis.ARCHIVE_RECORD,
        timezone.localdate(),
    )
    assert sheet.entries.get().outcome == FilingOutcome.NEW_LEAD


def test_lead2_archived_entry_of_a_known_customer_becomes_a_claim(
    sheet, marketing_sales, marketing_manager, customer_manager
):
    existing = LeadFactory(phone="13911112222")
    filing.add_entries(filing=sheet, entries=[entry()], by=marketing_sales)
    filing.submit_filing(filing=sheet, by=marketing_sales)
    filing.confirm_filing(filing=sheet, by=marketing_manager)
    filing.archive_filing(filing=sheet, by=customer_manager)
    assert Lead.objects.count() == 1
    row = sheet.entries.get()
    assert (row.outcome, row.lead, row.claim.basis) == (
        FilingOutcome.CLAIM,
        existing,
        ClaimBasis.ARCHIVE_RECORD,
    )


def test_attr2_only_the_filers_manager_confirms(sheet, marketing_sales, store_manager):
    filing.add_entries(filing=sheet, entries=[entry()], by=marketing_sales)
    filing.submit_filing(filing=sheet, by=marketing_sales)
    with pytest.raises(LeadError, match="Only the filer's department manager confirms"):
        filing.confirm_filing(filing=sheet, by=store_manager)


def test_attr2_only_customer_service_archives(sheet, marketing_sales, marketing_manager):
    filing.add_entries(filing=sheet, entries=[entry()], by=marketing_sales)
    filing.submit_filing(filing=sheet, by=marketing_sales)
    filing.confirm_filing(filing=sheet, by=marketing_manager)
    with pytest.raises(LeadError, match="Only customer service archives"):
        filing.archive_filing(filing=sheet, by=marketing_manager)


def test_attr2_submitted_filing_is_frozen_until_sent_back(
    sheet, marketing_sales, marketing_manager
):
    filing.add_entries(filing=sheet, entries=[entry()], by=marketing_sales)
    filing.submit_filing(filing=sheet, by=marketing_sales)
    with pytest.raises(LeadError, match="can no longer be changed"):
        filing.add_entries(filing=sheet, entries=[entry(phone="13955556666")], by=marketing_sales)
    filing.return_filing(filing=sheet, by=marketing_manager, reason="面积填错")
    sheet.refresh_from_db()
    assert (sheet.status, sheet.return_reason) == (FilingStatus.DRAFT, "面积填错")
    assert filing.add_entries(
        filing=sheet, entries=[entry(phone="13955556666")], by=marketing_sales
    )


def test_attr2_empty_filing_cannot_be_submitted(sheet, marketing_sales):
    with pytest.raises(LeadError, match="Add at least one customer"):
        filing.submit_filing(filing=sheet, by=marketing_sales)


def test_attr2_engineering_files_engineering_leads(engineering, customer_manager, gm):
    engineering.supervisor = gm
    engineering.save()
    sheet = filing.open_filing(by=engineering, filing_date=timezone.localdate())
    filing.add_entries(filing=sheet, entries=[entry()], by=engineering)
    filing.submit_filing(filing=sheet, by=engineering)
    filing.confirm_filing(filing=sheet, by=gm)
    filing.archive_filing(filing=sheet, by=customer_manager)
    assert Lead.objects.get().channel == Channel.ENGINEERING


def test_lead5_marketing_lead_filed_before_the_visit_counts(
    sheet, marketing_sales, marketing_manager, customer_manager
):
    filing.add_entries(filing=sheet, entries=[entry()], by=marketing_sales)
    filing.submit_filing(filing=sheet, by=marketing_sales)
    filing.confirm_filing(filing=sheet, by=marketing_manager)
    filing.archive_filing(filing=sheet, by=customer_manager)
    lead = Lead.objects.get()
    assert marketing_credit(lead).allowed is True
    lead.first_visit_at = sheet.entries.get().recorded_at - timedelta(hours=1)
    assert marketing_credit(lead).allowed is False
    assert marketing_credit(lead).message == (
        "Not a marketing lead: it was filed only after the customer's first visit."
    )
