"""The knowledge base pages as a reader sees them: the index, a barrier and its ranked fixes, a
fix, and the feeds."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from practice.models import BarrierPage, FixPage
from tests.factories import CouncilFactory, TopicFactory
from tests.practice.knowledge_factories import (
    BarrierFactory,
    FixEndorsementFactory,
    FixFactory,
)

pytestmark = pytest.mark.django_db


def section(html, start_marker, end_marker):
    start = html.index(start_marker)
    return html[start : html.index(end_marker, start)]


def test_index_lives_at_barriers_and_is_in_the_header(client, knowledge_base):
    response = client.get("/")
    assert '<a href="/barriers/">Barriers and fixes</a>' in response.content.decode()
    assert client.get("/barriers/").status_code == 200


def test_index_groups_barriers_by_category_in_the_categories_order(client, knowledge_base):
    BarrierFactory(parent=knowledge_base, title="Zebra risk", category=BarrierPage.Category.RISK)
    BarrierFactory(parent=knowledge_base, title="Apple risk", category=BarrierPage.Category.RISK)
    BarrierFactory(parent=knowledge_base, title="Blocked sites", category=BarrierPage.Category.TECHNOLOGY)
    BarrierFactory(parent=knowledge_base, title="Culture clash", category=BarrierPage.Category.CULTURE)
    BarrierFactory(parent=knowledge_base, title="Draft barrier", live=False)
    html = client.get("/barriers/").content.decode()
    order = [
        html.index(text)
        for text in [
            ">Culture and leadership</h2>",
            "Culture clash",
            ">Risk and governance</h2>",
            "Apple risk",
            "Zebra risk",
            ">Technology and access</h2>",
            "Blocked sites",
        ]
    ]
    assert order == sorted(order)
    assert "Draft barrier" not in html
    assert ">Resources</h2>" not in html  # empty categories are left out
    assert "4 barriers in 3 categories." in html


def test_index_filters_by_topic_and_category(client, knowledge_base):
    twitter, metrics = TopicFactory(name="twitter"), TopicFactory(name="metrics")
    BarrierFactory(parent=knowledge_base, title="Tweets ignored", topics=[twitter])
    BarrierFactory(parent=knowledge_base, title="No numbers", topics=[metrics], category="evidence")
    BarrierFactory(parent=knowledge_base, title="Both", topics=[metrics, twitter], category="evidence")

    html = client.get("/barriers/?topic=twitter").content.decode()
    assert "Tweets ignored" in html and "Both" in html and "No numbers" not in html
    assert "2 barriers match your filters." in html
    html = client.get("/barriers/?topic=twitter&category=evidence").content.decode()
    assert "Both" in html and "Tweets ignored" not in html
    html = client.get("/barriers/?category=evidence").content.decode()
    assert "No numbers" in html and "Both" in html and "Tweets ignored" not in html
    # Topic tags link to the filtered index.
    assert 'href="/barriers/?topic=metrics"' in html


def test_bad_filters_get_a_message_and_a_400_not_an_error_page(client, knowledge_base):
    BarrierFactory(parent=knowledge_base, title="Still listed")
    for query in ["?topic=no-such-topic", "?category=%3Cscript%3E", "?topic=" + "x" * 5000]:
        response = client.get("/barriers/" + query)
        html = response.content.decode()
        assert response.status_code == 400, query
        assert "There is a problem" in html
        assert "Still listed" in html
        assert "<script>" not in html.split("<main")[1]


def test_barrier_page_ranks_fixes_by_councils_then_endorsements_then_newest(client, barrier):
    now = timezone.now()
    devon, kirklees, norfolk = (CouncilFactory(name=name) for name in ["Devon", "Kirklees", "Norfolk"])
    # Two councils by endorsement; its own council is one of them, so it still counts two.
    two_councils = FixFactory(
        parent=barrier, title="Two councils", council=devon, first_published_at=now - timedelta(days=9)
    )
    FixEndorsementFactory(fix=two_councils, council=devon)
    FixEndorsementFactory(fix=two_councils, council=kirklees)
    # One council (its author's), but three endorsements without a council: more endorsements.
    one_council_many = FixFactory(
        parent=barrier, title="One council, many", council=norfolk, first_published_at=now - timedelta(days=8)
    )
    for _ in range(3):
        FixEndorsementFactory(fix=one_council_many, council=None)
    # One council by endorsement, one endorsement, older than the next.
    older = FixFactory(parent=barrier, title="Older single", first_published_at=now - timedelta(days=7))
    FixEndorsementFactory(fix=older, council=devon)
    newer = FixFactory(parent=barrier, title="Newer single", first_published_at=now - timedelta(days=1))
    FixEndorsementFactory(fix=newer, council=kirklees)
    # Nothing at all.
    FixFactory(parent=barrier, title="Nothing yet", first_published_at=now)
    FixFactory(parent=barrier, title="Draft fix", live=False)

    html = section(client.get(barrier.url).content.decode(), 'id="fixes"', 'id="suggest-a-fix"')
    titles = ["Two councils", "One council, many", "Newer single", "Older single", "Nothing yet"]
    positions = [html.index(f">{title}</a>") for title in titles]
    assert positions == sorted(positions)
    assert "Draft fix" not in html
    two = section(html, ">Two councils</a>", ">One council, many</a>")
    assert "Worked for 2 councils" in two and "2 said “this worked for us”" in two
    many = section(html, ">One council, many</a>", ">Newer single</a>")
    assert "Worked for 1 council<" in many and "3 said “this worked for us”" in many
    assert [fix.title for fix in barrier.ranked_fixes()] == titles


def test_barrier_page_shows_its_description_category_topics_and_source(client, knowledge_base):
    page = BarrierFactory(
        parent=knowledge_base,
        title="Fear of children being identified",
        category="safeguarding",
        summary="Managers worry children will be identified.",
        source="LocalGovCamp 2009 session notes",
        description=[("paragraph", "<p>Not allowed to use children's voices.</p>")],
        topics=[TopicFactory(name="young-people")],
    )
    html = client.get(page.url).content.decode()
    assert "<h1>Fear of children being identified</h1>" in html
    assert '<a href="/barriers/?category=safeguarding">Safeguarding and privacy</a>' in html
    assert "Recorded in LocalGovCamp 2009 session notes." in html
    assert "<p>Not allowed to use children&#x27;s voices.</p>" in html or "children's voices" in html
    assert '<a class="tag" href="/topics/young-people/">young-people</a>' in html
    assert "No fixes have been published for this barrier yet." in html


def test_fix_page_shows_steps_where_it_worked_and_who_it_worked_for(client, barrier):
    fix = FixFactory(
        parent=barrier,
        title="Map what young people do online",
        council=CouncilFactory(name="Brighton & Hove City Council"),
        steps=[
            ("step", {"title": "Ask young people", "detail": "<p>Where do you go?</p>"}),
            ("callout", {"kind": "tip", "title": "Remember", "text": "<p>Consent first.</p>"}),
            ("step", {"title": "Build the strategy from the map"}),
        ],
        where_it_worked="Brighton.\n\nA mapping exercise <b>not bold</b>.",
        source="LocalGovCamp 2009 session notes",
    )
    FixEndorsementFactory(fix=fix, council=CouncilFactory(name="Devon County Council"))
    html = client.get(fix.url).content.decode()
    assert '<a href="/barriers/blocked-internet-access/">Blocked internet access</a>' in html
    assert "shared by Brighton &amp; Hove City Council" in html
    steps = section(html, '<ol class="steps">', "</ol>")
    assert steps.index("Ask young people") < steps.index("Consent first.") < steps.index("Build the strategy")
    assert '<li class="step step--note">' in steps
    assert "<p>Brighton.</p>\n\n<p>A mapping exercise &lt;b&gt;not bold&lt;/b&gt;.</p>" in html
    assert "It has worked for 2 councils: Brighton &amp; Hove City Council, Devon County Council." in html
    assert "Source: LocalGovCamp 2009 session notes" in html


def test_text_stored_by_editors_is_escaped_everywhere(client, knowledge_base):
    payload = '<script>alert("x")</script>'
    barrier = BarrierFactory(
        parent=knowledge_base, title=f"Barrier {payload}", summary=payload, source=payload
    )
    fix = FixFactory(parent=barrier, title=f"Fix {payload}", summary=payload, where_it_worked=payload)
    for url in ["/barriers/", barrier.url, fix.url, "/barriers/feed/rss/", "/barriers/feed/atom/"]:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "&lt;script&gt;" in html, url


def test_fixes_cannot_take_the_slug_of_a_barrier_route(barrier):
    fix = FixPage(title="Suggest a fix", slug="suggest-a-fix", summary="x")
    fix.set_url_path(barrier)
    fix._cached_parent_obj = barrier
    with pytest.raises(ValidationError, match="used by the barrier page itself"):
        fix.full_clean()


def test_feeds_list_newly_published_barriers_and_fixes(client, knowledge_base):
    now = timezone.now()
    barrier = BarrierFactory(
        parent=knowledge_base, title="Old barrier", first_published_at=now - timedelta(days=3)
    )
    new_fix = FixFactory(parent=barrier, title="New fix", summary="Do this.", first_published_at=now)
    FixFactory(parent=barrier, title="Unpublished fix", live=False)

    rss = client.get("/barriers/feed/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    items = ElementTree.fromstring(rss.content).findall("./channel/item")  # noqa: S314 - our own feed
    assert [item.findtext("title") for item in items] == ["Fix: New fix", "Barrier: Old barrier"]
    assert items[0].findtext("description") == "Do this."
    assert items[0].findtext("link") == "http://testserver" + new_fix.url

    atom = client.get("/barriers/feed/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    entries = ElementTree.fromstring(atom.content).findall("{http://www.w3.org/2005/Atom}entry")  # noqa: S314
    assert len(entries) == 2


@pytest.mark.parametrize("path", ["/barriers/", "/barriers/blocked-internet-access/"])
def test_pages_link_the_feeds_in_their_head(client, barrier, path):
    head = client.get(path).content.decode().split("</head>")[0]
    assert (
        '<link rel="alternate" type="application/rss+xml" title="New barriers and fixes (RSS)" href="/barriers/feed/rss/">'
        in head
    )
    assert 'type="application/atom+xml"' in head and 'href="/barriers/feed/atom/"' in head
