"""SEC-1: the complaints menu entries each role sees."""

import pytest

from staff.models import Role
from tests.staff.test_navigation import nav_names_for

REGISTER = "complaints:index"
MINE = "complaints:mine"

EXPECTED = {
    Role.FRONT_DESK: {REGISTER, MINE},
    Role.CS_AGENT: {REGISTER, MINE},
    Role.CUSTOMER_MANAGER: {REGISTER, MINE},
    Role.DESIGNER: {MINE},
    Role.DESIGN_MANAGER: {REGISTER, MINE},
    Role.STORE_MANAGER: {MINE},
    Role.MARKETING_SALES: {MINE},
    Role.MARKETING_MANAGER: {MINE},
    Role.ENGINEERING: {MINE},
    Role.HR: {MINE},
    Role.GM: {REGISTER, MINE},
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(EXPECTED), indirect=True)
def test_sec1_complaints_menu_per_role(login, persona):
    role = next(iter(persona.role_codes))
    assert nav_names_for(login(persona), {"complaints"}) == EXPECTED[role]


@pytest.mark.django_db
def test_sec1_no_complaints_menu_without_a_role(login, outsider):
    assert nav_names_for(login(outsider), {"complaints"}) == set()
