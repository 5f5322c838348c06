"""The admin pages for leads, claims, slips and configuration open, with import and export."""

import pytest
from django.urls import reverse

from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory, SlipFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "lead",
    "ownershipclaim",
    "ownershipruling",
    "transferslip",
    "dailyfiling",
    "phonelist",
    "sizethreshold",
    "claimpolicy",
    "leadevent",
    "privatecontactfinding",
    "carepoint",
    "carepolicy",
    "referralrewardpolicy",
    "careplan",
    "carefeedback",
    "referral",
    "referralreward",
    "greeting",
]


@pytest.fixture
def admin_client_(client):
    client.force_login(StaffFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", MODELS)
def test_admin_changelists_open(admin_client_, model):
    LeadFactory()
    SlipFactory()
    assert admin_client_.get(reverse(f"admin:leads_{model}_changelist")).status_code == 200


@pytest.mark.parametrize("model", ["lead", "ownershipclaim", "transferslip"])
def test_admin_import_export_pages(admin_client_, model):
    assert admin_client_.get(reverse(f"admin:leads_{model}_import")).status_code == 200
    assert admin_client_.get(reverse(f"admin:leads_{model}_export")).status_code == 200


def test_admin_lead_page_shows_history(admin_client_):
    lead = LeadFactory()
    assert admin_client_.get(reverse("admin:leads_lead_history", args=[lead.pk])).status_code == 200
