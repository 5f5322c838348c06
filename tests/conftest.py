"""Fixtures shared by every test: personas (one per role), logged-in clients, the browser."""

import os
import time

import pytest
from django.core.management.base import CommandError
from django.db import OperationalError
from django.test import Client, TransactionTestCase
from django.utils import translation

from staff.models import Department, DesignerTier, Role
from tests.factories import StaffFactory

# Playwright's sync API runs an event loop in the test thread; without this the ORM refuses to
# run inside browser tests ("You cannot call this from an async context").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Transactional tests flush the database when they end. So that no other test ever sees the
    rows migrations created (role groups and permissions, default rules, categories, beat
    schedules) missing: they run last, and each restores those rows first (serialized rollback)."""
    transactional = set()
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None:
            continue
        if marker.kwargs.get("transaction", marker.args[0] if marker.args else False):
            transactional.add(item.nodeid)
            if not marker.kwargs.get("serialized_rollback"):
                kwargs = {**marker.kwargs, "transaction": True, "serialized_rollback": True}
                item.add_marker(pytest.mark.django_db(**kwargs), append=False)
    items.sort(key=lambda item: item.nodeid in transactional)


def _flush_again_after_a_deadlock(flush):
    """A transactional test ends by emptying every table (TRUNCATE). On the CI's PostgreSQL a
    real Celery worker may at that moment still be running a task the test queued (a
    notification e-mail, a webhook fan-out) and reading those tables: PostgreSQL may then answer
    the TRUNCATE with "deadlock detected". The worker's read finishes in milliseconds, so the
    flush is tried again (up to three times) instead of failing a test that passed."""

    def teardown(self):
        for attempt in range(3):
            try:
                return flush(self)
            except (CommandError, OperationalError) as exc:
                deadlock = "deadlock detected" in f"{exc} {exc.__cause__}"
                if not deadlock or attempt == 2:
                    raise
                time.sleep(0.5)

    return teardown


TransactionTestCase._fixture_teardown = _flush_again_after_a_deadlock(
    TransactionTestCase._fixture_teardown
)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts and ends in the firm's language. A request through the test client
    activates the person's language in the test's own thread and leaves it there (as Django
    does), so without this an English request would change what a later test sees."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def eager_celery():
    """Run Celery tasks in-process for this test, even when a real broker is configured.

    The Celery app has read its settings already, so the settings fixture cannot change this.
    """
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def _persona(role: str, **fields):
    return StaffFactory(roles=[role], **fields)


@pytest.fixture
def front_desk(db):
    return _persona(Role.FRONT_DESK, name="前台小孙")


@pytest.fixture
def cs_agent(db):
    return _persona(Role.CS_AGENT, name="客服小吴")


@pytest.fixture
def customer_manager(db):
    return _persona(Role.CUSTOMER_MANAGER, name="客户经理张")


@pytest.fixture
def designer(db, design_manager):
    return _persona(
        Role.DESIGNER,
        name="设计师韩",
        department=Department.DESIGN,
        designer_tier=DesignerTier.DESIGNER,
        supervisor=design_manager,
    )


@pytest.fixture
def design_manager(db):
    return _persona(Role.DESIGN_MANAGER, name="设计部经理李", department=Department.DESIGN)


@pytest.fixture
def store_manager(db):
    return _persona(Role.STORE_MANAGER, name="店面经理陈", department=Department.STORE)


@pytest.fixture
def marketing_manager(db):
    return _persona(Role.MARKETING_MANAGER, name="市场部经理赵", department=Department.MARKETING)


@pytest.fixture
def marketing_sales(db, marketing_manager):
    return _persona(
        Role.MARKETING_SALES,
        name="业务员钱",
        department=Department.MARKETING,
        supervisor=marketing_manager,
    )


@pytest.fixture
def engineering(db):
    return _persona(Role.ENGINEERING, name="工程部卫", department=Department.ENGINEERING)


@pytest.fixture
def hr(db):
    return _persona(Role.HR, name="人事刘", department=Department.HR)


@pytest.fixture
def gm(db):
    return _persona(Role.GM, name="总经理王", department=Department.GM_OFFICE)


@pytest.fixture
def outsider(db):
    """Signed in, but holds no role at all."""
    return StaffFactory(name="无角色")


@pytest.fixture
def persona(request, db):
    """Parametrise by role code: @pytest.mark.parametrize("persona", [...], indirect=True)."""
    return request.getfixturevalue(PERSONA_FIXTURES[request.param])


PERSONA_FIXTURES = {
    Role.FRONT_DESK: "front_desk",
    Role.CS_AGENT: "cs_agent",
    Role.CUSTOMER_MANAGER: "customer_manager",
    Role.DESIGNER: "designer",
    Role.DESIGN_MANAGER: "design_manager",
    Role.STORE_MANAGER: "store_manager",
    Role.MARKETING_SALES: "marketing_sales",
    Role.MARKETING_MANAGER: "marketing_manager",
    Role.ENGINEERING: "engineering",
    Role.HR: "hr",
    Role.GM: "gm",
}


@pytest.fixture
def login():
    """login(user) -> a test Client signed in as that user."""

    def _login(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return _login
