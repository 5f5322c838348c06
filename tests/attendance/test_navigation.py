"""SEC-1: the attendance menu entries each role sees."""

import pytest

from staff.models import Role
from tests.staff.test_navigation import nav_names_for

EXPECTED = {
    Role.FRONT_DESK: {"attendance:index"},
    Role.CS_AGENT: {"attendance:index"},
    Role.CUSTOMER_MANAGER: {"attendance:index"},
    Role.DESIGNER: {"attendance:index"},
    Role.DESIGN_MANAGER: {"attendance:index"},
    Role.STORE_MANAGER: {"attendance:index"},
    Role.MARKETING_SALES: {"attendance:index"},
    Role.MARKETING_MANAGER: {"attendance:index"},
    Role.ENGINEERING: {"attendance:index"},
    Role.HR: {"attendance:index"},
    Role.GM: {"attendance:index"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(EXPECTED), indirect=True)
def test_sec1_attendance_menu_per_role(login, persona):
    role = next(iter(persona.role_codes))
    assert nav_names_for(login(persona), {"attendance"}) == EXPECTED[role]
