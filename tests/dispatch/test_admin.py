"""The admin: configuration rows editable, assignments read-only; season import all-or-nothing."""

import pytest
import tablib
from django.urls import reverse

from dispatch.models import SeasonPeriod
from dispatch.resources import SeasonPeriodResource
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

MODELS = ["capacityrule", "tierrule", "seasonperiod", "champion", "assignment"]


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", MODELS)
def test_admin_lists_open(admin_client, model):
    assert admin_client.get(reverse(f"admin:dispatch_{model}_changelist")).status_code == 200


def test_sec3_assignments_cannot_be_added_or_changed_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:dispatch_assignment_add")).status_code == 403


def _seasons(*rows) -> tablib.Dataset:
    return tablib.Dataset(*rows, headers=["id", "name", "kind", "start", "end"])


def test_disp3_season_import_saves_a_year_of_ranges():
    data = _seasons(
        ["", "春季旺季", "PEAK", "2027-03-01", "2027-05-31"],
        ["", "金九银十", "PEAK", "2027-09-01", "2027-11-30"],
    )
    result = SeasonPeriodResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert SeasonPeriod.objects.count() == 2


def test_disp3_season_import_with_a_bad_row_saves_nothing():
    data = _seasons(
        ["", "春季旺季", "PEAK", "2027-03-01", "2027-05-31"],
        ["", "倒着的", "PEAK", "2027-09-01", "2027-08-01"],
        ["", "未知", "HOT", "2027-12-01", "2027-12-31"],
    )
    result = SeasonPeriodResource().import_data(data, dry_run=True)
    assert result.has_validation_errors()
    assert [row.number for row in result.invalid_rows] == [2, 3]
    assert not SeasonPeriod.objects.exists()
