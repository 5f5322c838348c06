"""The service suite talks to real PostgreSQL and Redis; .ci/run also starts a Celery worker.

Tests here are skipped (with the reason) unless DATABASE_URL points at PostgreSQL and REDIS_URL at
Redis. A test that needs the real worker asks for the `live_worker` fixture (CELERY_LIVE=1).
"""

import os

import pytest

REASON = (
    "service suite: needs DATABASE_URL=postgres://… and REDIS_URL=redis://… (.ci/run sets both)"
)


def services_available() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(
        ("postgres://", "postgresql://")
    ) and os.environ.get("REDIS_URL", "").startswith("redis://")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/services/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.services)
            if not services_available():
                item.add_marker(pytest.mark.skip(reason=REASON))


@pytest.fixture
def live_worker():
    """A real Celery worker consumes the Redis queue (started by .ci/run with CELERY_LIVE=1)."""
    if os.environ.get("CELERY_LIVE") != "1":
        pytest.skip("needs a running Celery worker (CELERY_LIVE=1; .ci/run starts one)")
    from config.celery import app

    return app


CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens: every connect is refused


@pytest.fixture
def dead_broker():
    """Point the (non-eager) Celery app at a closed port and restore it afterwards (SEC-9).

    The app read its settings at import and caches its connection pools, so the URL is swapped
    on the app itself and the pools are dropped both ways."""
    from config.celery import app

    previous = (app.conf.broker_url, app.conf.task_always_eager)

    def use(url: str, eager: bool) -> None:
        app.conf.broker_url, app.conf.task_always_eager = url, eager
        app._pool = None
        app.amqp._producer_pool = None

    use(CLOSED_PORT, False)
    yield app
    use(*previous)
