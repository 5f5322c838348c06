"""SEC-1: the attendance menu entries each role sees."""

import pytest

from staff.models import Role
from tests.staff.test_navigation import nav_names_for

MINE = "attendance:index"
REGISTER = "attendance:outing-register"
CLOCK = "attendance:clock-list"
SUMMARY = "attendance:summary"

EXPECTED = {
    Role.FRONT_DESK: {MINE, REGISTER, CLOCK},
    Role.CS_AGENT: {MINE},
    Role.CUSTOMER_MANAGER: {MINE},
    Role.DESIGNER: {MINE},
    Role.DESIGN_MANAGER: {MINE},
    Role.STORE_MANAGER: {MINE},
    Role.MARKETING_SALES: {MINE},
    Role.MARKETING_MANAGER: {MINE},
    Role.ENGINEERING: {MINE},
    Role.HR: {MINE, REGISTER, CLOCK, SUMMARY},
    Role.GM: {MINE, SUMMARY},
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(EXPECTED), indirect=True)
def test_sec1_attendance_menu_per_role(login, persona):
    role = next(iter(persona.role_codes))
    assert nav_names_for(login(persona), {"attendance"}) == EXPECTED[role]


@pytest.mark.django_db
def test_sec1_no_attendance_menu_without_a_role(login, outsider):
    assert nav_names_for(login(outsider), {"attendance"}) == set()
