"""Settings for the Ofsted children's services record.

Everything is read from the environment with strict helpers. With no variables
set this is a local development set-up: SQLite, DEBUG on, localhost only.
Set DEBUG=False for production; it then refuses to start without SECRET_KEY
and ALLOWED_HOSTS. See .env.example for every variable.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    value = os.getenv(name, default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name, default):
    value = os.getenv(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name, default=""):
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


def envrate(name, default):
    """A rate limit as django-ratelimit reads it ("30/m": 30 a minute; s, m,
    h, d; "100/5m" for five minutes), or None for "off"."""
    value = os.getenv(name, default).strip().lower()
    if value == "off":
        return None
    if not re.fullmatch(r"[1-9]\d*/\d*[smhd]", value):
        raise ImproperlyConfigured(f"{name} must be a rate such as 30/m or off, not {value!r}")
    return value


DEBUG = envbool("DEBUG", "True")

if DEBUG:
    # Only ever used on a developer's machine: production must set its own.
    SECRET_KEY = os.getenv("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
    ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
else:
    SECRET_KEY = os.getenv("SECRET_KEY", "")
    ALLOWED_HOSTS = envlist("ALLOWED_HOSTS")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random string of 50 or more characters when DEBUG is off."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS must list this site's host names when DEBUG is off."
        )

CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "reversion",
    "axes",
    # The queue of background tasks (large CSV imports), a table in the database.
    "django_tasks_db",
    "core",
    "inspections",
    "people",
    "quotes",
    "quotecheck",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Before anything reads a body: one over the limit is refused unread.
    "core.middleware.RequestSizeLimitMiddleware",
    # Static files are served before anything touches the database, so they
    # still load when it is down.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that reads the database, so a stored page costs one
    # cache read; after the security headers, which it keeps with the page.
    "core.pagecache.PublicPageCacheMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Admin sign-in POSTs beyond ADMIN_LOGIN_RATE_LIMIT get a 429.
    "core.clients.AdminLoginRateLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Counts failed logins and locks out after AXES_FAILURE_LIMIT of them.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# SQLite by default so a clone runs with nothing installed; DATABASE_URL
# (postgres://user:pass@host:5432/name) selects PostgreSQL, as in production.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", "0"),
        # Off, as Django's default: a check is a query on every request,
        # a third of the cost of a page served from the page cache. A
        # connection the database dropped is replaced by the page cache's
        # read (core/pagecache.py) or, elsewhere, after one failed request.
        conn_health_checks=envbool("DATABASE_CONN_HEALTH_CHECKS", "False"),
    )
}
# On PostgreSQL no statement may run longer than this (milliseconds; 0 for
# no limit): a runaway query is cancelled, and the visitor gets the plain
# 503 page, instead of holding a worker and a database process for minutes.
DATABASE_STATEMENT_TIMEOUT_MS = envint("DATABASE_STATEMENT_TIMEOUT_MS", "30000")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}"
        # No JIT compilation: it pays off for long analytic queries, not for
        # pages. The 5,000-row quote export's query is costed high enough to
        # be compiled and optimised, which took 2 s of its 2.2 s.
        " -c jit=off"
    )
# "pages" holds whole public pages (core/pagecache.py). It is a database
# table so that every worker shares it and one publish clears it for all;
# `manage.py createcachetable` (run by `make migrate`) creates it.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "page_cache",
        "OPTIONS": {"MAX_ENTRIES": envint("PAGE_CACHE_MAX_ENTRIES", "5000")},
    },
    # "ratelimit" counts requests for the rate limits (core.clients), in a
    # table every worker shares, so a limit is one limit however many
    # workers there are. Its increment is a read and a write, not atomic: two
    # requests of one client at the same instant may count once, which a
    # limit against abuse can bear. Enough entries for one per client
    # address and limit in any minute; past that Django culls a third of
    # them, which only gives those clients a fresh count.
    "ratelimit": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "rate_limits",
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    },
}
# Admin CSV uploads too large to import inside a request (more than
# inspections.importing.csv.ADMIN_MAX_ROWS rows) are imported by a background
# task. Its queue is a table in the same database (django-tasks-db), so the
# SQLite default needs no other server; `manage.py db_worker` runs the tasks
# (`make run` starts one beside runserver).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# How long a stored page may be served at most (any change to the record
# clears them all sooner). 0 turns the page cache off; off by default while
# developing, so a template edit shows at once.
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", "0" if DEBUG else "600")
# The largest page or export kept, gzipped, in bytes: 5,000 quotes as CSV
# are about 850 KB. Larger exports are streamed afresh each time.
PAGE_CACHE_MAX_BYTES = envint("PAGE_CACHE_MAX_BYTES", str(4 * 1024 * 1024))
# Each process also keeps the pages it served last, up to this many bytes
# (gzipped, and inflated for clients without gzip), and then reads only
# whether they are still current. A 5,000-quote export is 6 MB of both.
PAGE_CACHE_LOCAL_BYTES = envint("PAGE_CACHE_LOCAL_BYTES", str(16 * 1024 * 1024))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files in production. Development and the test
    # suite's live server use plain storage, which needs no collectstatic.
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Fixed when settings load, so the test runner (which turns DEBUG off at run
# time) still serves static files straight from the source folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "admin:login"

# Uploads (report PDFs, CSV files) are read in memory up to this size.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Largest request body accepted, from its declared length, before it is read
# (core.middleware.RequestSizeLimitMiddleware): the admin takes report PDFs
# of up to 20 MB; nothing public needs more than the quote check's 20,000
# characters. The reverse proxy (deploy/nginx/) refuses over 25 MB first.
MAX_ADMIN_REQUEST_BYTES = envint("MAX_ADMIN_REQUEST_BYTES", str(25 * 1024 * 1024))
MAX_PUBLIC_REQUEST_BYTES = envint("MAX_PUBLIC_REQUEST_BYTES", str(256 * 1024))
# Seconds a report PDF may take to read before it is refused as too complex
# (inspections/importing/pdf/text.py); the real reports take at most 1 s.
REPORT_PARSE_SECONDS = envint("REPORT_PARSE_SECONDS", "20")

if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# No inline script or style on public pages; the admin's few inline tags
# carry the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Abuse limits (core.clients). How many reverse proxies (load balancer,
# nginx ...) stand in front of the app and append to X-Forwarded-For: 0 uses
# REMOTE_ADDR; with N, the client is the address the first proxy saw (the
# N-th X-Forwarded-For entry from the right), and anything further left,
# which the client wrote itself, is ignored. Set it to exactly the number of
# proxies: more lets clients choose their own address.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
# Checks one client address may ask for (a POST, or a GET with text), and
# admin sign-in attempts (POSTs to the login page); past them a 429 with
# Retry-After. An IPv6 client is counted by its /64.
QUOTE_CHECK_RATE_LIMIT = envrate("QUOTE_CHECK_RATE_LIMIT", "30/m")
ADMIN_LOGIN_RATE_LIMIT = envrate("ADMIN_LOGIN_RATE_LIMIT", "10/m")
RATELIMIT_USE_CACHE = "ratelimit"

# Admin login: after five failed attempts, lock out for an hour the account
# from that address (for the name of a real account: never everywhere) or,
# for a name that is no account, the address (core.clients.lockout_parameters);
# the address is the client's, behind the proxies too.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = "core.clients.lockout_parameters"
AXES_CLIENT_IP_CALLABLE = "core.clients.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    # Every sign-in is logged at INFO; failures and lock-outs at WARNING.
    "loggers": {"axes": {"level": "WARNING"}},
}
