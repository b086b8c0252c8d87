"""Django settings, read from the environment with safe defaults for the embedded mode.

DATABASE_URL   database (default: SQLite file ./var/openll.sqlite3)
SECRET_KEY     Django secret (default: drawn at first start into var/secret_key, mode 0600)
DEBUG          "1" to enable Django debug pages
ALLOWED_HOSTS  comma-separated host names (default: *)
REDIS_URL      shared cache for several server processes (default: local memory)
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from openll import secret_key

BASE_DIR = Path(os.environ.get("OPENLL_HOME", Path.cwd()))
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = os.environ.get("SECRET_KEY") or secret_key.load_or_create(VAR_DIR)
DEBUG = os.environ.get("DEBUG", "0") == "1"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "*").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "openll.catalog",
    "openll.api",
    "openll.ingest",
    "openll.stats",
    "openll.serving",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Access-Control-Allow-Origin: * on the API routes, preflights answered (not the admin).
    "openll.api.cors.CorsMiddleware",
    # A query with a NUL or bytes that are not UTF-8: a 400 naming the parameter (API routes).
    "openll.api.query.QueryCheckMiddleware",
    # Serves the admin's and the browsable API's CSS and JS from the installed packages, so that
    # `openll serve` needs no web server in front and no collectstatic step.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Failed admin sign-ins counted per client and per user name (openll.login_limit).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "openll.urls"
CSRF_FAILURE_VIEW = "openll.api.errors.forbidden"
WSGI_APPLICATION = "openll.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'openll.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Readers see the last committed state while an import writes (write-ahead log), and are
        # never blocked by it; a second writer waits for the first instead of failing at once.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 30,
        # A writing transaction takes the write lock when it begins: one that began reading and
        # then wrote could otherwise fail with "database is locked" whatever the timeout.
        "transaction_mode": "IMMEDIATE",
    }

REDIS_URL = os.environ.get("REDIS_URL", "")
# Prefix of every key openll writes to Redis (several installations may share one Redis).
OPENLL_REDIS_PREFIX = os.environ.get("OPENLL_REDIS_PREFIX", "openll:")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }


def _env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number >= {minimum}")
    return value


def _env_switch(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "on", "true", "yes"):
        return True
    if raw in ("0", "off", "false", "no"):
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected on or off")


# The response cache in front of the API (openll.serving): on by default; answers are kept in
# Redis when REDIS_URL is set (shared by every process), otherwise in each process's memory.
OPENLL_CACHE = _env_switch("OPENLL_CACHE", True)
OPENLL_CACHE_SIZE_MB = _env_int("OPENLL_CACHE_SIZE_MB", 64, minimum=1)  # memory per process
OPENLL_CACHE_LIFETIME = _env_int("OPENLL_CACHE_LIFETIME", 3600, minimum=1)  # seconds, at most
# Cache-Control max-age of API answers. 0 (the default): clients and caches in between may keep
# an answer but must revalidate it (a cheap 304), so none of them serves one older than the data.
OPENLL_MAX_AGE = _env_int("OPENLL_MAX_AGE", 0)

# Security headers (SecurityMiddleware, XFrameOptionsMiddleware): nosniff, a same-origin
# Referrer-Policy, and no page of openll in a frame.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Behind a proxy that terminates HTTPS and sets X-Forwarded-Proto: OPENLL_HTTPS=on redirects http
# to https (but /health/, for load balancers), marks cookies secure and sends HSTS. With it,
# ALLOWED_HOSTS and DEBUG off, `openll check --deploy` is clean (README "Production").
OPENLL_HTTPS = _env_switch("OPENLL_HTTPS", False)
if OPENLL_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = _env_int("OPENLL_HSTS_SECONDS", 31_536_000, minimum=1)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_switch("OPENLL_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = _env_switch("OPENLL_HSTS_PRELOAD", True)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "openll.login_limit.client_ip"
AXES_LOCKOUT_CALLABLE = "openll.login_limit.locked_out"

USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en-us"
STATIC_URL = "/static/"
# Static files are served from the installed apps by whitenoise; no collectstatic step.
WHITENOISE_USE_FINDERS = True

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": [
        "openll.api.renderers.JSONRenderer",
        "openll.api.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "openll.api.pagination.Pagination",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "openll.api.errors.exception_handler",
    # Off unless OPENLL_THROTTLE is set; counts are kept in Redis (REDIS_URL) or the database.
    "DEFAULT_THROTTLE_CLASSES": ["openll.api.throttling.RateThrottle"],
}

# e.g. "15/hour" as LL2's anonymous limit; "", "0" or "off": no limit (the default). Checked at
# start (openll.api.checks): a bad value stops `openll serve`.
OPENLL_THROTTLE = os.environ.get("OPENLL_THROTTLE", "")
# Reverse proxies in front of openll that append to X-Forwarded-For; 0: the socket is the client.
NUM_PROXIES = os.environ.get("NUM_PROXIES", "0")

SPECTACULAR_SETTINGS = {
    "TITLE": "openll: Launch Library 2 API",
    "VERSION": "2.3.0",
    "DESCRIPTION": (
        "openll serves the Launch Library 2 (LL2) 2.3.0 API. This document is generated from the "
        "routes openll serves; the response schemas are the official LL2 2.3.0 components."
    ),
    # /2.3.0/schema/ and its Swagger UI at /docs/ (openll.api.schema).
    "DEFAULT_GENERATOR_CLASS": "openll.api.schema.SchemaGenerator",
    "SCHEMA_PATH_PREFIX": r"/2\.3\.0",
    "PREPROCESSING_HOOKS": ["openll.api.schema.only_2_3_0_routes"],
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "openll.api.schema.add_official_components",
    ],
    # Swagger UI's and ReDoc's assets come from drf-spectacular-sidecar: no CDN, works offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
