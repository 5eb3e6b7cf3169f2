"""Settings shared by every environment. Everything that differs per machine comes from the environment."""

from pathlib import Path

import django_stubs_ext
from django.utils.translation import gettext_lazy as _

from woonafspraken.conf.env import data_dir, database, env_bool, env_list, env_str

# Lets typed generics such as admin.TabularInline[Model, Parent] be subscripted at run time.
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir()

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "axes",
    "csp",
    "woonafspraken.core",
    "woonafspraken.accounts",
    "woonafspraken.agreements",
    "woonafspraken.documents",
    "woonafspraken.housing",
    "woonafspraken.annual_plans",
    "woonafspraken.indicators",
    "woonafspraken.meetings",
    "woonafspraken.reports",
    "woonafspraken.renewal",
    "woonafspraken.national",
    "woonafspraken.web",
    "woonafspraken.operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "woonafspraken.web.middleware.CovenantAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A write that waited in vain for SQLite's write lock: a Dutch "try again" page (503), not a 500.
    "woonafspraken.web.middleware.DatabaseBusyMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "woonafspraken.urls"
WSGI_APPLICATION = "woonafspraken.wsgi.application"

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
                "django.template.context_processors.i18n",
                "woonafspraken.web.context_processors.site",
                "woonafspraken.web.context_processors.covenant",
            ],
        },
    },
]
# {{ form.x.as_field_group }} renders web/field.html: one markup for every form field.
FORM_RENDERER = "woonafspraken.web.forms.FormRenderer"

DATABASES = {
    "default": database(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'woonafspraken.sqlite3'}"),
        conn_max_age=int(env_str("DB_CONN_MAX_AGE", "60")),
        # How long a SQLite write waits for another's to finish before the "database busy" page.
        sqlite_busy_timeout=float(env_str("SQLITE_BUSY_TIMEOUT", "20")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # login throttling: refuses locked-out attempts first
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on: only acts on the callback of a login with an identity provider (docs/sso.md).
    "woonafspraken.accounts.oidc.IdentityProviderBackend",
]
# After 5 failed logins for a user name from one address, wait 15 minutes.
AXES_FAILURE_LIMIT = int(env_str("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# A login through an identity provider has no password to guess: not throttled, not counted as a failure.
AXES_WHITELIST_CALLABLE = "woonafspraken.accounts.oidc.is_single_sign_on"
# mozilla-django-oidc: the providers themselves are stored (accounts.IdentityProvider), not set here.
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_callback"
OIDC_USE_PKCE = True
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:landing"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# One date style on every page, also for {{ a_date }} and |date without a format: '4 december 2026'.
FORMAT_MODULE_PATH = ["woonafspraken.conf.formats"]

STATIC_URL = "static/"
STATIC_ROOT = None  # pages are served from the apps' static folders (WHITENOISE_USE_FINDERS)
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "woonafspraken@localhost")

X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy: only this site's own scripts, styles and images; no inline code, no eval.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10  # a working day

# The covenant shipped with the project and imported by `woonafspraken init`.
BUILTIN_DOCUMENT = PACKAGE_DIR / "documents" / "data" / "prestatieafspraken-kampen-2022-2026.txt"

# Backups use JSON with full-precision times (see core/serializers.py).
SERIALIZATION_MODULES = {"backup-json": "woonafspraken.core.serializers"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Serve static files straight from the apps' static folders (no collectstatic step needed to run).
WHITENOISE_USE_FINDERS = True

# Jobs (docs/jobs.md, ADR 0050): reports and reminders are Celery tasks with Redis as broker. Without a
# broker (a laptop, `make run`, the tests) they run in the process that asks for them, at once.
_BROKER_URL = env_str("WOONAFSPRAKEN_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not _BROKER_URL
# In-process, nothing is sent: Celery's in-memory transport stands in (it would look for localhost otherwise).
CELERY_BROKER_URL = _BROKER_URL or "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True  # a job's state, progress and file are stored in the database
CELERY_TASK_DEFAULT_QUEUE = env_str("WOONAFSPRAKEN_QUEUE", "woonafspraken")
# A worker takes one job at a time and acknowledges it only when done; a worker that dies mid-job
# (SIGKILL, a lost machine) leaves it unacknowledged, and Redis hands it to another worker once the
# visibility timeout has passed (a lost pool process: at once, reject_on_worker_lost).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
_VISIBILITY_TIMEOUT = int(env_str("WOONAFSPRAKEN_BROKER_VISIBILITY_TIMEOUT", "3600"))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _VISIBILITY_TIMEOUT,
    # Look for abandoned jobs every few seconds (kombu's default: every 100 s).
    "unacked_restore_interval": max(1, min(10, _VISIBILITY_TIMEOUT // 3)),
    "unacked_restore_throttle": 1,
    # Every key of this app in Redis starts with the queue's name: several apps (or test runs) share one Redis.
    "global_keyprefix": f"{CELERY_TASK_DEFAULT_QUEUE}:",
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_TIMEZONE = TIME_ZONE
# The beat schedule (the daily reminders) is in woonafspraken/celery.py.
# How long a running report job's claim holds without news from its worker; after that another worker
# (or a resumed `report --all`) takes it over. Every step of the report renews it.
REPORT_JOB_LEASE_SECONDS = int(env_str("WOONAFSPRAKEN_REPORT_JOB_LEASE", "120"))
# The site's address for links in mail sent by a job (the daily reminders), e.g. https://woonafspraken.example.
SITE_URL = env_str("WOONAFSPRAKEN_BASE_URL", "").rstrip("/")
