"""Every public page type renders in a bounded number of queries, and the same bound holds with
10 and with 1,000 items of each kind (case studies, barriers, fixes, mentors, surgeries, bookings,
help records), so a query per item fails here.

Issue 9 asks for at most 15 queries a page. ``BUDGETS`` records each page's bound today with
nothing cached (a visitor's, then a signed-in member's), every one within 15. Lower a bound
whenever a page gets cheaper. A member's page as served (the parts that are the same for
everyone from the fragment cache, as the benchmark measures it) has a bound of its own, today's
count. The first request after a change, every cache on (``FIRST_AFTER_A_CHANGE``, the
benchmark's "first" column), is held to the same budgets as nothing cached.

The site is built once per scale for the whole module (bench/content.py, the benchmark's fast
builder) inside a transaction that is rolled back afterwards; each test runs inside it.
"""

import shutil
import tempfile

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from modelsearch.backends import get_search_backend

from bench import content
from cms.models import Council
from practice.models import (
    BarrierPage,
    CaseStudyIndexPage,
    CaseStudyPage,
    FixPage,
    KnowledgeBaseIndexPage,
    MentorIndexPage,
    MentorPage,
)
from surgeries.models import ImpactPage, SurgeryIndexPage, SurgeryPage
from tests.conftest import ensure_site_baseline
from tests.factories import CouncilFactory, PlatformFactory, TopicFactory, UserFactory

SCALES = [10, 1000]

# page: (visitor, member). Issue 9's ceiling is 15.
BUDGETS = {
    "home": (14, 15),
    "case study index": (10, 11),
    "case study index, filtered": (10, 11),
    "case study": (14, 15),
    "barrier index": (8, 9),
    "barrier": (13, 15),
    "fix": (9, 12),
    "mentor index": (12, 13),
    "mentor": (12, 13),
    "surgery index": (10, 11),
    "surgery": (9, 10),
    "search": (14, 15),  # 10 at the larger scale: at 10 of each, results span six page types
    "impact": (10, 11),
}
# What the benchmark measures for a signed-in member: the parts that are the same for everyone
# (the route to the page, listings, panels, the site's frame) come from the fragment cache, the
# rest is their own (the session, the user, their endorsements and forms).
MEMBER_WITH_SHARED_PARTS_CACHED = {
    "home": 2,
    "case study index": 2,
    "case study index, filtered": 2,
    "case study": 7,
    "barrier index": 5,
    "barrier": 5,
    "fix": 7,
    "mentor index": 3,
    "mentor": 7,
    "surgery index": 2,
    "surgery": 5,
    "search": 4,
    "impact": 2,
}


# The first request after a change (a publish, a booking, an endorsement), every cache on, on a
# worker that has served the page before: what a visitor's and a member's page costs while the
# caches fill again. It is the page's count with nothing cached, so the same budgets: the version
# row, read with when the next scheduled change is due and the view restrictions' paths, stands
# in for the restrictions. Give it budgets of its own if the two ever part.
FIRST_AFTER_A_CHANGE = BUDGETS


def add_index_pages(home):
    for page in [
        CaseStudyIndexPage(title="Case studies", slug="case-studies", show_in_menus=True),
        KnowledgeBaseIndexPage(title="Barriers and fixes", slug="barriers", show_in_menus=True),
        MentorIndexPage(title="Mentors", slug="mentors", show_in_menus=True),
        SurgeryIndexPage(title="Social media surgeries", slug="surgeries", show_in_menus=True),
        ImpactPage(title="Our impact", slug="impact", show_in_menus=True),
    ]:
        home.add_child(instance=page)
        page.save_revision().publish()


def add_items(size, start, topics, councils, platforms, users):
    """``size`` more of each kind, numbered from ``start``; some titled for the search."""
    barriers, fixes = content.make_barriers(size, size, topics, councils, users, start=start)
    mentors = content.make_mentors(size, topics, councils, platforms, start=start)
    content.make_case_studies(size, topics, councils, platforms, barriers, mentors, start=start)
    surgeries = content.make_surgeries(size, 3 * size, topics, mentors, start=start, first_day=-5)
    past = [surgery for surgery in surgeries if surgery.end < timezone.now()]
    content.make_help_records(size, past, mentors, barriers, fixes)
    for model in (CaseStudyPage, BarrierPage, FixPage, MentorPage, SurgeryPage):
        found = model.objects.filter(pk__in=model.objects.order_by("-pk").values("pk")[:size])[::5]
        for page in found:
            page.title += " on Facebook"
            page.save(update_fields=["title", "draft_title"])
        get_search_backend().add_bulk(model, found)


