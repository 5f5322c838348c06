"""Delegations (工作联络单, SLIP-4): a manager names a delegate for a period; the departments
concerned are told; the delegation can be ended early."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from staff.models import Delegation, Department, Notification, Role
from staff.services import DelegationError, end_delegation, name_delegate
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
START, END = date(2026, 5, 4), date(2026, 5, 8)


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def test_slip4_manager_names_a_delegate_and_departments_are_told(store_manager, customer_manager):
    deputy = StaffFactory(roles=[Role.DESIGN_MANAGER], name="李代理")
    colleague = StaffFactory(department=Department.STORE, name="店员")
    outsider = StaffFactory(department=Department.HR)
    delegation = name_delegate(
        principal=store_manager,
        delegate=deputy,
        start=START,
        end=END,
        reason="出差",
        by=store_manager,
    )
    assert (delegation.principal, delegation.delegate) == (store_manager, deputy)
    text = "李代理 signs for 店面经理陈 from 2026-05-04 to 2026-05-08 (出差)."
    for person in (deputy, colleague, customer_manager):
        assert list(
            Notification.objects.filter(recipient=person).values_list("text", flat=True)
        ) == [text]
    assert not Notification.objects.filter(recipient=outsider).exists()
    assert not Notification.objects.filter(recipient=store_manager).exists()
    assert delegation.history.first().history_user == store_manager


@pytest.mark.parametrize(
    ("delegate", "start", "end", "message"),
    [
        ("self", START, END, "A manager cannot name themselves as delegate."),
        ("other", END, START, "The delegation period ends before it starts."),
    ],
)
def test_slip4_delegation_must_name_someone_else_for_a_real_period(
    store_manager, delegate, start, end, message
):
    person = store_manager if delegate == "self" else StaffFactory()
    with pytest.raises(DelegationError) as refused:
        name_delegate(
            principal=store_manager,
            delegate=person,
            start=start,
            end=end,
            reason="x",
            by=store_manager,
        )
    assert str(refused.value) == message


def test_slip4_no_overlapping_delegations(store_manager):
    name_delegate(
        principal=store_manager,
        delegate=StaffFactory(),
        start=START,
        end=END,
        reason="x",
        by=store_manager,
    )
    with pytest.raises(DelegationError, match="already has a delegate for part of this period"):
        name_delegate(
            principal=store_manager,
            delegate=StaffFactory(),
            start=END,
            end=END + timedelta(days=2),
            reason="y",
            by=store_manager,
        )


def test_slip4_only_the_manager_or_hr_names_a_delegate(store_manager, front_desk, hr):
    with pytest.raises(DelegationError, match="Only the manager, or HR"):
        name_delegate(
            principal=store_manager,
            delegate=front_desk,
            start=START,
            end=END,
            reason="x",
            by=front_desk,
        )
    made = name_delegate(
        principal=store_manager, delegate=front_desk, start=START, end=END, reason="x", by=hr
    )
    assert made.pk


def test_slip4_non_managers_have_no_delegates(front_desk, hr):
    with pytest.raises(DelegationError):
        name_delegate(principal=front_desk, delegate=hr, start=START, end=END, reason="x", by=hr)


def test_slip4_ending_early_shortens_or_withdraws(store_manager):
    running = name_delegate(
        principal=store_manager,
        delegate=StaffFactory(),
        start=START,
        end=END,
        reason="x",
        by=store_manager,
    )
    shortened = end_delegation(delegation=running, by=store_manager, today=date(2026, 5, 6))
    assert shortened.end == date(2026, 5, 5)
    later = name_delegate(
        principal=store_manager,
        delegate=StaffFactory(),
        start=date(2026, 6, 1),
        end=date(2026, 6, 3),
        reason="y",
        by=store_manager,
    )
    assert end_delegation(delegation=later, by=store_manager, today=date(2026, 5, 6)) is None
    assert not Delegation.objects.filter(pk=later.pk).exists()


def test_slip4_delegation_pages(login, store_manager, design_manager):
    client = login(store_manager)
    assert client.get(reverse("staff:delegations")).status_code == 200
    today = timezone.localdate()
    response = client.post(
        reverse("staff:delegation_new"),
        {
            "delegate": design_manager.pk,
            "start": today.isoformat(),
            "end": (today + timedelta(days=2)).isoformat(),
            "reason": "外出",
        },
    )
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert delegation.principal == store_manager
    listed = client.get(reverse("staff:delegations")).context["page"]
    assert list(listed) == [delegation]
    # The delegate sees it too.
    assert list(login(design_manager).get(reverse("staff:delegations")).context["page"]) == [
        delegation
    ]


@pytest.mark.parametrize(
    ("persona", "status"),
    [(Role.FRONT_DESK, 403), (Role.DESIGNER, 403), (Role.MARKETING_MANAGER, 200), (Role.HR, 200)],
    indirect=["persona"],
)
def test_slip4_delegation_pages_per_role(login, persona, status):
    assert login(persona).get(reverse("staff:delegation_new")).status_code == status


def test_slip4_hr_records_for_any_manager(login, hr, store_manager, design_manager):
    today = timezone.localdate()
    login(hr).post(
        reverse("staff:delegation_new"),
        {
            "principal": store_manager.pk,
            "delegate": design_manager.pk,
            "start": today.isoformat(),
            "end": today.isoformat(),
            "reason": "病假",
        },
    )
    assert Delegation.objects.get().principal == store_manager


def test_slip4_form_refusal_is_shown(login, store_manager):
    today = timezone.localdate().isoformat()
    response = login(store_manager).post(
        reverse("staff:delegation_new"),
        {"delegate": store_manager.pk, "start": today, "end": today, "reason": "x"},
    )
    assert "A manager cannot name themselves as delegate." in response.content.decode()


@pytest.mark.parametrize("rows", [5, 50])
def test_delegation_list_query_count_is_fixed(login, hr, django_assert_num_queries, rows):
    today = timezone.localdate()
    for n in range(rows):
        principal = StaffFactory(roles=[Role.STORE_MANAGER])
        Delegation.objects.create(
            principal=principal,
            delegate=StaffFactory(),
            start=today,
            end=today + timedelta(days=n % 3),
            reason="x",
        )
    client = login(hr)
    client.get(reverse("staff:delegations"))
    with django_assert_num_queries(5):
        client.get(reverse("staff:delegations"))
