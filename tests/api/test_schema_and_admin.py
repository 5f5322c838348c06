"""The committed OpenAPI schema matches the code; the docs page and the admin are the
administrator's."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from api.models import ClientAPIKey, IntegrationClient, Scope
from tests.factories import StaffFactory

COMMITTED = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"


def test_api_committed_openapi_schema_is_the_generated_one(tmp_path):
    """CI check: after changing the API, run
    `manage.py spectacular --lang en --file docs/openapi.yaml` (the schema is for integrators: in
    English, whatever language the firm's pages speak)."""
    generated = tmp_path / "openapi.yaml"
    call_command(
        "spectacular", "--lang", "en", "--file", str(generated), "--validate", "--fail-on-warn"
    )

    assert generated.read_text() == COMMITTED.read_text()


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(
        username="root", email="root@example.com", password="x", employee_no="R1", name="管理员"
    )


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_api_docs_page_is_for_the_administrator_only(superuser, gm):
    assert logged_in(superuser).get("/api/docs/").status_code == 200
    assert logged_in(gm).get("/api/docs/").status_code in (302, 403)


def test_api_schema_needs_the_administrator_or_a_key(superuser, website, caller, gm):
    assert logged_in(superuser).get("/api/schema/").status_code == 200
    assert caller(website[1]).get("/api/schema/").status_code == 200
    assert caller(None).get("/api/schema/").status_code == 401
    assert logged_in(gm).get("/api/schema/").status_code in (401, 403)


def test_api_admin_creates_a_client_and_shows_its_key_once(superuser):
    admin = logged_in(superuser)
    response = admin.post(
        "/admin/api/integrationclient/add/",
        {
            "name": "土巴兔",
            "channel": "OTHER",
            "scopes": [Scope.LEADS_WRITE, Scope.LEADS_READ],
            "is_active": "on",
            "allowed_ips": "",
            "requests_per_minute": 30,
            "note": "",
            "api_keys-TOTAL_FORMS": 0,
            "api_keys-INITIAL_FORMS": 0,
        },
        follow=True,
    )

    client = IntegrationClient.objects.get()
    assert client.scopes == [Scope.LEADS_WRITE, Scope.LEADS_READ]
    shown = " ".join(str(m) for m in response.context["messages"])
    stored = ClientAPIKey.objects.get(client=client)
    key = re.search(rf"{stored.prefix}\.\w+", shown).group(0)
    assert ClientAPIKey.objects.get_from_key(key) == stored  # the shown key is the real one
    assert stored.hashed_key not in shown
    assert client.system_user.leads_registered.count() == 0


def test_api_admin_revokes_a_clients_keys(superuser, website):
    client, key = website
    logged_in(superuser).post(
        "/admin/api/integrationclient/",
        {"action": "revoke_all_keys", "_selected_action": [client.pk]},
    )

    assert ClientAPIKey.objects.get().revoked


def test_api_models_are_not_in_any_roles_admin(gm, hr):
    for person in (gm, hr, StaffFactory(is_staff=True)):
        person.is_staff = True
        person.save()
        assert logged_in(person).get("/admin/api/integrationclient/").status_code in (302, 403)
