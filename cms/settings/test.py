"""Tests: fast hashing, mail kept in memory, a search index per test run."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import DATABASES, STORAGES, WAGTAILSEARCH_BACKENDS

DEBUG = False
SECRET_KEY = "test-only-not-secret-practicehub"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="practicehub-test-media-")

# Celery runs eagerly in the test process. The worker integration tests start a real worker
# with these variables set, so that it uses the broker and the test run's database.
CELERY_BROKER_URL = os.environ.get("PRACTICEHUB_TEST_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if os.environ.get("PRACTICEHUB_TEST_DATABASE_NAME"):
    DATABASES["default"]["NAME"] = os.environ["PRACTICEHUB_TEST_DATABASE_NAME"]
if os.environ.get("PRACTICEHUB_TEST_EMAIL_DIR"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["PRACTICEHUB_TEST_EMAIL_DIR"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file rather than memory, so a worker process started by a test can share it.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"practicehub-test-{os.getpid()}.sqlite3")
    }

if "PATH" in WAGTAILSEARCH_BACKENDS["default"]:
    WAGTAILSEARCH_BACKENDS["default"]["PATH"] = os.environ.get(
        "WHOOSH_INDEX_DIR", tempfile.mkdtemp(prefix="practicehub-test-whoosh-")
    )

ACCOUNT_RATE_LIMITS = False

# Tests see pages as rendered; tests/cms/test_page_cache.py turns the page cache on.
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0

# Serve static files straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
