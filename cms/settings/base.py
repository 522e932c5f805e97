"""Settings shared by every environment.

Every value that differs between deployments is read from the environment, with a default
that needs nothing installed: SQLite, Whoosh on disk, Celery eager, local-memory cache.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("PRACTICEHUB_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    try:
        return int(value) if value not in (None, "") else default
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from error


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "practice",
    "surgeries",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "allauth",
    "allauth.account",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "cms.cache.AnonymousPageCacheMiddleware",
    "cms.cache.CachedSiteMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site_navigation",
            ],
        },
    },
]

# Database: a SQLite file unless DATABASE_URL names another (PostgreSQL at scale).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'practicehub.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a booking writes; IMMEDIATE takes the write lock at the
    # start of a transaction, so concurrent bookings queue instead of failing to upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "cms.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Django's and allauth's backends, loading the member with their admin access (cms/auth_backends.py).
AUTHENTICATION_BACKENDS = [
    "cms.auth_backends.ModelBackend",
    "cms.auth_backends.AuthenticationBackend",
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Static and media files: WhiteNoise serves static files from the app server.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

# Cache: local memory by default, Redis when REDIS_CACHE_URL is set.
if os.environ.get("REDIS_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_CACHE_URL"],
            "KEY_PREFIX": "practicehub",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The anonymous page cache (cms/cache.py): whole pages for visitors, forgotten on any public
# change. In local memory each worker keeps its own copies (bounded by PAGE_CACHE_ENTRIES);
# with Redis the workers share them. PAGE_CACHE_SECONDS=0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# Costly parts the same for everyone ({% cache_until_changed %}), under the same rules; 0 = off.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 300)
PAGE_CACHE_ALIAS = "pages"
CACHES["pages"] = {
    **CACHES["default"],
    "KEY_PREFIX": "practicehub-pages",
    "OPTIONS": {}
    if os.environ.get("REDIS_CACHE_URL")
    else {"MAX_ENTRIES": env_int("PAGE_CACHE_ENTRIES", 400)},
}
if CACHES["pages"]["BACKEND"].endswith("LocMemCache"):
    CACHES["pages"]["LOCATION"] = "practicehub-pages"

# Email: printed to the console by default; SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Practice Hub <hello@practicehub.localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Background jobs: eager in-process without a broker; real workers when one is set.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/London"
# Whoosh allows one writer per index: with a broker, index writes go to their own queue, served
# by a worker with concurrency 1 (README, "Running at scale"). cms.search is not an app, so
# its tasks are imported by name.
CELERY_IMPORTS = ["cms.search.tasks"]
CELERY_TASK_ROUTES = {"cms.search.*": {"queue": "search-index"}}
CELERY_BEAT_SCHEDULE = {
    "purge-mentor-messages": {
        "task": "practice.tasks.purge_mentor_messages",
        "schedule": crontab(hour=3, minute=15),
    },
    # Weekly digest of what is new on the topics members follow (once per member and week).
    "cms-send-topic-digests": {
        "task": "cms.tasks.send_topic_digests",
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
    },
    # Charter of Engagement: remind whoever pledged 14 days before the date (once per pledge).
    "practice-send-charter-reminders": {
        "task": "practice.tasks.send_due_charter_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    # Surgeries: day-before reminders and mentor briefings (each sent once however often the
    # sweep runs), and the retention purge of attendees' details.
    "surgeries-send-due-reminders": {
        "task": "surgeries.tasks.send_due_reminders",
        "schedule": 15 * 60,
    },
    # "Did this help?" the day after a surgery (each booking asked once: surgeries/feedback.py).
    "surgeries-send-feedback-requests": {
        "task": "surgeries.tasks.send_due_feedback_requests",
        "schedule": crontab(minute=20),
    },
    "surgeries-purge-personal-data": {
        "task": "surgeries.tasks.purge_personal_data",
        "schedule": crontab(hour=3, minute=30),
    },
    "cms-clear-expired-sessions": {
        "task": "cms.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=45),
    },
}

# Wagtail's and modelsearch's own tasks stay in-process (see DESIGN.md, Background work).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = "Practice Hub"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
TAGGIT_CASE_INSENSITIVE = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Search: our Whoosh backend on disk; Elasticsearch/OpenSearch through modelsearch's own
# backends when SEARCH_BACKEND names one (see README, "Running at scale").
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "cms.search.backends.whoosh")
if SEARCH_BACKEND == "cms.search.backends.whoosh":
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": SEARCH_BACKEND,
            "PATH": os.environ.get("WHOOSH_INDEX_DIR", str(VAR_DIR / "whoosh_index")),
            # In-process writes (waiting for the index lock) without a broker; with one, a
            # single-writer Celery queue after the commit.
            "INDEX_WRITES": "celery" if CELERY_BROKER_URL else "direct",
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": SEARCH_BACKEND,
            "URLS": env_list("SEARCH_URLS", "http://localhost:9200"),
            "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", "practicehub_"),
            "TIMEOUT": env_int("SEARCH_TIMEOUT", 5),
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }

# Accounts (django-allauth): members sign in by email, verified before first sign-in.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "cms.forms.MemberSignupForm"
ACCOUNT_ADAPTER = "cms.adapters.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# Sign-up says plainly when an address is already registered (the platform issue asks for a
# clear message); rate limits below keep that from being used to list members.
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Practice Hub] "
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key", "signup": "20/m/ip"}

# Security headers, on everywhere; HTTPS-only settings live in production.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# SAMEORIGIN, not DENY: Wagtail's live preview shows the page in a same-origin frame. Other
# sites still cannot frame us (CSP frame-ancestors 'self' says the same to modern browsers).
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SESSION_COOKIE_HTTPONLY = True
# Django's database sessions, loading the signed-in member in the same query (cms/sessions).
# With Redis, sessions are written through to the database and read from the shared cache (a
# member's request skips the session query). Never from per-worker memory: a sign-out on one
# worker would not end the session on the others.
SESSION_ENGINE = "cms.sessions.db"
if os.environ.get("REDIS_CACHE_URL"):
    SESSION_ENGINE = "cms.sessions.cached_db"

# Content Security Policy for public pages. The Wagtail admin sets its own needs, so it is
# excluded rather than weakening the policy for everybody.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": [
            "'self'",
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# Logging: warnings and errors to the console, where a process manager collects them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Practice Hub's own settings
PRACTICEHUB_REQUIRE_SERVICES = env_bool("PRACTICEHUB_REQUIRE_SERVICES", False)
# How long messages relayed to mentors are kept for dealing with abuse (practice/services/relay.py).
PRACTICEHUB_MENTOR_MESSAGE_RETENTION_DAYS = env_int("PRACTICEHUB_MENTOR_MESSAGE_RETENTION_DAYS", 30)

# Surgeries: attendees' details are anonymised this many days after a surgery ends, and
# reminders go out this many hours before it starts.
SURGERIES_RETENTION_DAYS = env_int("SURGERIES_RETENTION_DAYS", 90)
SURGERIES_REMINDER_HOURS = env_int("SURGERIES_REMINDER_HOURS", 24)
