"""Who may call: the key (401), address and scope (403), rate (429), body size (413)."""

import pytest
from django.test import override_settings

from api.models import ApiRequestLog, ClientAPIKey, Scope
from api.services.clients import issue_key, revoke_keys
from leads.models import Lead

from .test_views_leads import LEAD, URL


def test_api_missing_key_is_401(db, caller):
    response = caller(None).post(URL, LEAD)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"
    assert response.json()["errors"][0]["code"] == "not_authenticated"
    assert Lead.objects.count() == 0


def test_api_wrong_key_is_401(website, caller):
    prefix = ClientAPIKey.objects.get().prefix
    response = caller(f"{prefix}.not-the-secret").post(URL, LEAD)

    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "invalid_key"
    log = ApiRequestLog.objects.get()
    assert (log.client, log.status) == (None, 401)


def test_api_revoked_key_is_401(website, caller):
    client, key = website
    revoke_keys(client=client)

    assert caller(key).post(URL, LEAD).status_code == 401


def test_api_new_key_works_after_the_old_one_is_revoked(website, caller):
    client, old = website
    revoke_keys(client=client)
    new = issue_key(client=client, name="rotated")

    assert caller(old).post(URL, LEAD).status_code == 401
    assert caller(new).post(URL, LEAD).status_code == 201


def test_api_disabled_client_is_401(website, caller):
    client, key = website
    client.is_active = False
    client.save()

    assert caller(key).post(URL, LEAD).status_code == 401


def test_api_key_is_stored_hashed(website):
    _client, key = website
    stored = ClientAPIKey.objects.get()
    assert key.split(".")[1] not in stored.hashed_key
    assert stored.hashed_key.startswith("sha512$$")


@pytest.mark.parametrize(
    ("scopes", "method", "url"),
    [
        ([Scope.LEADS_READ], "post", URL),
        ([Scope.LEADS_WRITE], "get", f"{URL}WEB-1"),
        ([Scope.LEADS_WRITE], "post", "/api/v1/calls/"),
        ([Scope.CALLS_WRITE], "post", "/api/v1/clock-records/"),
    ],
)
def test_api_missing_scope_is_403(make_client, caller, scopes, method, url):
    _client, key = make_client("电话系统", scopes=scopes)
    call = caller(key)
    response = call.post(url, {"records": [{}]}) if method == "post" else call.get(url)

    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "missing_scope"


def test_api_address_not_in_allow_list_is_403(make_client, caller):
    _client, key = make_client("土巴兔", allowed_ips="10.0.0.0/8\n192.168.1.7")

    refused = caller(key, REMOTE_ADDR="127.0.0.1").post(URL, LEAD)
    allowed = caller(key, REMOTE_ADDR="10.2.3.4").post(URL, LEAD)

    assert refused.status_code == 403
    assert refused.json()["errors"][0]["code"] == "ip_not_allowed"
    assert allowed.status_code == 201


def test_api_client_over_its_rate_gets_429_with_retry_after(make_client, caller):
    _client, key = make_client("齐家网", requests_per_minute=2)
    call = caller(key)
    statuses = [call.get(f"{URL}none").status_code for _ in range(3)]

    assert statuses == [404, 404, 429]
    refused = call.get(f"{URL}none")
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused.json()["errors"][0]["code"] == "throttled"


def test_api_rate_is_counted_per_client(make_client, caller):
    _a, key_a = make_client("A", requests_per_minute=1)
    _b, key_b = make_client("B", requests_per_minute=1)
    caller(key_a).get(f"{URL}x")

    assert caller(key_a).get(f"{URL}x").status_code == 429
    assert caller(key_b).get(f"{URL}x").status_code == 404


@override_settings(API_MAX_BODY_BYTES=500)
def test_api_body_over_the_limit_is_413(api_en):
    response = api_en.post(URL, {**LEAD, "note": "很长" * 300})

    assert response.status_code == 413
    error = response.json()["errors"][0]
    assert error["code"] == "too_large"
    assert "the limit is 500 bytes" in error["message"]
    assert Lead.objects.count() == 0


def test_api_needs_no_csrf_and_no_login(api):
    """API-key calls are not redirected to the login page and need no CSRF token."""
    from django.test import Client

    api.http = Client(
        enforce_csrf_checks=True, HTTP_AUTHORIZATION=api.http.defaults["HTTP_AUTHORIZATION"]
    )
    assert api.post(URL, LEAD).status_code == 201
