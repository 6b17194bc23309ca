"""Settings for Tiến Độ, read from environment variables (12-factor).

Every setting that differs between a laptop and production comes from the environment;
`.env.example` lists them. SQLite under `var/` is the zero-set-up default.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SECRET_KEY = "insecure-dev-key-change-me"  # noqa: S105 - refused below outside DEBUG


def env_str(name: str, default: str = "") -> str:
    """A string from NAME, or from the file named by NAME_FILE (Docker/K8s secrets)."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name, "")
    if value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env_str(name, "")
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", DEFAULT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_NAME = env_str("SITE_NAME", "Tiến Độ")
# The public address, for links in e-mails (reminders, digests): e.g. https://tiendo.example.gov.vn
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "auditlog",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "core",
    "accounts",
    "organizations",
    "assignments",
    "onestop",
    "parindex",
    "reports",
    "plans",
    "quality",
    "records",
    "surveys",
    "portal",
]

MIDDLEWARE = [
    "core.middleware.HealthzMiddleware",
    "portal.middleware.PublicHostMiddleware",  # PUBLIC_HOST: the public site at "/" on its own host name
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.AccountPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Axes must be last: it answers locked-out logins itself.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tiendo.urls"
WSGI_APPLICATION = "tiendo.wsgi.application"

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
                "core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'tiendo.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker and the web server write without "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "timeout": 20}
    )
    # The dossier index `dossier_unit_period` keeps extra columns (INCLUDE) on PostgreSQL; SQLite has no INCLUDE
    # and builds the same index on its key columns alone, which is what we want there.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The client address: REMOTE_ADDR, unless it is one of these reverse proxies (addresses or networks,
# comma-separated), in which case the right-most X-Forwarded-For entry that is not a trusted proxy.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Login throttling. Per client address (django-axes): an address that fails AXES_FAILURE_LIMIT times is
# refused for AXES_COOLOFF_MINUTES. Per account (accounts.throttle): after LOGIN_ACCOUNT_FREE_FAILURES
# failures in the window, each attempt on that account waits a growing delay (at most
# LOGIN_ACCOUNT_MAX_DELAY_SECONDS): an attacker can slow a victim down a little, never lock them out.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = False
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "core.net.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
LOGIN_ACCOUNT_FREE_FAILURES = env_int("LOGIN_ACCOUNT_FREE_FAILURES", 5)
LOGIN_ACCOUNT_MAX_DELAY_SECONDS = env_int("LOGIN_ACCOUNT_MAX_DELAY_SECONDS", 60)
LOGIN_ACCOUNT_WINDOW_MINUTES = env_int("LOGIN_ACCOUNT_WINDOW_MINUTES", 15)

# Accounts and sessions (ASVS 5.0 chapters 6-7). TOTP is required for these roles and for administrators
# (superusers, staff); everyone else may turn it on.
MFA_REQUIRED_ROLES = env_list("MFA_REQUIRED_ROLES", "focal_point")
MFA_REQUIRED_FOR_ADMINS = env_bool("MFA_REQUIRED_FOR_ADMINS", True)
MFA_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = env_str("SITE_NAME", "Tiến Độ")
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 15)
SESSION_IDLE_MINUTES_ADMIN = env_int("SESSION_IDLE_MINUTES_ADMIN", 5)
SESSION_ABSOLUTE_HOURS = env_int("SESSION_ABSOLUTE_HOURS", 8)
# Accounts nobody signed in to for this many days are disabled by `manage.py disable_inactive_accounts`.
ACCOUNT_INACTIVE_DAYS = env_int("ACCOUNT_INACTIVE_DAYS", 45)
# Security events (accounts.SecurityEvent) older than this are purged by `manage.py purge_security_events`.
SECURITY_EVENT_RETENTION_DAYS = env_int("SECURITY_EVENT_RETENTION_DAYS", 365)
# API tokens (/api/v1/token/) stop working after this many hours; the client asks for a new one.
API_TOKEN_HOURS = env_int("API_TOKEN_HOURS", 12)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["tiendo.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Largest attachment or import file accepted, in megabytes.
UPLOAD_MAX_MB = env_int("UPLOAD_MAX_MB", 20)
IMPORT_MAX_MB = env_int("IMPORT_MAX_MB", 200)
# Import files larger than this are checked and imported by a task worker, not in the web request.
IMPORT_INLINE_MAX_MB = env_int("IMPORT_INLINE_MAX_MB", 5)
# A background import job with no progress for this long was left by a dead worker: it is marked failed.
IMPORT_JOB_TIMEOUT_MINUTES = env_int("IMPORT_JOB_TIMEOUT_MINUTES", 30)
# Zip-based files (XLSX, DOCX, ODF, ZIP): limits against archive bombs (core.files).
UPLOAD_ZIP_MAX_ENTRIES = env_int("UPLOAD_ZIP_MAX_ENTRIES", 10_000)
UPLOAD_ZIP_MAX_UNCOMPRESSED_MB = env_int("UPLOAD_ZIP_MAX_UNCOMPRESSED_MB", 500)
UPLOAD_ZIP_MAX_RATIO = env_int("UPLOAD_ZIP_MAX_RATIO", 300)
# clamd for a virus scan of every upload: "/run/clamav/clamd.ctl" or "tcp://127.0.0.1:3310"; empty = no scan.
CLAMAV_SOCKET = env_str("CLAMAV_SOCKET", "")

# Files live in object storage in production (S3-compatible, through django-storages);
# uploaded files are never served from a guessable public URL: views check permission first.
_default_storage: dict = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if env_str("S3_BUCKET"):
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "access_key": env_str("S3_ACCESS_KEY"),
            "secret_key": env_str("S3_SECRET_KEY"),
            "querystring_auth": True,
            "default_acl": "private",
        },
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "core.staticfiles.StaticFilesStorage"  # WhiteNoise's manifest storage; see core/staticfiles.py
    },
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "tiendo@localhost")

