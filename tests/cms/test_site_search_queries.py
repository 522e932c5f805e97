"""The results page does a bounded number of queries: not one more per result, nor per page of
results, however many pages match (run with the database backend, whose searches are queries)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cms.site_search_factories import make_standard_page
from tests.factories import CouncilFactory, TopicFactory
from tests.practice.knowledge_factories import BarrierFactory, FixFactory, KnowledgeBaseIndexFactory
from tests.practice.mentor_factories import MentorPageFactory, make_mentor_index

pytestmark = pytest.mark.django_db

TYPES = ["barrier", "fix", "mentor", "standard-page"]


@pytest.fixture
def quarry_site(home_page):
    """Adds ``number`` pages of each type that all match "quarry", with topics and councils."""
    knowledge_base = KnowledgeBaseIndexFactory(parent=home_page)
    mentor_index = make_mentor_index(home_page)
    topics = [TopicFactory(name="quarry-topic"), TopicFactory(name="other-topic")]
    councils = [CouncilFactory(), CouncilFactory()]

    def add(number, start=0):
        for n in range(start, start + number):
            barrier = BarrierFactory(
                parent=knowledge_base, title=f"Quarry barrier {n}", topics=topics[: 1 + n % 2]
            )
            FixFactory(parent=barrier, title=f"Quarry fix {n}", council=councils[n % 2], topics=topics)
            MentorPageFactory(
                parent=mentor_index,
                title=f"Quarry Mentor{n}",
                bio="<p>Knows about quarries and quarry policy.</p>",
                council=councils[n % 2],
                topics=topics[: 1 + n % 2],
            )
            make_standard_page(home_page, f"Quarry page {n}", intro="About quarry sites.")

    return add


def count_queries(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", params)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("type_slug", ["", *TYPES])
def test_queries_do_not_grow_with_the_results_on_the_page(client, quarry_site, type_slug):
    quarry_site(1)
    count_queries(client, q="quarry", type=type_slug)  # warm Wagtail's per-process caches
    one_each, html = count_queries(client, q="quarry", type=type_slug)
    assert html.count('<li class="search-result">') == (4 if not type_slug else 1)

    quarry_site(11, start=1)
    twelve_each, html = count_queries(client, q="quarry", type=type_slug)
    later_page, _ = count_queries(client, q="quarry", type=type_slug, page=2)

    assert html.count('<li class="search-result">') == 10
    # Measured on SQLite: a page of results of every type takes 13 queries (the site, the menu,
    # view restrictions, the search, its count and facets, the search log and promotions, then
    # for each type on the page one load and its prefetches, the topics of every type in one,
    # and the parents); a page of one type 7 to 9. Later pages skip the search log and
    # promotions.
    if type_slug:
        assert twelve_each == one_each == later_page <= 9
    else:
        assert twelve_each <= one_each <= 13
        assert later_page <= one_each


def test_queries_are_bounded_when_nothing_matches(client, quarry_site):
    quarry_site(3)
    count_queries(client, q="zzyzx")
    nothing, html = count_queries(client, q="zzyzx")

    assert "No pages match your search." in html
    # The search's facets and count, the search log and promotions, and the suggestions.
    assert nothing <= 10


def test_the_topics_of_every_result_type_come_in_one_query(client, quarry_site):
    quarry_site(2)
    count_queries(client, q="quarry")  # warm Wagtail's per-process caches
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/search/", {"q": "quarry"}).content.decode()
    link_tables = ("practice_barriertopic", "practice_fixtopic", "practice_mentortopic")
    reading_topics = [
        query["sql"] for query in queries if any(table in query["sql"] for table in link_tables)
    ]
    assert len(reading_topics) == 1, reading_topics
    assert all(table in reading_topics[0] for table in link_tables)

    results = html.split('<li class="search-result">')[1:]
    shown = {result.split("</a>")[0].rsplit(">", 1)[-1].strip(): result for result in results}
    assert "other-topic, quarry-topic" in shown["Quarry fix 0"]  # both topics, listed by name
    assert "quarry-topic" in shown["Quarry barrier 0"] and "other-topic" not in shown["Quarry barrier 0"]
    assert "other-topic, quarry-topic" in shown["Quarry Mentor1"]
    assert "other-topic" not in shown["Quarry page 0"]
