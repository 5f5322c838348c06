"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser)."""

import os
import shutil

import pytest
from django.db import connections

from tests.conftest import CHROMIUM
from tests.factories import TEST_PASSWORD


def pytest_collection_modifyitems(config, items):
    missing = not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM))
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)
            if missing:
                item.add_marker(
                    pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")
                )


@pytest.fixture(scope="session", autouse=True)
def _serialized_rollback_after_playwright(django_db_setup, django_db_blocker):
    """Playwright's sync API runs the rest of the session in another greenlet, where Django hands
    out new connection objects (connections are per context). Those lack the database snapshot
    Django kept on the first connection, so transactional tests from then on could neither
    restore the rows migrations created (role groups, default rules) nor keep them through a
    flush. Keeping the snapshot on the connection class makes it visible in every context."""
    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents is not None:
                type(connection)._test_serialized_contents = contents


@pytest.fixture
def sign_in(live_server, page):
    """sign_in(user) logs the browser page in through the real login form."""

    def _sign_in(user):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", TEST_PASSWORD)
        page.click("[data-testid=login-submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    return _sign_in
