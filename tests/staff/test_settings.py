"""Settings come from the environment: SQLite and eager Celery by default, PostgreSQL and Redis
with DATABASE_URL/REDIS_URL, and production mode passes `check --deploy`."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from config.settings import env_bool, env_int

PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], "
    "'name': str(s.DATABASES['default']['NAME']), 'eager': s.CELERY_TASK_ALWAYS_EAGER, "
    "'broker': s.CELERY_BROKER_URL, 'cache': s.CACHES['default']['BACKEND']}))"
)
IGNORED = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "CELERY_TASK_ALWAYS_EAGER"}
CLEAN = {k: v for k, v in os.environ.items() if k not in IGNORED}


def probe(**env) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={**CLEAN, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_default_is_sqlite_file_and_eager_celery_with_local_cache():
    seen = probe()
    assert seen["engine"] == "django.db.backends.sqlite3"
    assert seen["name"].endswith("db.sqlite3")
    assert seen["eager"] is True
    assert seen["cache"].endswith("LocMemCache")


def test_database_url_and_redis_url_switch_to_postgresql_and_redis():
    seen = probe(
        DATABASE_URL="postgres://crm:secret@db.internal:5432/crm",
        REDIS_URL="redis://cache.internal:6379/0",
    )
    assert seen["engine"] == "django.db.backends.postgresql"
    assert seen["name"] == "crm"
    assert seen["eager"] is False
    assert seen["broker"] == "redis://cache.internal:6379/0"
    assert seen["cache"].endswith("RedisCache")


def test_sec4_production_settings_pass_check_deploy():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            **CLEAN,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "x7#k2!pQ9vZ$mT4wL8rN1bY6cH3jF0sD5gA-eU_iO+lK=zX" * 2,
            "DJANGO_ALLOWED_HOSTS": "crm.example.com",
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_sec4_production_refuses_to_start_without_a_secret_key():
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={
            **CLEAN,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "",
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


@pytest.mark.parametrize("helper", [env_bool, env_int])
def test_bad_environment_values_fail_loudly(monkeypatch, helper):
    monkeypatch.setenv("SOME_SETTING", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="SOME_SETTING"):
        helper("SOME_SETTING", 1)


def test_eager_celery_runs_a_task_in_process(eager_celery):
    from staff.tasks import ping

    result = ping.delay()
    assert result.__class__.__name__ == "EagerResult"
    assert result.get(timeout=5) == "pong"
