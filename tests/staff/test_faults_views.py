"""FD-5 pages: the customer manager records faults, everyone sees their own, the staff page
shows them to those who may see faults."""

import importlib
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from staff import services
from staff.models import Fault, FaultType, Role
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fault_types(db):
    """The fault list comes from a data migration; a transactional test elsewhere may have
    flushed it, so it is put back (the migration's own function, idempotent)."""
    from django.apps import apps

    migration = importlib.import_module("staff.migrations.0004_default_fault_types")
    migration.create_fault_types(apps, None)


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in their English source form (pages too)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


LIST = "/staff/faults/"
NEW = "/staff/faults/new/"


def make_faults(by, people, count: int, day: date | None = None) -> None:
    kind = FaultType.objects.get(code="untidy-area")
    for number in range(count):
        services.record_fault(
            staff=people[number % len(people)],
            fault_type=kind,
            occurred_on=day or timezone.localdate(),
            note=f"地面有杂物 {number}",
            by=by,
        )


@pytest.mark.parametrize(
    ("persona", "status"),
    [(Role.CUSTOMER_MANAGER, 200), (Role.FRONT_DESK, 403), (Role.HR, 403), (Role.GM, 403)],
    indirect=["persona"],
)
def test_fd5_only_the_customer_manager_opens_the_fault_form(login, persona, status):
    assert login(persona).get(NEW).status_code == status


def test_fd5_fault_recorded_through_the_form(login, customer_manager, front_desk):
    kind = FaultType.objects.get(code="desk-unattended")
    response = login(customer_manager).post(
        NEW,
        {
            "staff": front_desk.pk,
            "fault_type": kind.pk,
            "occurred_on": timezone.localdate().isoformat(),
            "deduction": "",
            "note": "10:00-10:40 前台无人",
        },
    )
    assert response.status_code == 302
    fault = Fault.objects.get()
    assert (fault.staff, fault.deduction, fault.note) == (front_desk, 30, "10:00-10:40 前台无人")


def test_fd5_service_refusal_shown_on_the_form(login, customer_manager, front_desk):
    kind = FaultType.objects.get(code="desk-unattended")
    tomorrow = timezone.localdate().toordinal() + 1
    response = login(customer_manager).post(
        NEW,
        {
            "staff": front_desk.pk,
            "fault_type": kind.pk,
            "occurred_on": date.fromordinal(tomorrow).isoformat(),
            "note": "x",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["A fault cannot be dated in the future."]


def test_fd5_manager_sees_everyones_faults_agent_only_their_own(
    login, customer_manager, front_desk, cs_agent
):
    make_faults(customer_manager, [front_desk, cs_agent], 4)
    everyone = login(customer_manager).get(LIST).context["page"]
    assert {fault.staff for fault in everyone} == {front_desk, cs_agent}
    own = login(front_desk).get(LIST).context["page"]
    assert {fault.staff for fault in own} == {front_desk}
    assert len(own) == 2


def test_fd5_list_filters_by_month(login, customer_manager, front_desk):
    make_faults(customer_manager, [front_desk], 2, day=date(2026, 3, 5))
    make_faults(customer_manager, [front_desk], 1, day=date(2026, 4, 5))
    page = login(customer_manager).get(LIST, {"month": "2026-03"}).context["page"]
    assert [fault.occurred_on for fault in page] == [date(2026, 3, 5)] * 2


def test_fd5_the_list_shows_deductions_as_money_and_offers_every_employee(
    login, customer_manager, front_desk
):
    services.record_fault(
        staff=front_desk,
        fault_type=FaultType.objects.get(code="untidy-area"),
        occurred_on=timezone.localdate(),
        note="前台有杂物",
        by=customer_manager,
        deduction=Decimal(1200),
    )
    response = login(customer_manager).get(LIST)
    body = response.content.decode()
    assert "¥1,200" in body and "¥1,200.00" not in body
    assert response.context["form"].fields["staff"].empty_label == "All"  # not "---------"
    assert '<option value="" selected>All</option>' in body


def test_fd5_faults_show_on_the_persons_staff_page(login, customer_manager, design_manager):
    person = StaffFactory(roles=[Role.FRONT_DESK])
    make_faults(customer_manager, [person], 1)
    url = f"/staff/{person.pk}/"
    assert "地面有杂物 0" in login(customer_manager).get(url).content.decode()
    body = login(design_manager).get(url).content.decode()  # may see staff, not faults
    assert "地面有杂物 0" not in body and 'data-testid="staff-faults"' not in body


def test_fd5_withdraw_through_the_list(login, customer_manager, front_desk):
    make_faults(customer_manager, [front_desk], 1)
    fault = Fault.objects.get()
    login(customer_manager).post(f"/staff/faults/{fault.pk}/withdraw/", {"reason": "误记"})
    fault.refresh_from_db()
    assert fault.is_withdrawn


def test_fd5_front_desk_cannot_withdraw(login, customer_manager, front_desk):
    make_faults(customer_manager, [front_desk], 1)
    fault = Fault.objects.get()
    response = login(front_desk).post(f"/staff/faults/{fault.pk}/withdraw/", {"reason": "不服"})
    fault.refresh_from_db()
    assert not fault.is_withdrawn
    assert response.status_code == 302


@pytest.mark.parametrize("rows", [5, 50])
def test_fd5_fault_list_query_count_is_fixed(
    login, customer_manager, django_assert_num_queries, rows
):
    people = StaffFactory.create_batch(5, roles=[Role.FRONT_DESK])
    make_faults(customer_manager, people, rows)
    client = login(customer_manager)
    client.get(LIST)
    # session, user (with the unread count), roles and permissions, filter's staff choices,
    # count, rows
    with django_assert_num_queries(6):
        assert client.get(LIST).status_code == 200
