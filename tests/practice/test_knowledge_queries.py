"""The index and barrier pages do a fixed number of queries, however much content there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CouncilFactory, TopicFactory, UserFactory
from tests.practice.knowledge_factories import (
    BarrierAffectedFactory,
    BarrierFactory,
    FixEndorsementFactory,
    FixFactory,
)

pytestmark = pytest.mark.django_db

CATEGORIES = ["culture", "risk", "technology", "skills", "evidence", "language", "safeguarding", "resources"]

# Measured: a visitor's page, then a signed-in member's (their session with them in one query, the
# council choices that the endorsement and suggestion forms read once between them). Finding
# the site (its root page without its own fields), routing a barrier page (cms/routing.py) and
# checking its view restrictions take 5.
# On the barrier page, "councils that got past this" adds 2, the Who can help panel 1 (it reads
# the barrier's topics; these barriers have none, so no mentor look-up follows, and
# tests/practice/test_pathway_who_can_help.py bounds the full panel) and the charter pledges 1.
INDEX_QUERIES = {False: 8, True: 9}
BARRIER_QUERIES = {False: 10, True: 12}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_barriers(knowledge_base, number, start=0):
    topics = [TopicFactory(name=f"topic-{n}") for n in range(3)]
    council = CouncilFactory()
    for n in range(start, start + number):
        barrier = BarrierFactory(
            parent=knowledge_base, category=CATEGORIES[n % len(CATEGORIES)], topics=topics[: 1 + n % 3]
        )
        if n % 3 == 0:
            FixFactory(parent=barrier)
            BarrierAffectedFactory(barrier=barrier, council=council)


def add_fixes(barrier, number, start=0):
    councils = [CouncilFactory() for _ in range(3)]
    topic = TopicFactory(name="shared-topic")
    for n in range(start, start + number):
        fix = FixFactory(parent=barrier, council=councils[n % 3], topics=[topic])
        for m in range(n % 3):
            FixEndorsementFactory(fix=fix, council=councils[m])


@pytest.mark.parametrize(
    ("signed_in", "large_size"), [(False, 60), (True, 300)], ids=["visitor-10-to-60", "member-10-to-300"]
)
def test_index_queries_do_not_grow_from_10_to_300_barriers(client, knowledge_base, signed_in, large_size):
    if signed_in:
        client.force_login(UserFactory())
    add_barriers(knowledge_base, 10)
    count_queries(client, "/barriers/")  # warm Wagtail's per-process caches
    small = count_queries(client, "/barriers/")
    small_filtered = count_queries(client, "/barriers/?topic=topic-1&category=risk")

    add_barriers(knowledge_base, large_size - 10, start=10)

    assert count_queries(client, "/barriers/") == small == INDEX_QUERIES[signed_in]
    # One more for the filter: looking up the chosen topic.
    assert count_queries(client, "/barriers/?topic=topic-1&category=risk") == small_filtered == small + 1
    html = client.get("/barriers/").content.decode()
    assert f"{large_size} barriers in 8 categories." in html


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_barrier_page_queries_do_not_grow_from_3_to_60_fixes(
    client, barrier, signed_in, django_assert_max_num_queries
):
    if signed_in:
        client.force_login(UserFactory())
    add_fixes(barrier, 3)
    count_queries(client, barrier.url)
    small = count_queries(client, barrier.url)

    add_fixes(barrier, 27, start=3)
    with django_assert_max_num_queries(BARRIER_QUERIES[signed_in]):
        response = client.get(barrier.url)
    assert response.content.decode().count('class="card kb-fix"') == 30

    add_fixes(barrier, 30, start=30)
    assert count_queries(client, barrier.url) == small == BARRIER_QUERIES[signed_in]


def test_fix_page_queries_do_not_grow_with_endorsements(client, barrier):
    fix = FixFactory(parent=barrier, council=CouncilFactory())
    client.force_login(UserFactory())
    FixEndorsementFactory(fix=fix)
    count_queries(client, fix.url)
    small = count_queries(client, fix.url)
    for _ in range(20):
        FixEndorsementFactory(fix=fix)
    assert count_queries(client, fix.url) == small
