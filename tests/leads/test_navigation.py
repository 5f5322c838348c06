"""SEC-1: the leads menu entries each role sees."""

import pytest

from staff.models import Role
from tests.staff.test_navigation import nav_names_for

EXPECTED = {
    Role.FRONT_DESK: {"leads:index", "leads:intake"},
    Role.CS_AGENT: {"leads:index", "leads:intake"},
    Role.CUSTOMER_MANAGER: {"leads:index", "leads:intake"},
    Role.DESIGNER: {"leads:index"},
    Role.DESIGN_MANAGER: {"leads:index"},
    Role.STORE_MANAGER: {"leads:index"},
    Role.MARKETING_SALES: {"leads:index"},
    Role.MARKETING_MANAGER: {"leads:index"},
    Role.ENGINEERING: {"leads:index"},
    Role.HR: {"leads:slips_hr"},
    Role.GM: {"leads:index"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(EXPECTED), indirect=True)
def test_sec1_leads_menu_per_role(login, persona):
    role = next(iter(persona.role_codes))
    assert nav_names_for(login(persona), {"leads"}) == EXPECTED[role]
