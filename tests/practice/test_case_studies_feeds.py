"""RSS and Atom feeds of new case studies."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import CouncilFactory, TopicFactory
from tests.practice.case_study_factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.practice.case_study_helpers import captured_queries, count_queries

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def parse(response):
    return ET.fromstring(response.content)  # noqa: S314 - our own feed, in a test


@pytest.fixture
def index(home_page):
    return CaseStudyIndexPageFactory(parent=home_page)


@pytest.fixture
def studies(index):
    topic = TopicFactory(name="young-people")
    first = CaseStudyPageFactory(
        parent=index,
        title="Mapping what young people do online",
        summary="Brighton mapped it <first> & built the strategy on it.",
        council=CouncilFactory(name="Brighton & Hove City Council"),
        topics=[topic],
        publish=True,
    )
    second = CaseStudyPageFactory(parent=index, title="The regulator's report on a blog", publish=True)
    CaseStudyPageFactory(parent=index, title="A draft", live=False)
    private = CaseStudyPageFactory(parent=index, title="Private one", publish=True)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return first, second


def test_rss_feed_lists_new_public_case_studies_newest_first(client, studies):
    response = client.get("/case-studies/feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse(response).find("channel")
    assert channel.findtext("title") == "Case studies – Practice Hub"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "The regulator's report on a blog",
        "Mapping what young people do online",
    ]
    brighton = items[1]
    assert brighton.findtext("link") == "http://testserver/case-studies/mapping-what-young-people-do-online/"
    assert brighton.findtext("description") == "Brighton mapped it <first> & built the strategy on it."
    assert brighton.findtext("category") == "young-people"
    assert brighton.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Brighton & Hove City Council"


def test_atom_feed_lists_the_same(client, studies):
    response = client.get("/case-studies/feed/atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse(response)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["The regulator's report on a blog", "Mapping what young people do online"]


def test_feed_of_an_empty_index_is_valid(client, index):
    response = client.get("/case-studies/feed/rss/")
    assert response.status_code == 200
    assert parse(response).find("channel").findall("item") == []


def test_feed_queries_do_not_grow(client, index):
    topic = TopicFactory(name="metrics")

    def add(number):
        for _ in range(number):
            CaseStudyPageFactory(parent=index, topics=[topic], council=CouncilFactory())

    add(5)
    client.get("/case-studies/feed/rss/")  # warm the shared caches
    small = count_queries(client, "/case-studies/feed/rss/")
    add(25)
    with captured_queries() as queries:
        response = client.get("/case-studies/feed/rss/")
    assert response.content.count(b"<item>") == 20
    assert len(queries) == small
    assert small <= 12


def test_index_links_its_feeds(client, index):
    html = client.get("/case-studies/").content.decode()
    assert (
        'rel="alternate" type="application/rss+xml" title="New case studies (RSS)" href="/case-studies/feed/rss/"'
        in html
    )
    assert '<a href="/case-studies/feed/atom/">Atom feed</a>' in html
