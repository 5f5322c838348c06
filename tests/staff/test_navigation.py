"""Each role's navigation shows exactly its pages."""

import pytest

from staff.models import Role

EVERYONE = {"home", "attendance:index"}
EXPECTED = {
    Role.FRONT_DESK: EVERYONE | {"leads:index", "frontdesk:index"},
    Role.CS_AGENT: EVERYONE | {"leads:index", "frontdesk:index", "complaints:index"},
    Role.CUSTOMER_MANAGER: EVERYONE
    | {"leads:index", "dispatch:index", "frontdesk:index", "complaints:index", "staff:list"},
    Role.DESIGNER: EVERYONE | {"leads:index"},
    Role.DESIGN_MANAGER: EVERYONE
    | {"leads:index", "dispatch:index", "complaints:index", "staff:list"},
    Role.STORE_MANAGER: EVERYONE | {"leads:index", "staff:list"},
    Role.MARKETING_SALES: EVERYONE | {"leads:index"},
    Role.MARKETING_MANAGER: EVERYONE | {"leads:index", "staff:list"},
    Role.ENGINEERING: EVERYONE | {"leads:index"},
    Role.HR: EVERYONE | {"staff:list"},
    Role.GM: EVERYONE
    | {"leads:index", "dispatch:index", "frontdesk:index", "complaints:index", "staff:list"},
}


def nav_names(response) -> set[str]:
    return {item.url_name for item in response.context["nav_items"]}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(EXPECTED), indirect=True)
def test_sec1_navigation_shows_exactly_the_roles_pages(login, persona):
    role = next(iter(persona.role_codes))
    response = login(persona).get("/")
    assert nav_names(response) == EXPECTED[role]
    for name in EXPECTED[role]:
        assert f'data-nav="{name}"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(EXPECTED), indirect=True)
def test_sec1_every_nav_page_opens_for_its_role(login, persona):
    client = login(persona)
    for item in client.get("/").context["nav_items"]:
        assert client.get(item.url).status_code == 200, item.url_name


@pytest.mark.django_db
def test_sec1_outsider_sees_only_home(login, outsider):
    assert nav_names(login(outsider).get("/")) == {"home"}


@pytest.mark.django_db
def test_navigation_query_count_is_fixed(login, gm, django_assert_max_num_queries):
    client = login(gm)
    with django_assert_max_num_queries(8):
        client.get("/")
