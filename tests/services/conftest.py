"""The service suite talks to real PostgreSQL, Redis and a Celery worker (started by .ci/run)."""

import os

import pytest

REASON = (
    "service suite: needs DATABASE_URL=postgres://…, REDIS_URL=redis://… and a running Celery "
    "worker (CELERY_LIVE=1); .ci/run provides all three"
)


def services_available() -> bool:
    return (
        os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
        and os.environ.get("REDIS_URL", "").startswith("redis://")
        and os.environ.get("CELERY_LIVE") == "1"
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/services/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.services)
            if not services_available():
                item.add_marker(pytest.mark.skip(reason=REASON))
