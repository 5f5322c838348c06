"""COM-5 in the admin: the pay policy is edited there (effective-dated rows); statements are
read-only there, so the month's lock cannot be bypassed."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from attendance.models import PayPolicy, PayStatement
from attendance.services import pay as services
from tests.attendance.pay_factories import (  # noqa: F401 - english is an autouse fixture
    BEIJING,
    MARCH,
    employee,
    english,
)
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory(is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def statement(hr):
    employee(name="前台孙丽")
    with time_machine.travel(dt.datetime(2026, 4, 3, 10, tzinfo=BEIJING), tick=False):
        services.prepare_month(month=MARCH, by=hr)
    return PayStatement.objects.get(staff__name="前台孙丽")


@pytest.mark.parametrize("model", ["paypolicy", "paymonth", "paystatement", "yearendbonus"])
def test_com5_pay_admin_lists_open(admin_client, statement, model):
    url = reverse(f"admin:attendance_{model}_changelist")
    assert admin_client.get(url).status_code == 200


def test_com5_statements_are_read_only_in_the_admin(admin_client, statement):
    url = reverse("admin:attendance_paystatement_change", args=[statement.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert admin_client.post(url, {}).status_code == 403


def test_com5_default_policy_is_domain_figures():
    policy = PayPolicy.objects.get(valid_from=dt.date(2000, 1, 1))
    assert (policy.paid_days_per_month, policy.violation_deduction) == (21.75, 50)
    assert (policy.bonus_minimum, policy.bonus_maximum, policy.bonus_fault_limit) == (1000, 2000, 3)


def test_com5_policy_starts_on_the_first_of_a_month():
    with pytest.raises(ValidationError) as refused:
        PayPolicy(valid_from=dt.date(2026, 3, 15)).full_clean()
    assert refused.value.message_dict["valid_from"] == [
        "A pay policy starts on the first of a month."
    ]
