"""SEC-1: the attendance menu entries each role sees."""

import pytest

from staff.models import Role
from tests.staff.test_navigation import nav_names_for

MINE = "attendance:index"
REGISTER = "attendance:outing-register"
CLOCK = "attendance:clock-list"
SUMMARY = "attendance:summary"
MY_PAY = "attendance:pay-mine"
PAY = "attendance:pay-months"

EXPECTED = {
    Role.FRONT_DESK: {MINE, REGISTER, CLOCK, MY_PAY},
    Role.CS_AGENT: {MINE, MY_PAY},
    Role.CUSTOMER_MANAGER: {MINE, MY_PAY},
    Role.DESIGNER: {MINE, MY_PAY},
    Role.DESIGN_MANAGER: {MINE, MY_PAY},
    Role.STORE_MANAGER: {MINE, MY_PAY},
    Role.MARKETING_SALES: {MINE, MY_PAY},
    Role.MARKETING_MANAGER: {MINE, MY_PAY},
    Role.ENGINEERING: {MINE, MY_PAY},
    Role.HR: {MINE, REGISTER, CLOCK, SUMMARY, MY_PAY, PAY},
    Role.GM: {MINE, SUMMARY, MY_PAY, PAY},
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(EXPECTED), indirect=True)
def test_sec1_attendance_menu_per_role(login, persona):
    role = next(iter(persona.role_codes))
    assert nav_names_for(login(persona), {"attendance"}) == EXPECTED[role]


@pytest.mark.django_db
def test_sec1_no_attendance_menu_without_a_role(login, outsider):
    assert nav_names_for(login(outsider), {"attendance"}) == set()
