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
