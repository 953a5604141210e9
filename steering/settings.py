"""Settings for the Resolution 57 steering-committee portal.

Everything that differs between machines comes from the environment. With neither
``DATABASE_URL`` nor ``REDIS_URL`` set the portal runs on the embedded default: a SQLite
file and Celery tasks executed eagerly in-process, so a newcomer needs no servers.
"""

import os
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean; a value that is not clearly true or false is a configuration error."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_secret(name: str) -> str:
    """A secret from ``NAME`` or from the file named by ``NAME_FILE`` (Docker secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return env_str(name)


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off. For development set DEBUG=1 "
            "(`make demo` does), in production set SECRET_KEY or SECRET_KEY_FILE."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "steering.admin_site.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "import_export",
    "simple_history",
    "axes",
    "csp",
    "steering",
    "tasks",
    "communes",
    "reports",
    "jobs",
    "notifications",
    "ops",
    "apitokens",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy and Permissions-Policy on every answer (common/security.py).
    "common.security.SecurityHeadersMiddleware",
    # One log line per request (static files excepted), with user, status and duration.
    "ops.middleware.RequestLogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Vietnamese unless the user chose English (not Accept-Language): common/language.py.
    "common.language.LanguageMiddleware",
    # 413 from Content-Length, before CsrfViewMiddleware reads the body.
    "common.security.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A 503 page (JSON under /api/) while the database is down; loads the user before
    # LoginRequiredMiddleware so a failure there is answered too.
    "ops.middleware.DatabaseUnavailableMiddleware",
    # Every page requires login unless its view is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Cache-Control: no-store on downloads and on signed-in users' pages.
    "common.security.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a locked-out login into the lock-out page; django-axes wants it last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "steering.urls"
WSGI_APPLICATION = "steering.wsgi.application"

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
                "steering.context_processors.capabilities",
                "steering.context_processors.queues",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# Persistent connections with health checks: about 3x the throughput of a new connection
# per request on PostgreSQL, and a dropped connection is replaced instead of erroring.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("CONN_MAX_AGE", 600),
            conn_health_checks=True,
        )
    }
    # The register's category expression makes the planner's cost estimate high enough to
    # switch on JIT, which then spends 0.3-0.8 s compiling queries that run in 10-40 ms
    # (bench/RESULTS.md). Short OLTP queries never gain from JIT.
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
        # An unreachable server fails the request (503) within seconds instead of hanging.
        DATABASES["default"]["OPTIONS"]["connect_timeout"] = env_int("DB_CONNECT_TIMEOUT", 5)
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": Path(env_str("SQLITE_PATH", str(BASE_DIR / "var" / "db.sqlite3"))),
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery broker and cache ---------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = None
    CELERY_TASK_ALWAYS_EAGER = False
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A hung Redis must not hold a web worker: fail within seconds instead.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    # Embedded default: jobs run in the web process, which is fine for a demo.
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# --- Long jobs (jobs/services.py): reports and large imports ---------------------------
# The sweep runs this often; /readyz wants a worker seen within three intervals.
JOB_SWEEP_SECONDS = env_int("JOB_SWEEP_SECONDS", 30)
# A running job beats this often; one silent for JOB_STALE_SECONDS has lost its worker.
JOB_HEARTBEAT_SECONDS = env_int("JOB_HEARTBEAT_SECONDS", 5)
JOB_STALE_SECONDS = env_int("JOB_STALE_SECONDS", 45)
# A queued job the broker has not taken (or lost) this long after its send is sent again.
JOB_RESEND_SECONDS = env_int("JOB_RESEND_SECONDS", 60)
# The bench's largest report takes well under a minute, its 5,000-row import about two.
JOB_SOFT_TIME_LIMIT = 10 * 60
JOB_TIME_LIMIT = JOB_SOFT_TIME_LIMIT + 60
CELERY_TASK_SOFT_TIME_LIMIT = JOB_SOFT_TIME_LIMIT
CELERY_TASK_TIME_LIMIT = JOB_TIME_LIMIT
# Sends fail within seconds when Redis is down or hung (the job stays queued and the sweep
# sends it again) instead of holding the request; an unacknowledged message comes back only
# after the longest job could have finished.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 3,
    "socket_timeout": 5,
    "visibility_timeout": JOB_TIME_LIMIT + 5 * 60,
}
# Days after its deadline that open lead work is escalated (tasks.followup.escalations_send).
ESCALATE_AFTER_DAYS = env_int("ESCALATE_AFTER_DAYS", 14)
CELERY_BEAT_SCHEDULE: dict = {
    # The day after each quarter and half-year ends: that period's reports (reports/jobs.py).
    "period-end-reports": {
        "task": "reports.jobs.period_end_reports",
        "schedule": crontab(minute=0, hour=6, day_of_month=1, month_of_year="1,4,7,10"),
    },
    # Requeues or fails the jobs of dead workers, sends again those the queue refused or lost.
    "jobs-sweep": {"task": "jobs.jobs.jobs_sweep", "schedule": JOB_SWEEP_SECONDS},
    # Delivers the notifications a down queue left undelivered (notifications/services.py).
    "notifications-pending": {"task": "notifications.jobs.deliver_pending", "schedule": 60},
    # Every morning: lead work overdue for more than ESCALATE_AFTER_DAYS goes to the member
    # responsible for the agency and to the secretariat, once (tasks/followup.py).
    "task-escalations": {
        "task": "tasks.jobs.send_escalations",
        "schedule": crontab(minute=15, hour=7),
    },
    # Monday mornings: the week's digest to the secretariat and leaders, once per ISO week.
    "weekly-digest": {
        "task": "tasks.jobs.send_weekly_digest",
        "schedule": crontab(minute=30, hour=7, day_of_week="mon"),
    },
    # Working-day mornings: each agency's overdue and due-soon work (tasks/reminders.py).
    "task-reminders": {
        "task": "tasks.jobs.send_reminders",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon-fri"),
    },
}

# --- Email (reminders, report notices) ------------------------------------------------
# Without EMAIL_HOST mail is written to the console log, which suits the demo.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = 20
# The committee the login page names; by default the one committee at the top of the tree.
PORTAL_OWNER = env_str("PORTAL_OWNER")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Cong thong tin NQ57 <no-reply@localhost>")
# Who gets an e-mail with the traceback of each server error (500), when EMAIL_HOST is set:
# ADMINS="Nguyen Van A <a@example.gov.vn>, b@example.gov.vn".
ADMINS = [(name, address) for name, address in getaddresses([env_str("ADMINS")]) if "@" in address]
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Links in emails point here.
PORTAL_URL = env_str("PORTAL_URL", "http://127.0.0.1:8000")

# --- Authentication -------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out attempts first
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# dd/mm/yyyy in both languages (steering/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["steering.formats"]

# --- Static and uploaded files --------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Evidence files are private: they live outside any served directory and are only
# streamed by views that check permissions first.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Upload limits, in whole MB. One file (evidence, quotation, annex) may be
# UPLOAD_MAX_FILE_MB; one request (a form with several files) UPLOAD_MAX_REQUEST_MB. A larger
# Content-Length is answered 413 before the body is read (common.security), an annex upload
# above one file's size and an API call above DATA_UPLOAD_MAX_MEMORY_SIZE too.
UPLOAD_MAX_FILE_BYTES = env_int("UPLOAD_MAX_FILE_MB", 10) * 1024 * 1024
UPLOAD_MAX_REQUEST_BYTES = env_int("UPLOAD_MAX_REQUEST_MB", 50) * 1024 * 1024
# Form fields and JSON bodies (everything but files) are held in memory up to this size;
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# files above this go to a temporary file, not memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Security -------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Joining the browsers' HSTS preload list binds the registrable domain (example.gov.vn) and
# all its subdomains: the domain owner's decision, not this portal's. SECURE_HSTS_PRELOAD=1
# sends the directive once they made it; until then its deploy-check warning is silenced.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = 8 * 60 * 60
SECURE_REFERRER_POLICY = "same-origin"
# Behind this many reverse proxies the client's address is read from X-Forwarded-For
# (common.security.client_ip); 0: REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Login throttling (django-axes), on the login form, the admin's and API Basic auth: after
# LOGIN_FAILURE_LIMIT wrong passwords for one username from one address, that pair is locked
# for LOGIN_LOCKOUT_MINUTES (the right password too), answered 429 with a message. Locking
# the pair, not the username alone, means an attacker cannot lock a colleague out by
# guessing their password, and not the address alone, because a whole department often
# shares one address behind its NAT. A slow guess from many addresses is left to the
# password validators. Administrators unlock early in the admin (Access attempts).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Failures are kept (they drive the lock-out); successful logins are in the request log already,
# and a row per login would grow without limit.
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "common.security.client_ip"
AXES_LOCKOUT_CALLABLE = "common.security.lockout_response"

# Content-Security-Policy (django-csp): scripts and style sheets only from the portal's own
# static files, no inline <script> or event handlers and no eval (htmx's is switched off in
# base.html). Style *attributes* stay allowed: server-rendered widths of progress bars and
# charts use them, and they can neither run script nor read the page. The admin's pages also
# allow <style> elements (common.security.SecurityHeadersMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],  # Bootstrap draws its icons as data: SVG
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# django-filter's blank choice: "All" rather than "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("All")

# --- REST API -------------------------------------------------------------------------
# The REST API (/api/v1/): personal access tokens (apitokens/), the signed-in session, and
# HTTP Basic only where API_BASIC_AUTH is set (it hashes the password on every request, ~200 ms).
API_BASIC_AUTH = env_bool("API_BASIC_AUTH", False)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "apitokens.authentication.TokenAuthentication",  # first: anonymous gets 401, not 403
        "rest_framework.authentication.SessionAuthentication",
        "common.security.BasicAuthentication",  # only if API_BASIC_AUTH; "locked out" when it is
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "steering.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "common.api.schema.AutoSchema",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "common.security.SignedInBrowsableAPI",
    "EXCEPTION_HANDLER": "common.api.errors.exception_handler",
    # Per user (whatever the credentials) and per token: 429 with Retry-After beyond.
    "DEFAULT_THROTTLE_CLASSES": [
        "common.api.throttling.BurstRateThrottle",
        "common.api.throttling.UserRateThrottle",
        "common.api.throttling.TokenRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "burst": env_str("API_RATE_BURST", "60/s"),
        "user": env_str("API_RATE_USER", "600/min"),
        "token": env_str("API_RATE_TOKEN", "600/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Resolution 57 portal API",
    "VERSION": "1",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Separate input and output components (read-only fields, file uploads).
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "common.api.schema.state_the_rules",
    ],
    # Swagger UI's files served from the static files (drf-spectacular-sidecar), no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Two apps have a "status": name each choice set once in the schema.
    "ENUM_NAME_OVERRIDES": {
        "TaskStatusEnum": "tasks.status.Status",
        "RequestStatusEnum": "communes.workflow.Status",
        "AssignmentRoleEnum": "tasks.models.Assignment.Role",
        "MemberRoleEnum": "steering.models.Member.Role",
        "TaskLevelEnum": "tasks.models.Level",
        "CommitteeLevelEnum": "steering.models.Committee.Level",
        "TimelinessCategoryEnum": "tasks.status.Category",
        "LineItemCategoryEnum": "communes.models.LineItem.Category",
        "AgencyGroupEnum": "tasks.groups.AgencyGroup",
    },
}

# Everything goes to the console (the container log). ``portal.request`` writes one
# key=value line per request (ops/middleware.py); server errors are also e-mailed to ADMINS.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "portal.request": {"level": env_str("REQUEST_LOG_LEVEL", "INFO")},
        "django.request": {"handlers": ["mail_admins"] if EMAIL_HOST and ADMINS else []},
        # WeasyPrint logs every rendering step at INFO; its warnings and errors still come.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
