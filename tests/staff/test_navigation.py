"""Each role's navigation shows exactly its pages.

This file checks the staff app's own entries and the shape of the menu; every app checks its own
entries per role in tests/<app>/test_navigation.py with `nav_names_for`.
"""

import pytest

from staff.models import Role

STAFF_PAGES = {"home", "staff:list"}
EXPECTED = {
    Role.FRONT_DESK: {"home", "staff:reports"},
    Role.CS_AGENT: {"home", "staff:reports"},
    Role.CUSTOMER_MANAGER: {
        "home",
        "staff:list",
        "staff:delegations",
        "staff:reports",
        "staff:faults",
    },
    Role.DESIGNER: {"home", "staff:reports"},
    Role.DESIGN_MANAGER: {"home", "staff:list", "staff:delegations", "staff:reports"},
    Role.STORE_MANAGER: {"home", "staff:list", "staff:delegations", "staff:reports"},
    Role.MARKETING_SALES: {"home", "staff:reports"},
    Role.MARKETING_MANAGER: {"home", "staff:list", "staff:delegations", "staff:reports"},
    Role.ENGINEERING: {"home", "staff:reports"},
    Role.HR: {"home", "staff:list", "staff:delegations", "staff:reports", "staff:faults"},
    Role.GM: {"home", "staff:list", "staff:delegations", "staff:reports", "staff:faults"},
}


def nav_names_for(client, namespaces: set[str]) -> set[str]:
    """The url names of the menu items in `namespaces` ("home" counts as its own namespace)."""
    items = client.get("/").context["nav_items"]
    return {item.url_name for item in items if item.url_name.split(":")[0] in namespaces}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(EXPECTED), indirect=True)
def test_sec1_navigation_shows_exactly_the_roles_staff_pages(login, persona):
    role = next(iter(persona.role_codes))
    client = login(persona)
    assert nav_names_for(client, {"home", "staff"}) == EXPECTED[role]
    body = client.get("/").content.decode()
    for name in EXPECTED[role]:
        assert f'data-nav="{name}"' in body


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(EXPECTED), indirect=True)
def test_sec1_every_nav_page_opens_for_its_role(login, persona):
    client = login(persona)
    for item in client.get("/").context["nav_items"]:
        assert client.get(item.url).status_code == 200, item.url_name


@pytest.mark.django_db
def test_sec1_outsider_sees_only_home(login, outsider):
    items = login(outsider).get("/").context["nav_items"]
    assert [item.url_name for item in items] == ["home"]


@pytest.mark.django_db
def test_navigation_query_count_is_fixed(login, gm, django_assert_max_num_queries):
    # The GM's home: the menu and the workbench's counts (issue 15: at most 12 queries).
    client = login(gm)
    with django_assert_max_num_queries(12):
        client.get("/")
