"""Fixtures shared by every test: services, the page tree, people, a browser, a Celery worker."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zoneinfo
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone
from wagtail.models import Site

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379


def require_service(available, reason):
    """Skip when a service is missing, unless PRACTICEHUB_REQUIRE_SERVICES makes it a failure."""
    if available:
        return
    if os.environ.get("PRACTICEHUB_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (PRACTICEHUB_REQUIRE_SERVICES=1, so this is a failure, not a skip)")
    pytest.skip(reason)


def port_open(host, port):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


# --- the page tree and people -------------------------------------------------------------


def ensure_site_baseline():
    """Recreate what the migrations create (root, home page, site, editor groups) when a
    transactional test before this one flushed the database."""
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group
    from django.utils.translation import get_supported_language_variant
    from wagtail.models import Locale, Page

    from cms.models import HomePage

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
        Locale.objects.get_or_create(language_code=get_supported_language_variant(settings.LANGUAGE_CODE))
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(
            instance=HomePage(
                title="Practice Hub",
                slug="home",
                intro="Learn from councils that have got past the same barriers you face.",
            )
        )
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Practice Hub"
        )
    if not Group.objects.filter(name="Moderators").exists():
        import_module("cms.migrations.0004_create_editor_groups").create_groups(apps, None)
    return site.root_page.specific


@pytest.fixture
def home_page(db):
    return ensure_site_baseline()


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


@pytest.fixture
def group_member(db):
    """Make a member of a named editor group: ``group_member("Authors")``."""

    def make(group_name, **fields):
        from django.contrib.auth.models import Group

        user = UserFactory(**fields)
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


# --- a real browser -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    require_service(
        Path(CHROMIUM).exists(), f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's guard against database
    # calls from async code would otherwise trip on the test's own queries.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser, live_server):
    context = browser.new_context(java_script_enabled=True, base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def no_js_page(browser, live_server):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    def check(page):
        """Run axe-core on the page and fail with a readable list of any violations."""
        results = Axe().run(
            page,
            options={
                "runOnly": {
                    "type": "tag",
                    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
                }
            },
        )
        violations = results.response["violations"]
        assert violations == [], "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
            for v in violations
        )

    return check


# --- Redis and a real Celery worker ---------------------------------------------------------


@pytest.fixture
def redis_available():
    require_service(port_open(REDIS_HOST, REDIS_PORT), f"Redis is not reachable at {REDIS_HOST}:{REDIS_PORT}")


@pytest.fixture
def celery_worker(redis_available, transactional_db, tmp_path):
    """Start a real Celery worker on Redis sharing this test's database; stop it afterwards.

    Yields the folder the worker's email backend writes to. While it runs, tasks sent from the
    test go to the broker instead of running eagerly.
    """
    from cms.celery import app

    # A Redis database of its own per test run, so two runs at once (SQLite and PostgreSQL) never
    # share a queue.
    broker_url = f"redis://{REDIS_HOST}:{REDIS_PORT}/{os.environ.get('PRACTICEHUB_TEST_REDIS_DB', '14')}"
    import redis

    redis.Redis.from_url(broker_url).flushdb()
    email_dir = tmp_path / "emails"
    email_dir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "PRACTICEHUB_TEST_BROKER_URL": broker_url,
        "PRACTICEHUB_TEST_DATABASE_NAME": str(settings.DATABASES["default"]["NAME"]),
        "PRACTICEHUB_TEST_EMAIL_DIR": str(email_dir),
        "WHOOSH_INDEX_DIR": str(
            settings.WAGTAILSEARCH_BACKENDS["default"].get("PATH", tempfile.gettempdir())
        ),
    }
    log_path = tmp_path / "worker.log"
    with open(log_path, "w") as log:
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "cms",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "-Q",
                "celery,search-index",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"test-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    previous = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.update(task_always_eager=False, broker_url=broker_url)
    _reset_broker_connections(app)
    try:
        deadline = time.monotonic() + 60
        while "ready." not in log_path.read_text():
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Celery worker did not start:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.2)
        yield email_dir
    finally:
        app.conf.update(**previous)
        _reset_broker_connections(app)
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def _reset_broker_connections(app):
    """Drop pooled broker connections so the next task uses the broker now configured."""
    from kombu import pools

    pools.reset()
    app._pool = None
    if "amqp" in app.__dict__:
        app.amqp._producer_pool = None


def written_emails(email_dir):
    """The complete messages a worker's file email backend has written (each message is
    followed by a line of 79 dashes; a file being written may not have it yet)."""
    separator = "-" * 79
    messages = []
    for path in sorted(email_dir.iterdir()):
        *complete, _rest = path.read_text().split(separator)
        messages.extend(message.strip() for message in complete if message.strip())
    return messages


def wait_for(condition, timeout=30, interval=0.2):
    """Poll until ``condition()`` is truthy; return its value or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"Timed out after {timeout}s waiting for {condition}")


@pytest.fixture(autouse=True)
def _empty_search_index_per_test(settings, tmp_path_factory):
    """Each test starts with an empty Whoosh index. A rolled-back test's pages would otherwise
    stay in the index, and SQLite reuses their primary keys for the next test's pages."""
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    if "PATH" in backend:
        settings.WAGTAILSEARCH_BACKENDS = {
            **settings.WAGTAILSEARCH_BACKENDS,
            "default": {**backend, "PATH": str(tmp_path_factory.mktemp("whoosh"))},
        }


@pytest.fixture(scope="session", autouse=True)
def _clean_search_index():
    yield
    path = settings.WAGTAILSEARCH_BACKENDS["default"].get("PATH")
    if path and "practicehub-test-whoosh-" in str(path):
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def mid_morning():
    """Run at 10:00 London time today, so "later today" never crosses midnight.

    Walk-ins, attendance and help records open on the surgery's day; a test that books a
    surgery "in half an hour" would otherwise fail whenever it runs after 23:30.
    """
    today = timezone.localdate()
    moment = datetime.combine(today, clock_time(10, 0), tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    with time_machine.travel(moment, tick=True):
        yield moment
