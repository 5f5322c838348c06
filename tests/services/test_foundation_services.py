"""Settings with DATABASE_URL/REDIS_URL: PostgreSQL migrated, Redis cache, a real Celery worker."""

import pytest
from django.apps import apps
from django.core.cache import caches
from django.db import connection

from config.celery import app as celery_app
from staff.tasks import ping


@pytest.mark.django_db
def test_database_is_postgresql_with_every_app_migrated():
    assert connection.vendor == "postgresql"
    tables = set(connection.introspection.table_names())
    for model in apps.get_app_config("staff").get_models():
        assert model._meta.db_table in tables


def test_cache_is_redis():
    cache = caches["default"]
    assert type(cache).__name__ == "RedisCache"
    cache.set("foundation-check", "ok", 30)
    assert cache.get("foundation-check") == "ok"


def test_task_sent_through_redis_is_executed_by_the_real_worker(live_worker):
    assert celery_app.conf.task_always_eager is False
    result = ping.delay()
    assert result.get(timeout=30) == "pong"
    assert result.successful()
