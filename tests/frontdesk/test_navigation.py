"""SEC-1: the frontdesk menu entries each role sees."""

import pytest

from staff.models import Role
from tests.staff.test_navigation import nav_names_for

EXPECTED = {
    Role.FRONT_DESK: {"frontdesk:index", "frontdesk:documents"},
    Role.CS_AGENT: {"frontdesk:index", "frontdesk:review"},
    Role.CUSTOMER_MANAGER: {
        "frontdesk:index",
        "frontdesk:quality",
        "frontdesk:documents",
        "frontdesk:review_team",
    },
    Role.DESIGNER: set(),
    Role.DESIGN_MANAGER: set(),
    Role.STORE_MANAGER: set(),
    Role.MARKETING_SALES: set(),
    Role.MARKETING_MANAGER: set(),
    Role.ENGINEERING: set(),
    Role.HR: {"frontdesk:review_team"},
    Role.GM: {
        "frontdesk:index",
        "frontdesk:quality",
        "frontdesk:documents",
        "frontdesk:review_team",
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(EXPECTED), indirect=True)
def test_sec1_frontdesk_menu_per_role(login, persona):
    role = next(iter(persona.role_codes))
    assert nav_names_for(login(persona), {"frontdesk"}) == EXPECTED[role]
