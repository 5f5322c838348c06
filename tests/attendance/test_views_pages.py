"""Every attendance page opens for the roles that use it and refuses the others (SEC-1)."""

import pytest
from django.urls import reverse

from staff.models import Role

pytestmark = pytest.mark.django_db

EVERYONE = [
    "attendance:index",
    "attendance:leave-list",
    "attendance:leave-new",
    "attendance:approvals",
    "attendance:calendar",
    "attendance:outings",
    "attendance:holidays",
]
CLOCK = ["attendance:clock-list", "attendance:clock-new", "attendance:clock-import"]
REPORTS = ["attendance:daily", "attendance:violations", "attendance:summary"]
HR_ONLY = ["attendance:schedules", "attendance:schedule-new"]


@pytest.mark.parametrize("persona", list(Role), indirect=True)
@pytest.mark.parametrize("name", EVERYONE)
def test_sec1_every_role_opens_its_own_attendance_pages(login, persona, name):
    assert login(persona).get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", EVERYONE + CLOCK + REPORTS + HR_ONLY)
def test_sec1_no_role_no_attendance(login, outsider, name):
    assert login(outsider).get(reverse(name)).status_code == 403


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        (Role.FRONT_DESK, True),
        (Role.HR, True),
        (Role.CS_AGENT, False),
        (Role.DESIGNER, False),
        (Role.GM, False),
    ],
    indirect=["persona"],
)
@pytest.mark.parametrize("name", [*CLOCK, "attendance:outing-register"])
def test_sec1_clock_records_and_outing_register_for_front_desk_and_hr(
    login, persona, allowed, name
):
    assert login(persona).get(reverse(name)).status_code == (200 if allowed else 403)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        (Role.HR, True),
        (Role.GM, True),
        (Role.DESIGN_MANAGER, True),  # supervises the designer fixture below
        (Role.CS_AGENT, False),
        (Role.FRONT_DESK, False),
    ],
    indirect=["persona"],
)
@pytest.mark.parametrize("name", REPORTS)
def test_sec1_reports_for_hr_gm_and_supervisors(login, persona, allowed, designer, name):
    assert login(persona).get(reverse(name)).status_code == (200 if allowed else 403)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [(Role.HR, True), (Role.GM, False), (Role.FRONT_DESK, False)],
    indirect=["persona"],
)
@pytest.mark.parametrize("name", HR_ONLY)
def test_sec1_schedules_are_hr_only(login, persona, allowed, name):
    assert login(persona).get(reverse(name)).status_code == (200 if allowed else 403)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [(Role.HR, True), (Role.GM, True), (Role.DESIGN_MANAGER, False)],
    indirect=["persona"],
)
def test_sec1_only_hr_and_gm_export_the_summary(login, persona, allowed, designer):
    response = login(persona).get(reverse("attendance:summary-export"))
    assert response.status_code == (200 if allowed else 403)
    if allowed:
        assert response.content[:2] == b"PK"


@pytest.mark.parametrize(
    ("name", "param", "shown", "chosen"),
    [
        ("attendance:daily", "day", "2026-04-14", "2026-02-03"),  # yesterday
        ("attendance:violations", "month", "2026-04", "2026-02"),
        ("attendance:summary", "month", "2026-04", "2026-02"),
    ],
)
def test_an_unfiltered_report_fills_its_filter_with_the_period_it_shows(
    login, hr, name, param, shown, chosen, time_machine
):
    time_machine.move_to("2026-04-15 10:00+08:00", tick=False)
    client = login(hr)
    assert f'value="{shown}"' in client.get(reverse(name)).content.decode()
    body = client.get(reverse(name), {param: chosen}).content.decode()
    assert f'value="{chosen}"' in body and f'value="{shown}"' not in body
