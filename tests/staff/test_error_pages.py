"""Error pages (issue 15, finding 7): 403 and 404 in the shell, 500 a static page, each with a
way back home; the favicon answers instead of a 404. Tested with DEBUG off (pytest-django's
default), as production serves them."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path, reverse
from django.utils import translation

from config.urls import handler403, handler404, handler500  # noqa: F401 - the same handlers
from config.urls import urlpatterns as site_patterns

pytestmark = pytest.mark.django_db


def _forbidden(request):
    raise PermissionDenied


def _broken(request):
    raise RuntimeError("boom")


# This module is the URLconf of the tests marked below: the site plus two failing views.
urlpatterns = [
    *site_patterns,
    path("test-errors/forbidden/", _forbidden),
    path("test-errors/broken/", _broken),
]

errors_urlconf = pytest.mark.urls(__name__)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def english_client(front_desk):
    client = Client(raise_request_exception=False)
    client.force_login(front_desk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_error_pages_run_with_debug_off(settings):
    assert settings.DEBUG is False


def test_404_is_styled_in_the_shell_with_a_way_home(english_client):
    response = english_client.get("/complaints/999999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'data-testid="error-404"' in html
    assert 'data-testid="bell"' in html  # the shell: the same top bar as every page
    assert f'href="{reverse("home")}" data-testid="error-home"' in html
    assert "Not Found" not in html and "technical" not in html.lower()


def test_404_for_an_unknown_address(english_client):
    response = english_client.get("/no-such-page/")
    assert response.status_code == 404
    assert 'data-testid="error-404"' in response.content.decode()


@errors_urlconf
def test_403_is_styled_in_the_shell_with_a_way_home(english_client):
    response = english_client.get("/test-errors/forbidden/")
    assert response.status_code == 403
    html = response.content.decode()
    assert 'data-testid="error-403"' in html
    assert 'data-testid="bell"' in html
    assert 'data-testid="error-home"' in html
    assert "data-back" in html
    assert "403 Forbidden" not in html


@errors_urlconf
def test_500_is_a_static_page_with_a_way_home(english_client):
    response = english_client.get("/test-errors/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert 'data-testid="error-500"' in html
    assert 'href="/" data-testid="error-home"' in html
    # Static: no shell that needs the user, the database or the CSRF token.
    assert 'data-testid="bell"' not in html
    assert "csrf" not in html.lower()


def test_403_404_500_render_in_chinese_by_default(front_desk):
    """The firm's language; the wording comes from the catalogue (needs the merged .po)."""
    from django.template.loader import render_to_string

    with translation.override("zh-hans"):
        html = render_to_string("500.html")
    assert 'lang="zh-hans"' in html


def test_favicon_is_served_to_anyone(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_pages_and_admin_link_the_icon(client, admin_user, login, front_desk):
    html = login(front_desk).get(reverse("home")).content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg"' in html
    assert 'rel="apple-touch-icon"' in html
    client.force_login(admin_user)
    admin_html = client.get(reverse("admin:index")).content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg"' in admin_html
