"""Settings for every environment, driven by environment variables.

Defaults are those of production (DEBUG off), so a forgotten variable never exposes debug
pages: ``make run`` turns ``TECHBRIDGE_DEBUG=1`` on explicitly for a development platform on an
embedded SQLite file under ``var/``. Production sets ``TECHBRIDGE_SECRET_KEY``,
``TECHBRIDGE_ALLOWED_HOSTS`` and usually ``DATABASE_URL`` (see README.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from techbridge.config.settings.environment import env_bool, env_int, env_list, env_str
from techbridge.config.settings.storage import storages_from_environment

SRC_DIR = Path(__file__).resolve().parents[3]
BASE_DIR = SRC_DIR.parent
VAR_DIR = Path(env_str("TECHBRIDGE_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("TECHBRIDGE_DEBUG", default=False)

_DEV_SECRET_KEY = "django-insecure-development-only-key-never-used-when-debug-is-off"
SECRET_KEY = env_str("TECHBRIDGE_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "TECHBRIDGE_SECRET_KEY must be set when TECHBRIDGE_DEBUG is off (the default). "
            "For a development installation, use `make run` or set TECHBRIDGE_DEBUG=1."
        )
    SECRET_KEY = _DEV_SECRET_KEY

ALLOWED_HOSTS = env_list(
    "TECHBRIDGE_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("TECHBRIDGE_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # First, so that its admin templates (language switcher) override the defaults.
    "techbridge.core",
    "techbridge.files",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "drf_spectacular",
    # Swagger UI's files, served as static files for the API reference (/api/v1/docs/).
    "drf_spectacular_sidecar",
    "techbridge.accounts",
    "techbridge.programme",
    "techbridge.catalogue",
    "techbridge.facilities",
    "techbridge.matching",
    "techbridge.experts",
    "techbridge.pipeline",
    "techbridge.notifications",
    "techbridge.web",
    "techbridge.api",
]

MIDDLEWARE = [
    # Load-balancer probes (/healthz, /readyz) are answered before anything else.
    "techbridge.web.health.HealthCheckMiddleware",
    "techbridge.core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Serves collected static files (the admin's) efficiently without a separate server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "techbridge.core.middleware.RejectNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "techbridge.web.middleware.TwoFactorRequiredMiddleware",
    "techbridge.web.privacy.PrivacyConsentMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "techbridge.config.urls"
WSGI_APPLICATION = "techbridge.config.wsgi.application"
ASGI_APPLICATION = "techbridge.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "techbridge.notifications.context_processors.notifications",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite: WAL so readers never block the writer, IMMEDIATE transactions so two writers queue on
# the lock instead of failing with "database is locked" on upgrade, foreign keys enforced.
SQLITE_PATH = Path(env_str("TECHBRIDGE_SQLITE_PATH", str(VAR_DIR / "techbridge.sqlite3")))
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": ("PRAGMA foreign_keys=ON;PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"),
}

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            "OPTIONS": dict(SQLITE_OPTIONS),
            # Reuse a connection across requests (opening one per request, with its PRAGMAs,
            # cost a few milliseconds of every page); checked before reuse.
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions: server-side, two weeks at most, renewed on activity, never readable by scripts.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("TECHBRIDGE_SESSION_AGE", 60 * 60 * 24 * 14)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Failed log-ins (the platform's page and both administration sites share them, per account):
# after TECHBRIDGE_LOGIN_MAX_FAILURES failures within TECHBRIDGE_LOGIN_WINDOW_MINUTES, the
# account accepts no password, not even the right one, for TECHBRIDGE_LOGIN_LOCK_MINUTES from
# the last of them (see techbridge.accounts.throttle).
TECHBRIDGE_LOGIN_MAX_FAILURES = env_int("TECHBRIDGE_LOGIN_MAX_FAILURES", 5)
TECHBRIDGE_LOGIN_WINDOW_MINUTES = env_int("TECHBRIDGE_LOGIN_WINDOW_MINUTES", 30)
TECHBRIDGE_LOGIN_LOCK_MINUTES = env_int(
    "TECHBRIDGE_LOGIN_LOCK_MINUTES", TECHBRIDGE_LOGIN_WINDOW_MINUTES
)
if (
    min(
        TECHBRIDGE_LOGIN_MAX_FAILURES,
        TECHBRIDGE_LOGIN_WINDOW_MINUTES,
        TECHBRIDGE_LOGIN_LOCK_MINUTES,
    )
    < 1
):
    raise ImproperlyConfigured(
        "TECHBRIDGE_LOGIN_MAX_FAILURES, TECHBRIDGE_LOGIN_WINDOW_MINUTES and "
        "TECHBRIDGE_LOGIN_LOCK_MINUTES must be at least 1."
    )

# --- Uploads ----------------------------------------------------------------------------------
# Documents (NDAs, agreements) are at most 20 MB; anything larger streams to disk and is
# rejected by the form that receives it. Request bodies outside files stay small.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
TECHBRIDGE_MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640
# Uploads (alias "default") and deal documents (alias "private") go through STORAGES: in the
# shared database unless TECHBRIDGE_STORAGE=s3 (see techbridge/config/settings/storage.py), so
# any node serves any document. Nothing is served from MEDIA_URL: downloads go through views
# that authorise the reader.
STORAGES = storages_from_environment()
MEDIA_ROOT = VAR_DIR / "uploads"
# Where earlier versions kept deal documents on the node's disk; the files app's migration
# copies what it finds there into the database storage.
PRIVATE_UPLOAD_ROOT = VAR_DIR / "private"
MEDIA_URL = "/media/"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# `make run` fills it with collectstatic; created here so a fresh checkout starts cleanly.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# --- Languages --------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hant", _("Traditional Chinese")),
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Hong_Kong"
USE_TZ = True
# Dates, times and numbers per language: techbridge/config/formats/<locale>/formats.py over
# Django's own. Numbers are grouped ("4,200.00"); ids, years and other raw numbers printed into
# URLs, form values or attributes go through |unlocalize (or {% localize off %}).
FORMAT_MODULE_PATH = ["techbridge.config.formats"]
USE_THOUSAND_SEPARATOR = True
NUMBER_GROUPING = 3

# --- Search ------------------------------------------------------------------------------
SEARCH_INDEX_DIR = Path(env_str("TECHBRIDGE_INDEX_DIR", str(VAR_DIR / "index")))
# A node whose follower has not been heard from for this long no longer holds back the pruning
# of the search change log; when it returns, it rebuilds its index from a snapshot.
TECHBRIDGE_INDEX_NODE_SILENCE = env_int("TECHBRIDGE_INDEX_NODE_SILENCE", 24 * 60 * 60)
# /readyz answers 503 while this node's index is more than this many changes, or this many
# seconds, behind the change log (a load balancer then sends it no traffic).
TECHBRIDGE_READY_MAX_LAG_CHANGES = env_int("TECHBRIDGE_READY_MAX_LAG_CHANGES", 500)
TECHBRIDGE_READY_MAX_LAG_SECONDS = env_int("TECHBRIDGE_READY_MAX_LAG_SECONDS", 10)

# --- Background tasks -------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "ENQUEUE_ON_COMMIT": True,
    }
}

# Background processes (task workers, schedulers, index followers) write a heartbeat row every
# TECHBRIDGE_HEARTBEAT_SECONDS. One silent for TECHBRIDGE_HEARTBEAT_TIMEOUT seconds counts as
# dead: the tasks its worker was running are marked failed and retried once, and readiness no
# longer counts it. Rows silent for TECHBRIDGE_HEARTBEAT_FORGET_AFTER seconds are deleted.
TECHBRIDGE_HEARTBEAT_SECONDS = env_int("TECHBRIDGE_HEARTBEAT_SECONDS", 5)
TECHBRIDGE_HEARTBEAT_TIMEOUT = env_int("TECHBRIDGE_HEARTBEAT_TIMEOUT", 60)
TECHBRIDGE_HEARTBEAT_FORGET_AFTER = env_int("TECHBRIDGE_HEARTBEAT_FORGET_AFTER", 24 * 60 * 60)
if TECHBRIDGE_HEARTBEAT_TIMEOUT < 2 * TECHBRIDGE_HEARTBEAT_SECONDS:
    # A live worker would be declared dead between two beats and its tasks run twice.
    raise ImproperlyConfigured(
        "TECHBRIDGE_HEARTBEAT_TIMEOUT must be at least twice TECHBRIDGE_HEARTBEAT_SECONDS."
    )
# How often each worker looks for tasks abandoned by dead workers.
TECHBRIDGE_TASK_RECOVERY_SECONDS = env_int("TECHBRIDGE_TASK_RECOVERY_SECONDS", 30)
# Finished task results (successful or failed) are deleted after this many days.
TECHBRIDGE_TASK_RESULT_DAYS = env_int("TECHBRIDGE_TASK_RESULT_DAYS", 14)

# --- Mail -------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "TECHBRIDGE_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("TECHBRIDGE_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("TECHBRIDGE_EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("TECHBRIDGE_FROM_EMAIL", "techbridge <no-reply@localhost>")
# The platform's public address, for the absolute links in e-mails (notifications, their
# one-click unsubscribe): e-mails are sent by the task worker, which has no request to ask.
TECHBRIDGE_SITE_URL = env_str(
    "TECHBRIDGE_SITE_URL", "http://127.0.0.1:8000" if DEBUG else "https://localhost"
)

# --- Security ---------------------------------------------------------------------------------
# Production runs behind TLS; these become strict as soon as DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("TECHBRIDGE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("TECHBRIDGE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("TECHBRIDGE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("TECHBRIDGE_BEHIND_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("TECHBRIDGE_LOG_LEVEL", "INFO")},
}

# --- Listing lifecycle (Enterprise Europe Network rules) ---------------------------------------
LISTING_VALIDITY_DAYS = 365
LISTING_MAX_AGE_DAYS = 730
LISTING_EXPIRY_NOTICE_DAYS = 14

# --- Cache and rate limits -----------------------------------------------------------------
# REDIS_URL (e.g. redis://cache.internal:6379/0) puts the cache on Redis, shared by every node,
# and with it the API rate-limit counters (see techbridge.core.ratelimit). Without it the cache
# is a database table, sized deliberately: Django's default of 300 entries would start culling
# (evicting live entries) as soon as a few hundred clients are active. It holds up to 100 000
# entries; when full, expired entries go first, then a tenth of the rest (CULL_FREQUENCY 10,
# instead of the default third). Rate-limit counters are never in that table: without Redis
# they are core.RateCounter rows, incremented atomically and deleted only once expired.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("TECHBRIDGE_CACHE_PREFIX", "techbridge"),
            # A stalled Redis fails a request after two seconds instead of holding a worker.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "techbridge_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000, "CULL_FREQUENCY": 10},
        }
    }


def _api_rate(name: str, default: str) -> str:
    """An API rate as DRF reads it, "<requests>/<period>", checked at start-up."""
    rate = env_str(name, default).strip()
    if not re.fullmatch(r"[0-9]+/(s|sec|second|m|min|minute|h|hour|d|day)", rate):
        raise ImproperlyConfigured(f"{name} must look like 100/min, got {rate!r}")
    return rate


# --- REST API ---------------------------------------------------------------------------------
# Personal API tokens stop working this many days after they are created.
TECHBRIDGE_API_TOKEN_DAYS = env_int("TECHBRIDGE_API_TOKEN_DAYS", 90)
if TECHBRIDGE_API_TOKEN_DAYS < 1:
    raise ImproperlyConfigured("TECHBRIDGE_API_TOKEN_DAYS must be at least 1.")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "techbridge.api.tokens.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["techbridge.api.parsers.NulFreeJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "techbridge.api.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 20,
    # Counted atomically (techbridge.core.ratelimit), so concurrent requests cannot overrun
    # a limit the way DRF's read-modify-write of a request history can.
    "DEFAULT_THROTTLE_CLASSES": [
        "techbridge.api.throttles.AnonRateThrottle",
        "techbridge.api.throttles.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": _api_rate("TECHBRIDGE_API_RATE_ANON", "100/min"),
        "user": _api_rate("TECHBRIDGE_API_RATE_USER", "200/min"),
    },
    # Clients are told apart by address. X-Forwarded-For is believed only from the one proxy
    # the platform sits behind; otherwise any client could name a fresh address per request.
    "NUM_PROXIES": 1 if env_bool("TECHBRIDGE_BEHIND_PROXY", default=False) else 0,
    "EXCEPTION_HANDLER": "techbridge.api.errors.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "techbridge API",
    "DESCRIPTION": "Hong Kong–Chongqing technology cooperation platform, REST API v1.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "DisclosureTierEnum": "techbridge.catalogue.choices.DisclosureTier",
        "BookingStatusEnum": "techbridge.facilities.models.BookingStatus",
        "ItemStatusEnum": "techbridge.programme.models.CooperationItem.Status",
        "MilestoneStatusEnum": "techbridge.programme.models.Milestone.Status",
        "IPRightTypeEnum": "techbridge.catalogue.choices.IPRightType",
        "IPTerritoryEnum": "techbridge.catalogue.choices.IPTerritory",
        "IPRightStatusEnum": "techbridge.catalogue.choices.IPRightStatus",
        "MatchStrengthEnum": "techbridge.matching.models.MatchStrength",
    },
    # The reference page (/api/v1/docs/) loads Swagger UI from the platform's static files.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Second factor (TOTP) for staff, secretariat and facility managers.
OTP_TOTP_ISSUER = "techbridge"

# Personal data (PDPO, PIPL): the privacy notice's version (a new version is consented to
# again at the next log-in) and where the deployment stores and processes personal data, as
# the notice states it.
TECHBRIDGE_PRIVACY_NOTICE_VERSION = env_str("TECHBRIDGE_PRIVACY_NOTICE_VERSION", "2026-12-05")
TECHBRIDGE_DATA_LOCATION = env_str("TECHBRIDGE_DATA_LOCATION", "Hong Kong")
# Retention: a sign-up never confirmed by its e-mail link is erased after this many days;
# failed log-ins and password-reset requests (kept to limit guessing) are deleted after these.
TECHBRIDGE_RETENTION_UNCONFIRMED_DAYS = env_int("TECHBRIDGE_RETENTION_UNCONFIRMED_DAYS", 30)
TECHBRIDGE_RETENTION_ACCESS_ATTEMPT_DAYS = env_int("TECHBRIDGE_RETENTION_ACCESS_ATTEMPT_DAYS", 90)

# Listing imports (CSV, XLSX, JSON): the largest upload, an XLSX's largest unpacked size, the
# time budget for reading one file, and the row count above which the task worker imports it.
TECHBRIDGE_IMPORT_MAX_BYTES = env_int("TECHBRIDGE_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
TECHBRIDGE_IMPORT_MAX_UNPACKED_BYTES = env_int(
    "TECHBRIDGE_IMPORT_MAX_UNPACKED_BYTES", 50 * 1024 * 1024
)
TECHBRIDGE_IMPORT_PARSE_SECONDS = env_int("TECHBRIDGE_IMPORT_PARSE_SECONDS", 30)
TECHBRIDGE_IMPORT_SYNC_ROWS = env_int("TECHBRIDGE_IMPORT_SYNC_ROWS", 200)
