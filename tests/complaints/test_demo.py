"""Demo complaints: every status, some overdue, linked to demo leads, and idempotent."""

from datetime import date

import pytest
from django.utils import timezone

from complaints import demo, queries
from complaints.models import Complaint, ComplaintStatus, Escalation
from leads.models import Lead
from staff import demo as staff_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_staff():
    staff_demo.seed()


def test_demo_seeds_every_status_with_overdue_ones_and_runs_twice(demo_staff):
    created = demo.seed()
    assert created == len(demo.DEMO) == Complaint.objects.count()
    assert set(Complaint.objects.values_list("status", flat=True)) == set(ComplaintStatus.values)
    late = Complaint.objects.filter(queries.overdue_q(timezone.now(), queries.step_deadlines()))
    assert late.count() >= 3
    assert Escalation.objects.count() == late.count()
    assert demo.seed() == 0
    assert Complaint.objects.count() == created


def test_demo_numbers_are_gapless(demo_staff):
    demo.seed()
    seqs = sorted(Complaint.objects.values_list("seq", flat=True))
    assert seqs == list(range(1, len(demo.DEMO) + 1))


def test_demo_links_complaints_to_demo_leads_when_there_are_any(demo_staff):
    from staff.models import Staff

    agent = Staff.objects.get(username="agent")
    lead = Lead.objects.create(
        customer_name="演示客户",
        phone="13700001111",
        channel="PHONE",
        consultation_date=date(2026, 1, 5),
        created_by=agent,
    )
    demo.seed()
    assert Complaint.objects.filter(lead=lead, customer_name="演示客户").count() == 1


def test_demo_needs_the_demo_staff():
    assert demo.seed() == 0
