"""The anonymous page cache: visitors get stored pages, and never one that a publish, a booking,
a cancellation or an endorsement has made stale; members and private pages never touch it."""

import contextlib
import json
import re
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
import time_machine
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms import cache as page_cache
from cms import page_queries
from cms.models import ContentVersion, StandardPage
from practice.services import endorsements
from surgeries import services
from surgeries.models import Booking
from tests.factories import UserFactory
from tests.practice.knowledge_factories import FixFactory, knowledge_base  # noqa: F401 (a fixture)
from tests.practice.knowledge_factories import barrier as barrier  # a fixture
from tests.surgeries.factories import BookingFactory, make_surgery, surgery_index

pytestmark = pytest.mark.django_db(transaction=True)

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings, transactional_db):
    settings.PAGE_CACHE_SECONDS = 300
    ContentVersion.objects.get_or_create(pk=1)  # (a flush between tests removes the migration's row)
    caches[settings.PAGE_CACHE_ALIAS].clear()
    yield
    caches[settings.PAGE_CACHE_ALIAS].clear()


@pytest.fixture
def surgery(home_page):
    return make_surgery(surgery_index(home_page), title="Facebook for parish councils", capacity=2)


def visit(path, client=None):
    response = (client or Client()).get(path)
    assert response.status_code == 200
    return response


