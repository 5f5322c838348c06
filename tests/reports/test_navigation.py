"""SEC-1: each role sees exactly the report pages it may open in the menu."""

import pytest

from staff.models import Role
from tests.staff.test_navigation import nav_names_for

EXPECTED = {
    Role.FRONT_DESK: {"reports:tables"},
    Role.CS_AGENT: set(),
    Role.CUSTOMER_MANAGER: {"reports:tables", "reports:segments"},
    Role.DESIGNER: set(),
    Role.DESIGN_MANAGER: set(),
    Role.STORE_MANAGER: set(),
    Role.MARKETING_SALES: set(),
    Role.MARKETING_MANAGER: {"reports:segments"},
    Role.ENGINEERING: set(),
    Role.HR: set(),
    Role.GM: {"reports:tables", "reports:monthly", "reports:segments", "reports:jobs"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(EXPECTED), indirect=True)
def test_sec1_reports_menu_per_role(login, persona):
    role = next(iter(persona.role_codes))
    assert nav_names_for(login(persona), {"reports"}) == EXPECTED[role]
