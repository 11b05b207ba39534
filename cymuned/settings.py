"""One settings module; everything that differs between machines comes from the environment.

SQLite under var/ is the default so that a fresh checkout just works; PostgreSQL is chosen with
DATABASE_URL. CYMUNED_DEV=1 (set by `make run`) relaxes what production must state explicitly.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
# Made when the service starts (`cymuned.cli.ensure_var_dir`), not when settings are read.
VAR_DIR = Path(os.environ.get("CYMUNED_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEV_MODE = env_bool("CYMUNED_DEV")
DEBUG = env_bool("DEBUG", DEV_MODE)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEV_MODE:
        raise ImproperlyConfigured("SECRET_KEY must be set unless CYMUNED_DEV=1")
    SECRET_KEY = "cymuned-development-only-key-not-for-production-use-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEV_MODE or DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "simple_history",
    "django_tasks",
    "django_tasks.backends.database",
    "django_prometheus",
    "django_structlog",
    "cymuned.accounts",
    "cymuned.jobs",
    "cymuned.orgs",
    "cymuned.definitions",
    "cymuned.imports",
    "cymuned.translations",
    "cymuned.backups",
    "cymuned.audit",
    "cymuned.portfolio",
    "cymuned.geography",
    "cymuned.finance",
    "cymuned.outcomes",
    "cymuned.indicators",
    "cymuned.risks",
    "cymuned.workforce",
    "cymuned.meetings",
    "cymuned.proposals",
    "cymuned.reports",
    "cymuned.maturity",
    "cymuned.peerreview",
    "cymuned.demo",
]

# Each history table is indexed on (history_date, history_id), the order history is read in
# (cymuned.audit.records), in place of django-simple-history's index on the date alone.
SIMPLE_HISTORY_DATE_INDEX = False

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "cymuned.request_log.RequestLogMiddleware",
    "cymuned.db_routing.ReplicaMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cymuned.edges.NulFreeQueryMiddleware",
    "cymuned.caching.JsonGzipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cymuned.accounts.sessions.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "cymuned.caching.ConditionalCacheMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "cymuned.urls"
WSGI_APPLICATION = "cymuned.wsgi.application"

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
                "django.template.context_processors.i18n",
                "cymuned.navigation.navigation",
                "cymuned.accounts.oidc.sign_in_options",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DEFAULT_SQLITE = f"sqlite:///{VAR_DIR / 'cymuned.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or DEFAULT_SQLITE, conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while an import writes; IMMEDIATE avoids lock upgrades that
    # fail under concurrency.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Measured by `make bench` (docs/scaling.md): JIT compilation costs the portfolio's and the
    # summary's queries more than it saves, so it is off for the service's own connections.
    # Behind PgBouncer in transaction pooling (DATABASE_POOLED=1) no startup options can be sent
    # (set jit for the role instead) and no server-side cursor may outlive a transaction.
    if env_bool("DATABASE_POOLED"):
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    else:
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = os.environ.get("DATABASE_PG_OPTIONS", "-c jit=off")

# Read replicas: one alias per URL; safe requests read there (cymuned.db_routing).
DATABASE_REPLICAS = []
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    alias = f"replica{number}"
    DATABASES[alias] = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if DATABASES[alias]["ENGINE"] == DATABASES["default"]["ENGINE"]:
        DATABASES[alias]["OPTIONS"] = dict(DATABASES["default"].get("OPTIONS", {}))
        DATABASES[alias]["DISABLE_SERVER_SIDE_CURSORS"] = DATABASES["default"].get("DISABLE_SERVER_SIDE_CURSORS", False)
    DATABASES[alias]["TEST"] = {"MIRROR": "default"}
    DATABASE_REPLICAS.append(alias)
DATABASE_ROUTERS = ["cymuned.db_routing.ReplicaRouter"] if DATABASE_REPLICAS else []
# The same engines wrapped by django-prometheus, which counts queries and their time for /metrics.
for _database in DATABASES.values():
    if _database["ENGINE"] in ("django.db.backends.sqlite3", "django.db.backends.postgresql"):
        _database["ENGINE"] = _database["ENGINE"].replace("django.db.backends.", "django_prometheus.db.backends.")
REPLICA_PIN_SECONDS = int(os.environ.get("REPLICA_PIN_SECONDS", "10"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ---------------------------------------------------------------------------
# OpenID Connect (cymuned/accounts/oidc.py) when CYMUNED_OIDC_CLIENT_ID is set; local passwords unless
# CYMUNED_LOCAL_PASSWORDS=off. Endpoints come from the issuer's discovery document unless given one by one.
OIDC_RP_CLIENT_ID = os.environ.get("CYMUNED_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("CYMUNED_OIDC_CLIENT_SECRET", "")
OIDC_OP_ISSUER = os.environ.get("CYMUNED_OIDC_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("CYMUNED_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("CYMUNED_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("CYMUNED_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("CYMUNED_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("CYMUNED_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("CYMUNED_OIDC_SCOPES", "openid email profile")
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_CREATE_USER = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "login"
CYMUNED_OIDC_USERNAME_CLAIM = os.environ.get("CYMUNED_OIDC_USERNAME_CLAIM", "email")
CYMUNED_OIDC_GROUPS_CLAIM = os.environ.get("CYMUNED_OIDC_GROUPS_CLAIM", "")
CYMUNED_OIDC_GROUP_ROLES = os.environ.get("CYMUNED_OIDC_GROUP_ROLES", "")
CYMUNED_LOCAL_PASSWORDS = env_bool("CYMUNED_LOCAL_PASSWORDS", True)
if not (CYMUNED_LOCAL_PASSWORDS or OIDC_RP_CLIENT_ID):
    raise ImproperlyConfigured(
        "CYMUNED_LOCAL_PASSWORDS=off needs OpenID Connect (CYMUNED_OIDC_CLIENT_ID) or no one can sign in"
    )
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    *(["cymuned.accounts.oidc.Backend"] if OIDC_RP_CLIENT_ID else []),
    *(["django.contrib.auth.backends.ModelBackend"] if CYMUNED_LOCAL_PASSWORDS else []),
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Sessions end after CYMUNED_SESSION_IDLE_MINUTES without a request (default 30) and, however
# active, CYMUNED_SESSION_MAX_HOURS after signing in (default 12); the cookie lasts no longer.
CYMUNED_SESSION_IDLE_MINUTES = int(os.environ.get("CYMUNED_SESSION_IDLE_MINUTES", "30"))
CYMUNED_SESSION_MAX_HOURS = int(os.environ.get("CYMUNED_SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = CYMUNED_SESSION_MAX_HOURS * 3600
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# --- Languages --------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("cy", _("Cymraeg"))]
LANGUAGE_COOKIE_NAME = "cymuned_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = PROJECT_DIR / "node_modules"
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [
    BASE_DIR / "static",
    ("nhsuk", NODE_MODULES / "nhsuk-frontend" / "dist" / "nhsuk"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/vega", NODE_MODULES / "vega" / "build"),
    ("vendor/vega-lite", NODE_MODULES / "vega-lite" / "build"),
    ("vendor/vega-embed", NODE_MODULES / "vega-embed" / "build"),
    ("vendor/vega-interpreter", NODE_MODULES / "vega-interpreter" / "build"),
    ("vendor/vega-util", NODE_MODULES / "vega-util" / "build"),
    ("vendor/swagger-ui", NODE_MODULES / "swagger-ui-dist"),
]
STATICFILES_DIRS = [d for d in STATICFILES_DIRS if Path(d if isinstance(d, Path) else d[1]).exists()]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
# Serve front-end packages straight from node_modules unless collectstatic has been run.
WHITENOISE_USE_FINDERS = DEBUG or not STATIC_ROOT.exists()

# --- Email ------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEV_MODE or DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cymuned@localhost")

# --- Security headers -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
if not (DEV_MODE or DEBUG):
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# Load balancers and Prometheus ask over plain http inside the network.
SECURE_SSL_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]

from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # The nonce admits only the import map that lets the browser find vega-util.
        "script-src": [SELF, NONCE],
        # Vega writes inline style attributes on its tooltips and SVG.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        # The NHS.UK design system loads the Frutiger typeface from the NHS's own asset host.
        "font-src": [SELF, "https://assets.nhs.uk"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Logging ----------------------------------------------------------------------------------
# JSON lines in production, text in development (cymuned/structured_logs.py); every record goes through
# one handler whose filter and processors take secrets out of the text.
from cymuned.structured_logs import logging_config  # noqa: E402

LOGGING = logging_config(
    os.environ.get("CYMUNED_LOG_FORMAT", "text" if DEV_MODE or DEBUG else "json"),
    os.environ.get("LOG_LEVEL", "WARNING"),
)
DJANGO_STRUCTLOG_STATUS_START_LOG_LEVEL = 10  # DEBUG: `request_started` only when asked for
DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False  # an address is personal data; the proxy logs it where needed

# --- Metrics ----------------------------------------------------------------------------------
# /metrics (Prometheus) answers a request carrying `Authorization: Bearer CYMUNED_METRICS_TOKEN`, or one
# from an address in CYMUNED_METRICS_ALLOW (comma-separated networks); with neither set it answers 404.
CYMUNED_METRICS_TOKEN = os.environ.get("CYMUNED_METRICS_TOKEN", "")
CYMUNED_METRICS_ALLOW = env_list("CYMUNED_METRICS_ALLOW")


# --- Cache ------------------------------------------------------------------------------------
# Shared between processes: a file cache under var/ by default; CACHE_URL chooses another
# (file:///path, db://table after `cymuned createcachetable`, redis://host:6379/0, locmem://).
def cache_from_url(url: str) -> dict:
    from urllib.parse import urlparse

    parsed = urlparse(url)
    if parsed.scheme == "file":
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": parsed.path}
    if parsed.scheme == "db":
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": parsed.netloc or "cymuned_cache"}
    if parsed.scheme in ("redis", "rediss"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if parsed.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": parsed.netloc or "cymuned"}
    raise ImproperlyConfigured(f"CACHE_URL: unknown scheme {parsed.scheme!r}")


CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL") or f"file://{VAR_DIR / 'cache'}")}
CACHES["default"].setdefault("OPTIONS", {})
if CACHES["default"]["BACKEND"].endswith(("FileBasedCache", "LocMemCache", "DatabaseCache")):
    CACHES["default"]["OPTIONS"].setdefault("MAX_ENTRIES", 2000)
CYMUNED_RESPONSE_CACHE = "default"
CYMUNED_CACHE_SECONDS = int(os.environ.get("CACHE_SECONDS", str(24 * 3600)))

SERIALIZATION_MODULES = {"cymunedjson": "cymuned.backups.serializer"}

# --- Background jobs ----------------------------------------------------------------------------
# django-tasks with its database backend: the queue is a table, so SQLite and PostgreSQL both work and
# nothing else has to run but `cymuned worker` (started by `make run` beside the server).
TASKS = {
    "default": {"BACKEND": os.environ.get("CYMUNED_TASKS_BACKEND", "django_tasks.backends.database.DatabaseBackend")}
}

# A committee paper about more than this many projects monitored in its quarter is written by a worker
# as a background job, not inside the request (cymuned/reports/background.py).
CYMUNED_PAPER_JOB_ABOVE = int(os.environ.get("CYMUNED_PAPER_JOB_ABOVE", "500"))

# --- Cymuned ----------------------------------------------------------------------------------
# Days after its due date that a provider's return link still opens (and the return can be corrected).
CYMUNED_RETURN_GRACE_DAYS = int(os.environ.get("CYMUNED_RETURN_GRACE_DAYS", "14"))