def test_a_visitors_second_view_is_served_from_the_cache_in_one_query(surgery, django_assert_max_num_queries):
    first = visit(surgery.url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(1):  # the content version
        second = visit(surgery.url)
    assert second["X-Page-Cache"] == "hit"
    assert CSRF_TOKEN.sub("", second.content.decode()) == CSRF_TOKEN.sub("", first.content.decode())
    # The headers the inner middleware added are kept: CSP and frame options.
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == first["X-Frame-Options"]


def test_a_booking_forgets_the_page_so_places_left_are_right(surgery):
    assert "2 of 2 places left" in visit(surgery.url).content.decode()
    assert visit(surgery.url)["X-Page-Cache"] == "hit"

    services.book(surgery.pk, name="Pat", email="pat@example.org")

    after = visit(surgery.url)
    assert after["X-Page-Cache"] == "miss"
    assert "1 of 2 places left" in after.content.decode()


def test_a_booking_through_the_cached_form_works_and_the_next_visitor_sees_the_new_count(surgery):
    """The cached form carries each visitor's own CSRF token; the booker sees their confirmation
    (a messages cookie keeps them off the cache), the next visitor the new count, not the booker."""
    visit(surgery.url)  # a first visitor primes the cache
    booker = Client(enforce_csrf_checks=True)
    form = visit(surgery.url, booker)
    assert form["X-Page-Cache"] == "hit"
    token = CSRF_TOKEN.search(form.content.decode()).group(1)
    response = booker.post(
        f"{surgery.url}book/",
        {"csrfmiddlewaretoken": token, "name": "Pat Tester", "email": "pat@example.org"},
    )
    assert response.status_code == 303
    assert Booking.objects.filter(email="pat@example.org", status="confirmed").exists()
    confirmation = booker.get(surgery.url)
    assert "X-Page-Cache" not in confirmation
    assert "pat@example.org" in confirmation.content.decode()

    page = visit(surgery.url).content.decode()
    assert "1 of 2 places left" in page and "pat@example.org" not in page


def test_each_visitor_gets_their_own_csrf_token(surgery):
    visit(surgery.url)
    tokens = set()
    for _ in range(2):
        client = Client()
        response = visit(surgery.url, client)
        assert response["X-Page-Cache"] == "hit"
        tokens.add(CSRF_TOKEN.search(response.content.decode()).group(1))
        assert "csrftoken" in response.cookies
    assert len(tokens) == 2


def test_a_cancellation_that_promotes_the_waitlist_forgets_the_page(surgery):
    first = BookingFactory(surgery=surgery, email="first@example.org")
    BookingFactory(surgery=surgery, email="second@example.org")
    waiting = BookingFactory(surgery=surgery, email="third@example.org", status=Booking.Status.WAITLISTED)
    assert "Full — join the waitlist" in visit(surgery.url).content.decode()
    assert visit(surgery.url)["X-Page-Cache"] == "hit"

    services.cancel(first.pk)  # frees a place, and the waitlist takes it (a bulk update)

    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    after = visit(surgery.url)
    assert after["X-Page-Cache"] == "miss"
    assert "Full — join the waitlist" in after.content.decode()
    assert Booking.objects.filter(surgery=surgery, status="confirmed").count() == 2


def test_the_waitlist_filled_by_a_bulk_update_forgets_the_page(surgery):
    """Raising capacity and promoting: the promotion is an update(), which sends no signal."""
    for n in range(3):
        BookingFactory(surgery=surgery, email=f"p{n}@example.org")
    Booking.objects.filter(email="p2@example.org").update(status=Booking.Status.WAITLISTED)
    type(surgery).objects.filter(pk=surgery.pk).update(capacity=3)  # as a data fix would
    caches["pages"].clear()
    assert "1 of 3 places left" in visit(surgery.url).content.decode()
    version = ContentVersion.objects.get().value

    assert services.promote_waitlist(surgery.pk)

    assert ContentVersion.objects.get().value > version
    assert "Full — join the waitlist" in visit(surgery.url).content.decode()


def test_publishing_a_new_revision_forgets_the_page(surgery):
    assert visit(surgery.url)["X-Page-Cache"] == "miss"
    surgery.title = "Instagram for parish councils"
    surgery.save_revision().publish()
    page = visit(surgery.url)
    assert page["X-Page-Cache"] == "miss"
    assert "Instagram for parish councils" in page.content.decode()


def test_unpublishing_forgets_the_page(surgery):
    visit(surgery.url)
    surgery.unpublish()
    assert Client().get(surgery.url).status_code == 404


def test_an_endorsement_forgets_the_barrier_page(barrier):
    fix = FixFactory(parent=barrier, title="Ask IT for a policy exception")
    assert "0 said “this worked for us”" in visit(barrier.url).content.decode()
    assert visit(barrier.url)["X-Page-Cache"] == "hit"

    endorsements.toggle_fix_endorsement(fix, UserFactory())

    after = visit(barrier.url)
    assert after["X-Page-Cache"] == "miss"
    assert "1 said “this worked for us”" in after.content.decode()


def test_members_never_get_or_leave_cached_pages(surgery):
    user = UserFactory(first_name="Morwenna", last_name="Member")
    visit(surgery.url)
    member = Client()
    member.force_login(user)
    page = member.get(surgery.url)
    assert "X-Page-Cache" not in page
    assert "Sign out" in page.content.decode()
    visitor_page = visit(surgery.url)
    assert visitor_page["X-Page-Cache"] == "hit"
    assert "Sign out" not in visitor_page.content.decode()


def test_a_signing_in_does_not_forget_every_page(surgery):
    user = UserFactory()
    visit(surgery.url)
    member = Client()
    member.force_login(user)  # updates last_login only
    assert visit(surgery.url)["X-Page-Cache"] == "hit"


def test_private_booking_links_are_never_cached(surgery, mailoutbox):
    services.book(surgery.pk, name="Pat", email="pat@example.org")
    path = re.search(r"(/surgeries/booking/[A-Za-z0-9_-]+/)", mailoutbox[-1].body).group(1)
    stored_before = len(caches["pages"]._cache)
    for _ in range(2):
        response = Client().get(path)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert len(caches["pages"]._cache) == stored_before


@pytest.mark.parametrize("path", ["/search/?q=facebook", "/admin/login/", "/accounts/login/"])
def test_search_admin_and_accounts_are_never_cached(surgery, path):
    for _ in range(2):
        response = Client().get(path)
        assert "X-Page-Cache" not in response


def test_errors_are_not_cached(surgery):
    for _ in range(2):
        response = Client().get("/no-such-page/")
        assert response.status_code == 404 and "X-Page-Cache" not in response


@pytest.mark.parametrize(
    "query",
    ["?utm_source=newsletter", "?audience=online&junk=1", "?q=" + "x" * 400],
    ids=["utm", "junk", "long"],
)
def test_made_up_addresses_cannot_fill_the_cache(surgery, query):
    stored_before = len(caches["pages"]._cache)
    for _ in range(2):
        response = Client().get(f"/surgeries/{query}")
        assert response.status_code in (200, 400) and "X-Page-Cache" not in response
    assert len(caches["pages"]._cache) == stored_before


def test_filters_a_page_reads_are_cached_separately(surgery):
    assert visit("/surgeries/?format=online")["X-Page-Cache"] == "miss"
    assert visit("/surgeries/?format=online")["X-Page-Cache"] == "hit"
    assert visit("/surgeries/")["X-Page-Cache"] == "miss"


def test_content_cannot_plant_the_csrf_placeholder():
    """Echoed input is escaped, so only the form's own token is swapped for the visitor's."""
    path = "/stuck/?q=" + page_cache.CSRF_PLACEHOLDER
    visit(path)
    response = visit(path)
    assert response["X-Page-Cache"] == "hit"
    assert "&lt;practicehub-csrf-token&gt;" in response.content.decode()  # still the visitor's words


def test_a_page_is_kept_no_longer_than_the_next_surgery_starts(mid_morning, surgery):
    now = timezone.now()
    soon = make_surgery(surgery_index(surgery.get_parent()), start=now + timedelta(seconds=90))
    assert 0 < page_cache.cache_seconds(now) <= 90
    type(soon).objects.filter(pk=soon.pk).update(
        start=now + timedelta(days=30), end=now + timedelta(days=30, hours=1)
    )
    assert page_cache.cache_seconds(now) > 90


def test_the_cache_can_be_turned_off(settings, surgery):
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(2):
        assert "X-Page-Cache" not in visit(surgery.url)


def test_public_content_models_are_watched_and_bookkeeping_is_not():
    labels = {model._meta.label_lower for model in page_cache.watched_models()}
    assert {"surgeries.booking", "practice.fixendorsement", "practice.barrierpage", "cms.topic"} <= labels
    assert not {"cms.contentversion", "surgeries.managetoken", "wagtailcore.revision"} & labels


def test_the_version_query_reads_the_version_table():
    assert ContentVersion._meta.db_table in page_cache.VERSION_QUERY
    ContentVersion.objects.filter(pk=1).update(value=41)
    assert page_cache.content_version() == 41


# --- Fragments the same for everyone, cached for members too ---------------------------------


def count_queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_member_gets_the_home_pages_shared_sections_from_the_cache_and_never_stale(
    fragment_cache_on, surgery
):
    member = Client()
    member.force_login(UserFactory())
    cold, page = count_queries(member, "/")
    assert "2 places left" in page
    warm, page = count_queries(member, "/")
    assert warm < cold and "2 places left" in page

    services.book(surgery.pk, name="Pat", email="pat@example.org")

    after, page = count_queries(member, "/")
    assert "1 place left" in page and "2 places left" not in page
    assert after > warm


def test_the_who_can_help_panel_forgets_a_cancelled_surgery(fragment_cache_on, barrier, home_page):
    from tests.factories import TopicFactory
    from tests.surgeries.factories import make_mentor

    topic = TopicFactory(name="internet-access")
    barrier.topics.set([topic])
    barrier.save_revision().publish()
    mentor = make_mentor(home_page, title="Carl Mentor")
    mentor.topics.set([topic])
    mentor.save_revision().publish()
    soon = make_surgery(surgery_index(home_page), title="Unblocking surgery", mentors=[mentor])
    member = Client()
    member.force_login(UserFactory())
    assert "Unblocking surgery" in count_queries(member, barrier.url)[1]

    services.cancel_surgery(soon.pk)

    assert "Unblocking surgery" not in count_queries(member, barrier.url)[1].split("Who can help")[1]


def test_a_preview_never_reads_or_fills_the_fragment_cache(fragment_cache_on, rf):
    calls = []

    def compute():
        calls.append(1)
        return "fresh"

    request = rf.get("/")
    request.is_preview = True
    assert page_cache.remember(request, "test", compute) == "fresh"
    assert page_cache.remember(request, "test", compute) == "fresh"
    assert len(calls) == 2
    plain = rf.get("/")
    page_cache.remember(plain, "test", compute)
    page_cache.remember(plain, "test", compute)
    assert len(calls) == 3


def test_a_page_rendered_across_a_scheduled_change_is_not_kept_past_it(surgery):
    """The lifetime counts from when rendering began, not from when it ended."""
    began = timezone.now() - timedelta(seconds=5)
    make_surgery(surgery_index(surgery.get_parent()), start=began + timedelta(seconds=8))
    assert page_cache._seconds_left(began, 300) <= 3


def test_a_bump_that_cannot_be_written_does_not_lose_the_booking_email(surgery, mailoutbox):
    from django.db import OperationalError, connection

    def version_table_locked(execute, sql, params, many, context):
        if "cms_contentversion" in sql and sql.lstrip().upper().startswith(("UPDATE", "INSERT")):
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(version_table_locked):
        booking = services.book(surgery.pk, name="Pat", email="pat@example.org")
    assert booking.status == "confirmed"
    assert [message.to for message in mailoutbox] == [["pat@example.org"]]


def test_draft_saves_do_not_forget_cached_pages(surgery):
    visit(surgery.url)
    surgery.title = "Draft title nobody sees yet"
    surgery.save_revision()
    page = visit(surgery.url)
    assert page["X-Page-Cache"] == "hit"
    assert "Draft title nobody sees yet" not in page.content.decode()


def test_a_migration_forgets_cached_pages():
    """``migrate`` ends with post_migrate for every app: a deploy forgets the old pages."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    assert page_cache._migrated in [ref() for _, ref, _ in post_migrate.receivers]
    version = ContentVersion.objects.get().value
    page_cache._migrated(apps.get_app_config("cms"))
    assert ContentVersion.objects.get().value > version


@pytest.fixture
def counted_next_change_hook(monkeypatch):
    """One scheduled-change hook that answers ``moment`` and counts how often it is asked."""
    from wagtail import hooks

    asked = []
    state = {"moment": None}

    def next_change(now):
        asked.append(now)
        return state["moment"]

    monkeypatch.setattr(
        hooks, "get_hooks", lambda name: [next_change] if name == page_cache.NEXT_TIME_CHANGE_HOOK else []
    )
    return asked, state


def test_scheduled_changes_are_asked_once_per_request_however_many_parts_are_stored(counted_next_change_hook):
    asked, state = counted_next_change_hook
    page_cache._request_started()
    now = timezone.now()
    state["moment"] = now + timedelta(seconds=60)
    try:
        for offset in range(5):  # a page storing five fragments, a little later each time
            assert 0 < page_cache.cache_seconds(now + timedelta(seconds=offset)) <= 60
    finally:
        page_cache._request_finished()
    assert len(asked) == 1


def test_a_scheduled_change_that_passes_during_the_request_is_asked_again(counted_next_change_hook):
    asked, state = counted_next_change_hook
    page_cache._request_started()
    now = timezone.now()
    state["moment"] = now + timedelta(seconds=2)
    try:
        assert page_cache.cache_seconds(now) <= 2
        state["moment"] = now + timedelta(seconds=40)  # the surgery started; the next change is later
        assert 2 < page_cache.cache_seconds(now + timedelta(seconds=3)) <= 37
        assert page_cache.cache_seconds(now - timedelta(seconds=1)) <= 41  # before the request began: asked
    finally:
        page_cache._request_finished()
    assert len(asked) == 3


def test_outside_a_request_scheduled_changes_are_asked_every_time(counted_next_change_hook):
    asked, _ = counted_next_change_hook
    page_cache.cache_seconds()
    page_cache.cache_seconds()
    assert len(asked) == 2


def in_a_request(compute, began=None):
    """``compute()`` inside a request (the per-request memo), begun at ``began``."""
    page_cache._request_started()
    if began is not None:
        page_cache._this_request.began = began
    try:
        return compute()
    finally:
        page_cache._request_finished()


def test_scheduled_changes_are_shared_between_requests_until_one_passes(counted_next_change_hook, settings):
    settings.FRAGMENT_CACHE_SECONDS = 300
    asked, state = counted_next_change_hook
    now = timezone.now()
    state["moment"] = now + timedelta(seconds=60)
    assert 0 < in_a_request(page_cache.cache_seconds, began=now) <= 60
    later = now + timedelta(seconds=10)
    assert 0 < in_a_request(lambda: page_cache.cache_seconds(later), began=later) <= 50
    assert len(asked) == 1  # the second request reused the first one's answers

    state["moment"] = now + timedelta(seconds=200)  # the surgery started; the next change is later
    passed = now + timedelta(seconds=61)
    assert 60 < in_a_request(lambda: page_cache.cache_seconds(passed), began=passed) <= 139
    assert len(asked) == 2


def test_scheduled_changes_are_asked_again_after_a_change(counted_next_change_hook, settings):
    settings.FRAGMENT_CACHE_SECONDS = 300
    asked, state = counted_next_change_hook
    state["moment"] = timezone.now() + timedelta(seconds=60)
    in_a_request(page_cache.cache_seconds)
    in_a_request(page_cache.cache_seconds)
    assert len(asked) == 1

    state["moment"] = timezone.now() + timedelta(seconds=5)  # a surgery moved to start sooner…
    page_cache._bump("default")  # …and the change committed
    assert len(asked) == 2  # the bump asked, and recorded the answer with the new version
    assert in_a_request(page_cache.cache_seconds) <= 5
    assert in_a_request(page_cache.cache_seconds) <= 5
    assert len(asked) == 2  # pages under the new version read it with the version


# At midday, so that UK midnight (when dates relative to today change) is not the next change.
@time_machine.travel(datetime(2027, 3, 10, 12, 0, tzinfo=UTC), tick=True)
def test_the_first_page_under_a_new_version_reads_the_next_change_with_the_version(home_page, settings):
    """After a change, a visitor's page asks the database for the version and nothing else to
    know how long it may be kept: the bump recorded when the next scheduled change is due."""
    settings.FRAGMENT_CACHE_SECONDS = 300
    surgery = make_surgery(surgery_index(home_page), start=timezone.now() + timedelta(hours=3))
    with transaction.atomic():
        page_cache.content_changed()
    row = ContentVersion.objects.get()
    assert row.next_change_at == surgery.start and row.schedule_asked_at <= timezone.now()

    def kept_for():
        with CaptureQueriesContext(connection) as queries:
            seconds = page_cache.cache_seconds()
        return seconds, len(queries)

    assert in_a_request(kept_for) == (300, 1)  # the version row, with its next change


@pytest.mark.parametrize("error", [DatabaseError("the surgeries table is locked"), ValueError("a bad hook")])
def test_a_bump_whose_schedule_cannot_be_asked_still_forgets_the_old_answer(
    counted_next_change_hook, settings, error
):
    settings.FRAGMENT_CACHE_SECONDS = 300
    asked, state = counted_next_change_hook
    state["moment"] = timezone.now() + timedelta(seconds=60)
    page_cache._bump("default")
    version = ContentVersion.objects.get()
    assert version.next_change_at == state["moment"]

    def broken(now):
        raise error

    with mock.patch.object(page_cache, "_ask_next_changes", broken):
        page_cache._bump("default")
    row = ContentVersion.objects.get()
    assert row.value == version.value + 1  # the bump stands
    assert row.schedule_asked_at is None and row.next_change_at is None  # pages ask for themselves


def restricted_section(home_page):
    section = StandardPage(title="Members only", slug="members-only", body=[])
    home_page.add_child(instance=section)
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    return section


def paths_and_queries():
    with CaptureQueriesContext(connection) as queries:
        paths = page_queries.restricted_paths()
    return paths, [query["sql"] for query in queries]


def test_the_first_page_under_a_new_version_reads_the_restrictions_with_the_version(home_page, settings):
    """The bump records the view restrictions' paths on the version row: a page asks the database
    for the version and nothing else to know which sections are private."""
    settings.FRAGMENT_CACHE_SECONDS = settings.PAGE_CACHE_SECONDS = 300
    section = restricted_section(home_page)  # committed: the version went up and recorded them
    recorded = page_cache._version_row().restriction_paths
    assert (recorded.restricted, recorded.reach) == ([section.path], [section.path])
    paths, sqls = in_a_request(paths_and_queries)
    assert paths == [section.path]
    assert len(sqls) == 1 and "cms_contentversion" in sqls[0]  # the version row, nothing more
    assert Client().get(section.url).status_code == 302  # visitors are asked to sign in

    PageViewRestriction.objects.filter(page=section).delete()
    assert in_a_request(paths_and_queries)[0] == []
    assert Client().get(section.url).status_code == 200  # public at once


@pytest.mark.parametrize(
    "cause",
    [
        "the restrictions cannot be read",
        "an error recording them",
        "too many to carry",
        "unreadable",
        "of another shape",
        "left by a bump of older code",
        "older than the fragment cache keeps anything",
    ],
)
def test_without_recorded_restrictions_pages_read_them(home_page, settings, cause):
    settings.FRAGMENT_CACHE_SECONDS = 300

    def broken(using=None):
        raise DatabaseError("the page table is locked") if "read" in cause else ValueError("a bug")

    if cause == "too many to carry":
        patched = mock.patch.object(page_cache, "RESTRICTION_PATHS_CARRIED", 0)
    elif "read" in cause or "error" in cause:
        patched = mock.patch.object(page_queries, "restriction_paths_now", broken)
    else:
        patched = contextlib.nullcontext()
    with patched:
        section = restricted_section(home_page)
    if cause == "unreadable":
        ContentVersion.objects.update(restriction_paths="[not json")
    elif cause == "of another shape":
        ContentVersion.objects.update(restriction_paths="[1, 2]")
    elif cause == "left by a bump of older code":  # it raised the version, and left the paths
        ContentVersion.objects.update(value=F("value") + 1)
    elif cause == "older than the fragment cache keeps anything":
        recorded = json.loads(ContentVersion.objects.get().restriction_paths)
        recorded["asked_at"] = (timezone.now() - timedelta(seconds=301)).isoformat()
        ContentVersion.objects.update(restriction_paths=json.dumps(recorded))
    row = page_cache._version_row()
    assert row.value > 0  # the bump stands
    assert in_a_request(page_cache.recorded_restriction_paths) is None
    paths, sqls = in_a_request(paths_and_queries)
    assert paths == [section.path]
    assert any("wagtailcore_pageviewrestriction" in sql for sql in sqls)
    assert Client().get(section.url).status_code == 302


def test_answers_asked_later_than_a_request_began_are_not_reused(counted_next_change_hook, settings):
    """Answers asked at ``t`` say nothing of what falls between an earlier moment and ``t``."""
    settings.FRAGMENT_CACHE_SECONDS = 300
    asked, state = counted_next_change_hook
    now = timezone.now()
    state["moment"] = now + timedelta(seconds=60)
    in_a_request(page_cache.cache_seconds, began=now)
    earlier = now - timedelta(seconds=30)
    in_a_request(lambda: page_cache.cache_seconds(earlier), began=earlier)
    assert len(asked) == 2


def test_a_transaction_bumps_the_version_once_however_many_changes_it_makes(counted_next_change_hook):
    asked, _ = counted_next_change_hook
    version = ContentVersion.objects.get().value
    with transaction.atomic():
        for _ in range(3):  # a publish saves the page, its revision, its tags…
            page_cache.content_changed()
    assert ContentVersion.objects.get().value == version + 1
    assert len(asked) == 1


def test_a_change_after_a_rolled_back_one_still_bumps_the_version(counted_next_change_hook):
    version = ContentVersion.objects.get().value
    with transaction.atomic():
        try:
            with transaction.atomic():
                page_cache.content_changed()
                raise DatabaseError("this part of the work failed")
        except DatabaseError:
            pass
        page_cache.content_changed()  # the change that stands: its bump is queued afresh
    assert ContentVersion.objects.get().value == version + 1
