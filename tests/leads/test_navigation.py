"""SEC-1: the leads menu entries each role sees (lifecycle pages included)."""

import pytest

from staff.models import Role
from tests.staff.test_navigation import nav_names_for

EXPECTED = {
    Role.FRONT_DESK: {"leads:index", "leads:intake", "leads:commission"},
    Role.CS_AGENT: {"leads:index", "leads:intake", "leads:callbacks", "leads:closures"},
    Role.CUSTOMER_MANAGER: {
        "leads:index",
        "leads:intake",
        "leads:callbacks",
        "leads:closures",
        "leads:commission",
        "leads:commission_ledger",
    },
    Role.DESIGNER: {"leads:index", "leads:commission"},
    Role.DESIGN_MANAGER: {"leads:index", "leads:callbacks", "leads:closures"},
    Role.STORE_MANAGER: {"leads:index"},
    Role.MARKETING_SALES: {"leads:index", "leads:commission"},
    Role.MARKETING_MANAGER: {"leads:index"},
    Role.ENGINEERING: {"leads:index"},
    Role.HR: {"leads:slips_hr", "leads:commission_ledger"},
    Role.GM: {"leads:index", "leads:closures", "leads:commission_ledger"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(EXPECTED), indirect=True)
def test_sec1_leads_menu_per_role(login, persona):
    role = next(iter(persona.role_codes))
    assert nav_names_for(login(persona), {"leads"}) == EXPECTED[role]