# Background work: the Django Tasks API. The database backend needs nothing else;
# set TASKS_BACKEND=rq and REDIS_URL to run task workers on Redis.
if env_str("TASKS_BACKEND") == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]  # workers: manage.py rqworker --job-class django_tasks_rq.Job
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL", "redis://127.0.0.1:6379/0")}}
elif env_str("TASKS_BACKEND") == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_HOURS * 3600
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy without 'unsafe-inline' (core.middleware.SecurityHeadersMiddleware): no inline
# <script>, no on…= handlers, no style="" attributes in templates; JS and CSS come from static/tiendo/.
CONTENT_SECURITY_POLICY = env_str(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)
# The API reference page (Swagger UI, drf-spectacular) loads its bundle from a CDN and has inline code: the one
# page with a looser policy. It shows the schema only, never user data.
CONTENT_SECURITY_POLICY_OVERRIDES = {
    "/api/docs/": "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: https://cdn.jsdelivr.net; "
    "object-src 'none'; frame-ancestors 'none'",
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "accounts.authentication.ExpiringTokenAuthentication",  # TokenAuthentication with an expiry
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["core.filters.FilterBackend"],  # django-filter, strict about yes/no values
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tiến Độ API",
    "DESCRIPTION": "API theo dõi cải cách hành chính: đơn vị, nhiệm vụ, một cửa, Chỉ số CCHC.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.document_errors",
    ],
    # Several models have a field named "kind": name each choice set after its class.
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "organizations.choices.UnitKind",
        "ItemKindEnum": "assignments.choices.ItemKind",
        "NotificationKindEnum": "assignments.choices.NotificationKind",
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/semantic.html"
AUDITLOG_INCLUDE_ALL_MODELS = False

# --- Operations: logs, cache, metrics, read replica (docs/deployment.md) ----------------------------

# Logs go to stdout; LOG_FORMAT=json writes one JSON object per line for the log collector.
# LOG_REQUESTS=1 adds one line per request (method, path, status, duration) from core.middleware.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
LOG_REQUESTS = env_bool("LOG_REQUESTS", False)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d %(thread)d",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Security events (logins, failures, lockouts, denials, imports, exports): also kept in the
    # accounts.SecurityEvent table; this logger is for shipping them (JSON lines where configured).
    "loggers": {"tiendo.security": {"level": "INFO"}},
}

# The cache holds figures computed once per import generation (onestop.selectors). Shared between web
# nodes through Redis when CACHE_URL is set (redis://…); otherwise each process keeps its own copy,
# which stays correct because every key names the current generation, read from the database.
if env_str("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("CACHE_URL"),
            "KEY_PREFIX": "tiendo",
            "TIMEOUT": env_int("CACHE_TIMEOUT", 24 * 3600),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": env_int("CACHE_TIMEOUT", 24 * 3600),
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    }

# Prometheus metrics (django-prometheus) at /metrics, for the addresses in METRICS_ALLOWED_IPS or a
# request carrying "Authorization: Bearer <METRICS_TOKEN>". Several gunicorn processes share their
# counters through PROMETHEUS_MULTIPROC_DIR (set by `make serve` and the container image).
INSTALLED_APPS.append("django_prometheus")
MIDDLEWARE.insert(0, "django_prometheus.middleware.PrometheusBeforeMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("axes.middleware.AxesMiddleware"), "django_prometheus.middleware.PrometheusAfterMiddleware"
)
MIDDLEWARE.insert(1, "core.middleware.RequestLogMiddleware")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", "127.0.0.1,::1")
METRICS_TOKEN = env_str("METRICS_TOKEN")
PROMETHEUS_EXPORT_MIGRATIONS = False

# A read replica for dashboards: DATABASE_REPLICA_URL adds the `replica` alias; views marked with
# core.db.use_replica read from it (writes and everything else use `default`).
if env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env_str("DATABASE_REPLICA_URL"), conn_max_age=env_int("DB_CONN_MAX_AGE", 0)
    )
    # Tests run against one database: the replica alias mirrors it.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["core.db.ReplicaRouter"]

# Public site (portal, docs/public.md): an optional host name served the public pages at "/" (also kept in
# ALLOWED_HOSTS), the unit whose site it is (its tree's figures; empty: every unit), the page cache.
PUBLIC_HOST = env_str("PUBLIC_HOST", "")
if PUBLIC_HOST and PUBLIC_HOST not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(PUBLIC_HOST)
PORTAL_ROOT_UNIT = env_str("PORTAL_ROOT_UNIT", "")
PORTAL_CACHE_SECONDS = env_int("PORTAL_CACHE_SECONDS", 300)
PORTAL_LOOKUP_LIMIT = env_int("PORTAL_LOOKUP_LIMIT", 20)
PORTAL_LOOKUP_WINDOW = env_int("PORTAL_LOOKUP_WINDOW", 600)
PORTAL_IMAGE_MAX_MB = env_int("PORTAL_IMAGE_MAX_MB", 5)