def build_site(size):
    home = ensure_site_baseline()
    add_index_pages(home)
    topics = [TopicFactory(name=name) for name in ("facebook", "twitter", "risk", "metrics", "young-people")]
    councils = [CouncilFactory() for _ in range(5)]
    platforms = [PlatformFactory() for _ in range(3)]
    users = content.make_users(20, councils)
    content.RANDOM.seed(9)
    with content.quiet_page_saves():
        add_items(size, 0, topics, councils, platforms, users)
    barrier = BarrierPage.objects.filter(numchild__gt=0).order_by("pk").first()
    return {
        "home": "/",
        "case study index": "/case-studies/",
        "case study index, filtered": f"/case-studies/?topic={topics[0].slug}&stage=listen",
        "case study": CaseStudyPage.objects.order_by("pk").first().url,
        "barrier index": "/barriers/",
        "barrier": barrier.url,
        "fix": FixPage.objects.child_of(barrier).first().url,
        "mentor index": "/mentors/",
        "mentor": MentorPage.objects.order_by("pk").first().url,
        "surgery index": "/surgeries/",
        "surgery": SurgeryPage.objects.filter(bookings__isnull=False).order_by("-start").first().url,
        "search": "/search/?q=facebook",
        "impact": "/impact/",
    }


@pytest.fixture(scope="module", params=SCALES, ids=[f"{size}-of-each" for size in SCALES])
def site(request, django_db_setup, django_db_blocker):
    """The page addresses of a site with ``size`` items of each kind, built once per scale."""
    backends = settings.WAGTAILSEARCH_BACKENDS
    index_dir = tempfile.mkdtemp(prefix="practicehub-test-whoosh-budgets-")
    settings.WAGTAILSEARCH_BACKENDS = {**backends, "default": {**backends["default"], "PATH": index_dir}}
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            yield build_site(request.param)
            transaction.set_rollback(True)
    finally:
        settings.WAGTAILSEARCH_BACKENDS = backends
        shutil.rmtree(index_dir, ignore_errors=True)


@pytest.fixture(autouse=True)
def _empty_search_index_per_test():
    """This module's search index is built with its site, once per scale (overrides conftest's)."""


def count_queries(client, url):
    client.get(url)  # warm Wagtail's and Django's per-process caches first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(BUDGETS))
@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_page_renders_within_its_query_budget_at_any_size(client, site, page, signed_in):
    if signed_in:
        client.force_login(UserFactory(council=Council.objects.first()))
    queries = count_queries(client, site[page])
    assert queries <= BUDGETS[page][signed_in] <= 15, f"{page} ({site[page]}): {queries} queries"


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(BUDGETS))
def test_member_page_within_its_budget_once_shared_parts_are_cached(client, site, page, settings):
    settings.FRAGMENT_CACHE_SECONDS = 300
    caches[settings.PAGE_CACHE_ALIAS].clear()  # nothing kept from another scale's site
    client.force_login(UserFactory(council=Council.objects.first()))
    queries = count_queries(client, site[page])
    assert queries <= MEMBER_WITH_SHARED_PARTS_CACHED[page] <= 15, f"{page} ({site[page]}): {queries} queries"


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(BUDGETS))
@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_first_page_after_a_change_within_its_budget(client, site, page, signed_in, settings):
    from cms import cache as page_cache

    settings.FRAGMENT_CACHE_SECONDS = settings.PAGE_CACHE_SECONDS = 300
    caches[settings.PAGE_CACHE_ALIAS].clear()
    if signed_in:
        client.force_login(UserFactory(council=Council.objects.first()))
    client.get(site[page])
    page_cache._bump("default")  # what the commit of any public change does
    with CaptureQueriesContext(connection) as queries:
        response = client.get(site[page])
    assert response.status_code == 200
    assert response.get(page_cache.CACHE_HEADER) != "hit"
    assert len(queries) <= FIRST_AFTER_A_CHANGE[page][signed_in] <= 15, (
        f"{page} ({site[page]}): {len(queries)} queries"
    )
