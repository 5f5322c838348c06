"""SEC-1: the dispatch menu entries each role sees."""

import pytest
from django.urls import reverse

from staff.models import Role
from tests.staff.test_navigation import nav_names_for

EXPECTED = {
    Role.FRONT_DESK: set(),
    Role.CS_AGENT: set(),
    Role.CUSTOMER_MANAGER: {"dispatch:index"},
    Role.DESIGNER: {"dispatch:my_leads", "dispatch:my_record"},
    Role.DESIGN_MANAGER: {"dispatch:index", "dispatch:team_record"},
    Role.STORE_MANAGER: set(),
    Role.MARKETING_SALES: set(),
    Role.MARKETING_MANAGER: set(),
    Role.ENGINEERING: set(),
    Role.HR: set(),
    Role.GM: {"dispatch:index", "dispatch:team_record"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(EXPECTED), indirect=True)
def test_sec1_dispatch_menu_per_role(login, persona):
    role = next(iter(persona.role_codes))
    client = login(persona)
    assert nav_names_for(client, {"dispatch"}) == EXPECTED[role]
    for name in EXPECTED[role]:
        assert client.get(reverse(name)).status_code == 200
