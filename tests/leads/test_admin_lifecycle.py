"""Lifecycle admin pages: configuration editable, recorded events and money read-only."""

import pytest
from django.urls import reverse

from tests.factories import StaffFactory
from tests.leads.lifecycle_factories import (
    CallbackFactory,
    ClosureFactory,
    CommissionEntryFactory,
    CommissionRuleFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [
    "measurement",
    "contract",
    "closure",
    "callback",
    "callbackpolicy",
    "commissionrule",
    "commissionentry",
    "commissionmonth",
]


@pytest.fixture
def admin_client_(client):
    client.force_login(StaffFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", MODELS)
def test_lifecycle_admin_changelists_open(admin_client_, model):
    ClosureFactory()
    CallbackFactory()
    CommissionEntryFactory()
    assert admin_client_.get(reverse(f"admin:leads_{model}_changelist")).status_code == 200


@pytest.mark.parametrize("model", ["contract", "closure", "callback", "commissionentry"])
def test_lifecycle_rows_are_not_added_in_the_admin(admin_client_, model):
    assert admin_client_.get(reverse(f"admin:leads_{model}_add")).status_code == 403


def test_com1_commission_rules_are_kept_in_the_admin_with_history(admin_client_):
    rule = CommissionRuleFactory()
    assert admin_client_.get(reverse("admin:leads_commissionrule_add")).status_code == 200
    url = reverse("admin:leads_commissionrule_history", args=[rule.pk])
    assert admin_client_.get(url).status_code == 200


def test_com1_a_rule_used_by_entries_cannot_be_deleted(admin_client_):
    entry = CommissionEntryFactory(rule=CommissionRuleFactory())
    url = reverse("admin:leads_commissionrule_delete", args=[entry.rule.pk])
    assert admin_client_.get(url).status_code == 403
