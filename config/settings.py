"""esflow settings: one module, everything from the environment with safe local defaults.

Production is simply ``DJANGO_DEBUG`` off: then a secret key and a host list are required,
cookies are secure and static files are served from a hashed manifest.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("ESFLOW_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. It is required when DJANGO_DEBUG is off: "
            "set it to a long random value (e.g. python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = "local-development-key-not-for-production-use-0123456789abcdef"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if not DEBUG else "127.0.0.1,localhost")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set. It is required when DJANGO_DEBUG is off: "
        "a comma-separated list of the host names esflow is served under."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The demo (`./esflow run`) runs as production does, DEBUG off, so that a visitor meets the
# project's own error pages and never Django's debug pages (which list every URL and show
# tracebacks); but it is served over plain HTTP on this machine only. ESFLOW_LOCAL_HTTP says
# so: no redirect to HTTPS, no HSTS, cookies without the Secure flag. It is refused unless
# every allowed host is this machine, so it cannot weaken a site served to others.
LOCAL_HTTP = env_bool("ESFLOW_LOCAL_HTTP", False)
if LOCAL_HTTP and not set(ALLOWED_HOSTS) <= {"127.0.0.1", "localhost", "[::1]"}:
    raise ImproperlyConfigured(
        "ESFLOW_LOCAL_HTTP is only for a demo on this machine: DJANGO_ALLOWED_HOSTS may then "
        "name only 127.0.0.1, localhost and [::1]."
    )

# The region this instance serves: its TERYT voivodeship code (26 = świętokrzyskie).
ESFLOW_REGION = os.environ.get("ESFLOW_REGION", "26")
ESFLOW_SITE_NAME = os.environ.get("ESFLOW_SITE_NAME", "esflow")
ESFLOW_BASE_URL = os.environ.get("ESFLOW_BASE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "guardian",
    "django_tasks",
    "django_tasks_db",
    "accounts",
    "directory",
    "workflows",
    "documents",
    "casework",
    "casework.kinds.advisory",
    "casework.kinds.practice",
    "casework.kinds.agreement",
    "events",
    "committee",
    "portal",
    "reports",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
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
                "config.context_processors.site",
                "casework.context_processors.notifications",
                "portal.navigation.navigation",
            ],
        },
    }
]

# Database: SQLite in var/ by default, PostgreSQL (or any) through DATABASE_URL.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'esflow.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at the
    # start of every transaction, so two writers queue (busy timeout) instead of deadlocking.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-esflow.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

# Brute-force lockout: a username is locked only together with the IP it was tried from.
AXES_FAILURE_LIMIT = int(os.environ.get("ESFLOW_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("ESFLOW_LOGIN_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Our login form field is "username" (holding the e-mail), not the model's USERNAME_FIELD.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.lockout.username_of"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("ESFLOW_PROXY_COUNT", "0")) or None

GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None  # no guardian anonymous user: the public gets nothing by grant

# The API (api/): tokens or the session authenticate; anonymous readers are throttled per
# address, token holders per user (api/throttling.py reads these rates on every request).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonThrottle", "api.throttling.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/min", "user": "600/min"},
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "api.problems.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "esflow API",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The <id:…> converter (accounts/converters.py): a positive bigint.
    "PATH_CONVERTER_OVERRIDES": {
        "id": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_problem_responses",
    ],
}

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", "Polski"), ("en", "English")]
TIME_ZONE = "Europe/Warsaw"
# Our own date and number formats (Polish office style, British English): config/formats/.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
# Each app keeps its own catalogue (listed first so makemessages files its strings there);
# the project-level one holds the strings of templates/ and config/.
_APPS_WITH_LOCALE = ["accounts", "directory", "workflows", "documents", "casework", "portal"]
LOCALE_PATHS = [BASE_DIR / app / "locale" for app in _APPS_WITH_LOCALE] + [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Media is never served by URL: every file goes through a permission-checked view. No route
# serves this prefix; it is set only because Django's test live server needs a string here.
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or LOCAL_HTTP
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# The local demo serves static files with WhiteNoise straight from the apps' folders: no
# collectstatic step (nor its compression) before each start.
WHITENOISE_USE_FINDERS = DEBUG or LOCAL_HTTP
# Source maps (megabytes, in the API documentation's Swagger UI files) are fetched only by a
# browser's developer tools: compressing them would double collectstatic's time for nothing.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_URL = os.environ.get("EMAIL_URL", "console://")
_email = dj_email_url.parse(EMAIL_URL)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
if EMAIL_URL.startswith("file://"):
    # file:///abs/dir or file://dir/under/the/project: Django's file backend, one file per
    # connection in that directory (`make run` puts the demo's e-mails in var/log/mail/).
    # Read here, not from dj-email-url, which drops the leading "/" of an absolute path.
    EMAIL_FILE_PATH = BASE_DIR / EMAIL_URL.removeprefix("file://")
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "esflow <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": os.environ.get("ESFLOW_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Content Security Policy: no inline script or style, nothing from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_TLS_PROXY", False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG and not LOCAL_HTTP:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Nothing personal in logs: requests are logged by the web server, errors without bodies.
# Every line carries its time with the UTC offset, in TIME_ZONE (Django sets the process's TZ
# to it), so the lines of all processes read alike. ESFLOW_LOG_FILE sends the log to that file
# (`make run` does: the worker's task lines stay out of the terminal) and keeps only warnings
# and the web server's request lines on the console.
LOG_FILE = os.environ.get("ESFLOW_LOG_FILE", "")
LOG_DATE_FORMAT = "%Y-%m-%d %H:%M:%S%z"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "timestamped": {
            "format": "{asctime} {levelname} {name} [{process}] {message}",
            "style": "{",
            "datefmt": LOG_DATE_FORMAT,
        },
        # runserver's request lines: its own time stamp has neither offset nor zone.
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "{asctime} {message}",
            "style": "{",
            "datefmt": LOG_DATE_FORMAT,
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "timestamped",
            "level": "WARNING" if LOG_FILE else "NOTSET",
        },
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # django-axes logs every sign-in at INFO; lockouts come at WARNING.
        "axes": {"level": "WARNING"},
    },
}
if LOG_FILE:
    Path(LOG_FILE).parent.mkdir(parents=True, exist_ok=True)
    LOGGING["handlers"]["file"] = {
        # Watched: a rotated file is reopened; each process appends whole lines.
        "class": "logging.handlers.WatchedFileHandler",
        "filename": LOG_FILE,
        "formatter": "timestamped",
        "encoding": "utf-8",
    }
    LOGGING["root"]["handlers"].append("file")

# `manage.py demo` runs these in order; each is idempotent and prints what it made.
ESFLOW_DEMO_LOADERS = [
    "directory.demo.load",
    "directory.demo_registry.load",
    "casework.kinds.advisory.demo.load",
    "casework.kinds.advisory.demo_queues.load",
    "casework.kinds.practice.demo.load",
    "casework.kinds.agreement.demo.load",
    "events.demo.load",
    "committee.demo.load",
]

# Events: participants' personal data are erased this many days after an event's last session
# (events.services.participants_erase_expired, run by tick); the counts stay.
ESFLOW_EVENTS_RETENTION_DAYS = int(os.environ.get("ESFLOW_EVENTS_RETENTION_DAYS", "365"))
# Confirmed participants are reminded once, this many hours before the first session.
ESFLOW_EVENTS_REMINDER_HOURS = int(os.environ.get("ESFLOW_EVENTS_REMINDER_HOURS", "48"))
# Partnership agreements: the parties sign an approved version within this many days (the
# representatives of parties still to sign are reminded a week before).
ESFLOW_AGREEMENT_SIGNING_DAYS = int(os.environ.get("ESFLOW_AGREEMENT_SIGNING_DAYS", "30"))

# How each case kind's items in approval are decided (casework.registry.approval_mode_of):
# "single_member" (one committee member, four-eyes) or "resolution" (a resolution of the
# committee, committee/). The committee's regulamin decides this, so a deployment sets it here
# (e.g. ESFLOW_APPROVAL_MODES="advisory=resolution,practice=resolution"); a kind not named
# keeps the mode it registers.
# A pair without "=" is kept with no mode, for the system check to name it (casework.E002).
ESFLOW_APPROVAL_MODES = dict(
    pair.partition("=")[::2]
    for pair in os.environ.get("ESFLOW_APPROVAL_MODES", "").replace(" ", "").split(",")
    if pair
)
# Hours before a circular procedure's deadline at which members who have not voted are
# reminded.
ESFLOW_COMMITTEE_REMINDER_HOURS = int(os.environ.get("ESFLOW_COMMITTEE_REMINDER_HOURS", "24"))
# Below this average of its reviewers' scores (1-5) a good practice cannot go for approval.
ESFLOW_PRACTICE_MIN_AVERAGE = os.environ.get("ESFLOW_PRACTICE_MIN_AVERAGE", "3.00")
# Seconds the public indicators page keeps a period's figures (reports.views.public_results).
ESFLOW_INDICATORS_CACHE_SECONDS = int(os.environ.get("ESFLOW_INDICATORS_CACHE_SECONDS", "900"))
# The licence of the open data (the API's datasets, the indicators' dump): name and address.
ESFLOW_OPEN_DATA_LICENCE = (
    os.environ.get("ESFLOW_OPEN_DATA_LICENCE_NAME", "CC BY 4.0"),
    os.environ.get("ESFLOW_OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"),
)

# Personal data (accounts.services): each app adds what it holds about a person.
ESFLOW_PERSONAL_DATA_EXPORTERS = [
    "directory.personal_data.export",
    "directory.registry.personal_data.export",
    "events.personal_data.export",
]
ESFLOW_PERSONAL_DATA_ERASERS: list[str] = [
    "casework.kinds.advisory.personal_data.erase",
    "casework.kinds.practice.personal_data.erase",
    "casework.kinds.agreement.personal_data.erase",
    "events.personal_data.erase",
]

# The accessibility statement (portal:accessibility): the body that publishes the site.
ESFLOW_ACCESSIBILITY = {
    "entity": os.environ.get(
        "ESFLOW_ENTITY_NAME", "Regionalny Ośrodek Polityki Społecznej w Kielcach"
    ),
    "published_on": os.environ.get("ESFLOW_A11Y_PUBLISHED_ON", "2026-11-29"),
    "updated_on": os.environ.get("ESFLOW_A11Y_UPDATED_ON", "2026-11-29"),
    "prepared_on": os.environ.get("ESFLOW_A11Y_PREPARED_ON", "2026-11-29"),
    # Unset: the statement names "the accessibility coordinator" (every public body has one,
    # art. 14 of the act) and leaves out the telephone and the address, rather than showing
    # bracketed placeholders.
    "contact_name": os.environ.get("ESFLOW_A11Y_CONTACT_NAME", ""),
    "contact_email": os.environ.get("ESFLOW_A11Y_CONTACT_EMAIL", "dostepnosc@example.invalid"),
    "contact_phone": os.environ.get("ESFLOW_A11Y_CONTACT_PHONE", ""),
    "address": os.environ.get("ESFLOW_ENTITY_ADDRESS", ""),
}
ESFLOW_ACCESSIBILITY["architecture"] = os.environ.get("ESFLOW_A11Y_ARCHITECTURE", "")

# The letterhead of generated documents (documents.services.letterhead): a string each; when
# unset, the documents app uses its own defaults.
if os.environ.get("ESFLOW_DOCUMENT_PROGRAMME"):
    ESFLOW_DOCUMENT_PROGRAMME = os.environ["ESFLOW_DOCUMENT_PROGRAMME"]
if os.environ.get("ESFLOW_DOCUMENT_ISSUER"):
    ESFLOW_DOCUMENT_ISSUER = os.environ["ESFLOW_DOCUMENT_ISSUER"]

# PAdES (documents.signatures; README, "Signatures"). Trust anchors for signatures uploaded by
# signatories: a PEM file of the certification authorities the deployment accepts (unset: a
# signature is checked for integrity and coverage but reported as not trusted). A sealing key
# and its certificate (PEM paths; a passphrase and intermediate certificates optional): when
# both are set, esflow seals the final PDFs it issues.
ESFLOW_SIGNATURE_TRUST_ROOTS = os.environ.get("ESFLOW_SIGNATURE_TRUST_ROOTS", "")
ESFLOW_SEAL_KEY = os.environ.get("ESFLOW_SEAL_KEY", "")
ESFLOW_SEAL_CERT = os.environ.get("ESFLOW_SEAL_CERT", "")
ESFLOW_SEAL_KEY_PASSPHRASE = os.environ.get("ESFLOW_SEAL_KEY_PASSPHRASE", "")
ESFLOW_SEAL_CHAIN = os.environ.get("ESFLOW_SEAL_CHAIN", "")
