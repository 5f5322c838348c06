"""Home, notifications and the staff directory: content and fixed query counts."""

import pytest

from staff import services
from tests.factories import StaffFactory


@pytest.mark.django_db
def test_home_greets_by_name_and_lists_role_pages(login, front_desk):
    response = login(front_desk).get("/")
    body = response.content.decode()
    assert front_desk.name in body
    assert "/leads/" in body and "/frontdesk/" in body
    assert "/dispatch/" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [5, 50])
def test_notification_list_query_count_is_fixed(login, designer, rows, django_assert_num_queries):
    for n in range(rows):
        services.notify(recipient=designer, text=f"n{n}")
    client = login(designer)
    client.get("/notifications/")  # warm the session and permission caches
    with django_assert_num_queries(5):
        response = client.get("/notifications/")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [5, 50])
def test_staff_list_query_count_is_fixed(login, hr, rows, django_assert_num_queries):
    boss = StaffFactory()
    StaffFactory.create_batch(rows, supervisor=boss, roles=["DESIGNER"])
    client = login(hr)
    with django_assert_num_queries(6):
        response = client.get("/staff/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_staff_list_filters_by_role_and_search(login, hr, designer, front_desk):
    client = login(hr)
    body = client.get("/staff/?role=DESIGNER").content.decode()
    assert designer.name in body and front_desk.name not in body
    body = client.get(f"/staff/?q={front_desk.employee_no}").content.decode()
    assert front_desk.name in body and designer.name not in body


@pytest.mark.django_db
def test_staff_detail_shows_supervisor_chain(login, hr, designer, design_manager):
    body = login(hr).get(f"/staff/{designer.pk}/").content.decode()
    assert design_manager.name in body


@pytest.mark.django_db
def test_staff_pages_refused_to_front_desk(login, front_desk, designer):
    client = login(front_desk)
    assert client.get("/staff/").status_code == 403
    assert client.get(f"/staff/{designer.pk}/").status_code == 403


@pytest.mark.django_db
def test_seed_demo_twice_changes_nothing():
    from django.core.management import call_command

    from staff.models import Staff

    call_command("seed_demo")
    count = Staff.objects.count()
    snapshot = list(Staff.objects.values_list("employee_no", "supervisor_id", "password"))
    call_command("seed_demo")
    assert Staff.objects.count() == count >= 30
    assert list(Staff.objects.values_list("employee_no", "supervisor_id", "password")) == snapshot
    tiers = set(Staff.objects.exclude(designer_tier="").values_list("designer_tier", flat=True))
    assert tiers == {"DESIGNER", "DEPUTY_DIRECTOR", "DIRECTOR", "CHIEF"}
