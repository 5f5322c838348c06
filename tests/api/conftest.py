"""Integration clients with keys, and a caller that sends the key the way integrators do."""

import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from api.models import IntegrationClient, Scope
from api.services.clients import create_client

ALL_SCOPES = [scope.value for scope in Scope]


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """The throttle counts on the cache; each test starts with no requests counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_client(db):
    def _make(name="官网表单", scopes=None, **fields) -> tuple[IntegrationClient, str]:
        client = IntegrationClient(
            name=name, scopes=ALL_SCOPES if scopes is None else scopes, **fields
        )
        return client, create_client(client=client)

    return _make


class Caller:
    """POST/GET JSON with `Authorization: Api-Key <key>` (or without a key)."""

    def __init__(self, key: str | None, language: str = "", **extra) -> None:
        self.http = Client(**({"HTTP_AUTHORIZATION": f"Api-Key {key}"} if key else {}), **extra)
        if language:  # the firm's language switcher cookie (staff.middleware)
            self.http.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    def post(self, url: str, body, **headers):
        return self.http.post(
            url, data=json.dumps(body), content_type="application/json", headers=headers
        )

    def get(self, url: str, **headers):
        return self.http.get(url, headers=headers)


@pytest.fixture
def website(make_client):
    return make_client("官网表单")


@pytest.fixture
def api(website) -> Caller:
    return Caller(website[1])


@pytest.fixture
def api_en(website) -> Caller:
    return Caller(website[1], language="en")


@pytest.fixture
def caller():
    return Caller
