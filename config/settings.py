"""Settings for the front-office system, driven entirely by environment variables.

Development (nothing set): SQLite file, Celery tasks run eagerly, local-memory cache.
Production: DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL (PostgreSQL),
REDIS_URL (Celery broker, result backend and cache). See README.md.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------------------------------------
# Typed environment helpers: a bad value fails loudly instead of being quietly ignored.
# ------------------------------------------------------------------------------------------------
def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


# ------------------------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------------------------
DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

DJANGO_APPS = [
    "staff.admin_apps.FirmAdminConfig",  # django.contrib.admin with the role-gated site (SEC-5)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "django_celery_beat",
    "django_htmx",
    "axes",
    "rest_framework",
    "rest_framework_api_key",
    "drf_spectacular",
]
# Order follows the import direction in ARCHITECTURE.md: lower layers first.
LOCAL_APPS = [
    "core",
    "staff",
    "leads",
    "attendance",
    "dispatch",
    "complaints",
    "frontdesk",
    "reports",
    "api",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS
# Tooling, not product: bench/ (the `seed_volume` and `bench` commands) is installed only when
# DJANGO_BENCH=1, as `make bench` and `make seed-volume` set it; tests install it where needed.
if env_bool("DJANGO_BENCH", False):
    INSTALLED_APPS += ["bench"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "staff.middleware.FirmLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a refused login into the lockout page (SEC-8).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "staff.context_processors.navigation",
            ],
        },
    },
]

# ------------------------------------------------------------------------------------------------
# Database: SQLite file by default, PostgreSQL (or anything dj-database-url reads) via DATABASE_URL
# ------------------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Names, communities and other Chinese text sort by pinyin on PostgreSQL through this ICU
# collation (core.collation.Pinyin), as Excel sorts them; empty sorts by code point, for a
# PostgreSQL built without ICU. SQLite always sorts by code point.
PINYIN_COLLATION = env_str("DB_PINYIN_COLLATION", "zh-x-icu")

# ------------------------------------------------------------------------------------------------
# Auth
# ------------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "staff.Staff"
# Axes first: it refuses a locked-out login before any password is checked (SEC-8). Then
# ModelBackend's rules, with the user's roles, permissions and unread count read in fewer queries.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "staff.backends.StaffBackend"]

# SEC-8 login throttling (django-axes), on /accounts/login/ and /admin/login/ alike: 5 failures
# for one username, or from one client address, lock that username or address for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one, not only the pair
# Attempts during a lockout are recorded too (and so restart the 15 minutes): nothing is lost
# from the log, and someone who keeps guessing stays locked out.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
# A correct login clears that person's own failures on that computer (staff.lockout explains why
# not more); every failure is also kept in AccessFailureLog, every login in AccessLog.
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Database handler, not the Redis cache handler: the attempts are AccessAttempt rows the admin
# sees and deletes to unlock someone (and `manage.py axes_reset` clears), which the cache handler
# cannot offer; on PostgreSQL the count is shared by every gunicorn worker (row locks), and it
# survives a Redis restart. It costs a few queries per login, not per page.
AXES_HANDLER = "staff.lockout.LoginAttemptHandler"
# The login page itself, in the firm's language, with HTTP 429 - not axes's English text.
AXES_LOCKOUT_CALLABLE = "staff.lockout.lockout_response"
# The client address is REMOTE_ADDR unless DJANGO_TRUSTED_PROXY_COUNT says how many reverse
# proxies we run in front (each appends to X-Forwarded-For); a client can forge that header, so
# it is never read by default.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "staff.lockout.client_ip_address"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# ------------------------------------------------------------------------------------------------
# Language and time: Chinese by default, English available; Beijing time.
# ------------------------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Staff see Chinese unless they pick English in the switcher; 1 follows the browser's language.
LANGUAGE_FROM_BROWSER = env_bool("LANGUAGE_FROM_BROWSER", False)
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# ------------------------------------------------------------------------------------------------
# Static files (vendored front-end libraries, served by WhiteNoise in production)
# ------------------------------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# ------------------------------------------------------------------------------------------------
# Redis: Celery broker and results, and the cache. Absent: eager tasks and local memory.
# ------------------------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", REDIS_URL or "cache+memory://")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# SEC-9: a request that queues a task after its commit must not hang on a dead broker. A publish
# is retried once and a connect gives up after 2 s (a few seconds in all, not the default
# retries); the caller logs the failure and a periodic job delivers from the row it wrote. The
# worker's own reconnect loop (broker_connection_max_retries) is left as it is.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0.2,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2}
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_TIME_LIMIT = 5 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 60 * 4
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# ------------------------------------------------------------------------------------------------
# E-mail: notifications also go out by e-mail when EMAIL_HOST is set.
# ------------------------------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "front-office@localhost")
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
NOTIFY_BY_EMAIL = env_bool("NOTIFY_BY_EMAIL", bool(EMAIL_HOST))

# ------------------------------------------------------------------------------------------------
# Outbound notices: webhooks and 企业微信/钉钉 robots, delivered from the outbox (staff.outbound).
# Receivers and robots are rows in the admin; these are the links' base and the sender's limits.
# ------------------------------------------------------------------------------------------------
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")  # links in robot messages and webhooks
OUTBOUND_TIMEOUT = env_int("OUTBOUND_TIMEOUT", 10)  # seconds per HTTP attempt
OUTBOUND_RUN_SECONDS = env_int("OUTBOUND_RUN_SECONDS", 120)  # the periodic job's time budget
OUTBOUND_LANGUAGE = env_str("OUTBOUND_LANGUAGE", "zh-hans")  # robot messages and payload labels

# ------------------------------------------------------------------------------------------------
# Forms
# ------------------------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# SEC-5: admin export needs a dedicated `export_<model>` permission; import needs the model's add
# and change permissions (checked with the role table by staff.admin_access.ImportGate).
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"

# ------------------------------------------------------------------------------------------------
# Uploads: every import (time clock, phone system, phone lists, filings, admin imports) refuses a
# file over these limits before parsing it (staff.imports.check_upload), with a message naming the
# limit. A month of clock records for 200 people is ~10,000 rows and well under 1 MB.
# ------------------------------------------------------------------------------------------------
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
UPLOAD_MAX_ROWS = env_int("UPLOAD_MAX_ROWS", 20_000)
# An allowed file is kept in memory; anything larger is streamed to a temporary file, never held
# in memory, and then refused by the check above. (The proxy's body limit, e.g. nginx
# client_max_body_size 6m, stops a huge upload before Django reads it.)
FILE_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES
# The request body other than files (form fields, admin bulk actions): Django's 2.5 MB, stated.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)

# ------------------------------------------------------------------------------------------------
# Integration API (/api/v1/, the api app): API-key authentication only (no session, so no CSRF),
# per-client scopes, IP allow-list and rate (rows in the admin), one error shape. A body over
# API_MAX_BODY_BYTES is refused with 413 (1,000 call records are about 250 KB).
# ------------------------------------------------------------------------------------------------
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", 1024 * 1024)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.access.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.access.IsIntegrationClient"],
    "DEFAULT_THROTTLE_CLASSES": ["api.access.ClientRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Front office integration API",
    "DESCRIPTION": "Leads, hotline calls and time-clock punches from other systems. "
    "Send the key as `Authorization: Api-Key <key>`. See docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "COMPONENT_SPLIT_REQUEST": True,
}

# ------------------------------------------------------------------------------------------------
# Security: production (debug off) passes `manage.py check --deploy`.
# ------------------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

# Content Security Policy (django-csp 4): only this site's own files run, and nothing inline.
# Page scripts live in static/js and read their data from json_script or data attributes; htmx
# is told not to inject its indicator <style> (see base.html and static/css/app.css).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}
