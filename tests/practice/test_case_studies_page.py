"""A case study's page: the facts at a glance, outcomes, the barriers it overcame, its contact
mentor, related case studies, and a query count that does not grow with the site."""

import datetime
from decimal import Decimal

import pytest
from wagtail.models import PageViewRestriction

from cms.models import Council
from practice.models import CaseStudyOutcome, CaseStudyPage
from tests.factories import CouncilFactory, PlatformFactory, TopicFactory
from tests.practice.case_study_factories import (
    BarrierPageFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    KnowledgeBaseIndexPageFactory,
    MentorIndexPageFactory,
    MentorPageFactory,
)
from tests.practice.case_study_helpers import captured_queries, count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return CaseStudyIndexPageFactory(parent=home_page)


@pytest.fixture
def knowledge_base(home_page):
    return KnowledgeBaseIndexPageFactory(parent=home_page)


@pytest.fixture
def topics(db):
    return {name: TopicFactory(name=name) for name in ["metrics", "young-people", "twitter", "co-production"]}


@pytest.fixture
def case_study(index, knowledge_base, topics):
    devon = CouncilFactory(
        name="Devon County Council", kind=Council.Kind.COUNTY, region=Council.Region.SOUTH_WEST
    )
    blocked = BarrierPageFactory(parent=knowledge_base, title="Social media sites are blocked")
    risk = BarrierPageFactory(parent=knowledge_base, title="Risk assessments keep control", category="risk")
    return CaseStudyPageFactory(
        parent=index,
        title="An internal social network pilot",
        council=devon,
        service_area="Organisational development",
        platforms=[PlatformFactory(name="Internal social network", slug="internal-network")],
        stage=CaseStudyPage.Stage.TRANSFORM,
        summary="Devon linked a pilot <b>to the strategy</b>.",
        published_date=datetime.date(2009, 6, 20),
        topics=[topics["metrics"], topics["co-production"]],
        barriers=[risk, blocked],
        outcomes=[
            ("Staff who joined", 1200, "people_reached"),
            ("Saved on printing", Decimal("12500"), "money_saved"),
            ("Average reply time in hours", Decimal("2.50"), "other"),
        ],
        body=[
            ("text", "<p>We read the strategy and found what we could draw on.</p>"),
            ("quote", {"quote": "Persistence was key.", "attribution": "Carl Haggerty"}),
        ],
        lessons_learned="<ul><li>Be shameless: promote it.</li></ul>",
        risks=[("risk", {"risk": "Staff would waste time", "handling": "We measured it.\nIt did not."})],
        publish=True,
    )


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_facts_at_a_glance(client, case_study):
    html = html_of(client, case_study)
    assert "<h1>An internal social network pilot</h1>" in html
    assert "Devon County Council" in html and "(county council, South West)" in html
    assert "Organisational development" in html
    assert "<dt>Platforms</dt><dd>Internal social network</dd>" in html
    assert '<span class="stage stage--transform">Transform</span>' in html
    assert "Redesigning a service" in html  # what the stage means
    assert '<time datetime="2009-06-20">20 June 2009</time>' in html
    assert '<a class="tag" href="/topics/metrics/">metrics</a>' in html


def test_summary_and_risks_are_plain_text(client, case_study):
    html = html_of(client, case_study)
    assert "Devon linked a pilot &lt;b&gt;to the strategy&lt;/b&gt;." in html
    assert "<dt>Staff would waste time</dt><dd>We measured it.<br>It did not.</dd>" in html


def test_outcomes_table_formats_values_by_unit(client, case_study):
    html = html_of(client, case_study)
    assert "<caption>Outcomes</caption>" in html
    assert (
        '<th scope="row">Staff who joined</th><td class="numeric">1,200</td><td>People reached</td>' in html
    )
    assert '<th scope="row">Saved on printing</th><td class="numeric">£12,500</td><td>£ saved</td>' in html
    assert '<td class="numeric">2.5</td><td>Other</td>' in html


@pytest.mark.parametrize(
    "value, unit, shown",
    [
        ("1200", "citizen_hours", "1,200"),
        ("0.75", "staff_hours_saved", "0.75"),
        ("12.50", "money_saved", "£12.50"),
        ("1000000", "money_saved", "£1,000,000"),
        ("0", "responses", "0"),
    ],
)
def test_outcome_value_formatting(value, unit, shown):
    assert CaseStudyOutcome(label="x", value=Decimal(value), unit=unit).formatted_value == shown


def test_story_lessons_and_risks_are_shown(client, case_study):
    html = html_of(client, case_study)
    assert "We read the strategy and found what we could draw on." in html
    assert "Persistence was key." in html and "Carl Haggerty" in html
    assert "<li>Be shameless: promote it.</li>" in html
    assert "Risks and how they were handled" in html


def test_barriers_it_overcame_link_to_them_in_the_editors_order(client, case_study):
    html = html_of(client, case_study)
    risk = html.index('<a href="/barriers/risk-assessments-keep-control/">Risk assessments keep control</a>')
    blocked = html.index(
        '<a href="/barriers/social-media-sites-are-blocked/">Social media sites are blocked</a>'
    )
    assert risk < blocked


def test_unpublished_and_private_barriers_are_not_linked(client, case_study):
    risk, blocked = [link.barrier for link in case_study.barrier_links.all()]
    risk.unpublish()
    PageViewRestriction.objects.create(page=blocked, restriction_type="login")
    html = html_of(client, case_study)
    assert "Barriers it overcame" not in html
    assert "Risk assessments keep control" not in html
    assert "Social media sites are blocked" not in html


def test_contact_mentor_shows_name_and_profile_link_never_their_email(client, case_study, home_page):
    mentors = MentorIndexPageFactory(parent=home_page)
    mentor = MentorPageFactory(
        parent=mentors, title="Carl Mentor", contact_email="carl.private@example.gov.uk"
    )
    case_study.contact_mentor = mentor
    case_study.save_revision().publish()
    html = html_of(client, case_study)
    assert '<a href="/mentors/carl-mentor/">Carl Mentor</a> is a digital mentor' in html
    assert "carl.private" not in html

    mentor.unpublish()
    assert "Carl Mentor" not in html_of(client, case_study)


def test_drafts_are_not_shown_to_the_public(client, index):
    draft = CaseStudyPageFactory(parent=index, live=False)
    assert client.get(f"/case-studies/{draft.slug}/").status_code == 404


def test_feeds_are_linked_from_the_head(client, case_study):
    html = html_of(client, case_study)
    assert (
        '<link rel="alternate" type="application/rss+xml" title="New case studies (RSS)" href="/case-studies/feed/rss/">'
        in html
    )
    assert (
        'type="application/atom+xml" title="New case studies (Atom)" href="/case-studies/feed/atom/"' in html
    )


# --- related case studies ------------------------------------------------------------------


def related_titles(html):
    import re

    related = html[html.index('id="related-heading"') :]
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a></h3>', related)


def test_related_case_studies_share_the_most_topics_first_at_most_three(client, index, topics):
    t = topics
    page = CaseStudyPageFactory(
        parent=index, title="Subject", topics=[t["metrics"], t["young-people"], t["twitter"]]
    )
    CaseStudyPageFactory(
        parent=index,
        title="Shares one (older)",
        topics=[t["metrics"]],
        published_date=datetime.date(2001, 1, 1),
    )
    CaseStudyPageFactory(
        parent=index, title="Shares three", topics=[t["metrics"], t["young-people"], t["twitter"]]
    )
    CaseStudyPageFactory(
        parent=index, title="Shares two", topics=[t["young-people"], t["twitter"], t["co-production"]]
    )
    CaseStudyPageFactory(
        parent=index,
        title="Shares one (newer)",
        topics=[t["twitter"]],
        published_date=datetime.date(2011, 1, 1),
    )
    CaseStudyPageFactory(parent=index, title="Shares none", topics=[t["co-production"]])
    CaseStudyPageFactory(parent=index, title="Shares three but a draft", topics=[t["metrics"]], live=False)
    assert related_titles(html_of(client, page)) == ["Shares three", "Shares two", "Shares one (newer)"]


def test_related_case_studies_are_computed_in_one_query(index, topics):
    page = CaseStudyPageFactory(parent=index, topics=[topics["metrics"]])
    for _ in range(5):
        CaseStudyPageFactory(parent=index, topics=[topics["metrics"], topics["twitter"]])
    subject_topics = list(page.topics.all())
    # One query for the related case studies with their councils, after the view restrictions
    # (read once per request: cms/page_queries.py).
    with captured_queries() as queries:
        related = page.related_case_studies(subject_topics)
        assert [study.council.name for study in related]  # councils came with them
    assert len(queries) == 2
    assert len(related) == 3


def test_no_related_section_without_shared_topics(client, index, topics):
    page = CaseStudyPageFactory(parent=index, topics=[topics["metrics"]])
    CaseStudyPageFactory(parent=index, topics=[topics["twitter"]])
    assert 'id="related-heading"' not in html_of(client, page)


# --- queries ---------------------------------------------------------------------------------


def test_case_study_page_queries_do_not_grow_with_the_site(client, case_study, index, knowledge_base, topics):
    def add(number):
        for _ in range(number):
            barrier = BarrierPageFactory(parent=knowledge_base)
            CaseStudyPageFactory(
                parent=index,
                topics=[topics["metrics"], topics["co-production"]],
                barriers=[barrier],
                outcomes=[("People reached", 10, "people_reached")],
            )

    add(10)
    client.get(case_study.url)  # warm the shared caches
    small = count_queries(client, case_study.url)
    add(50)
    large = count_queries(client, case_study.url)
    assert large == small
    assert small <= 25, f"a case study page took {small} queries"


# --- preview and search ----------------------------------------------------------------------


def test_preview_shows_unsaved_changes_including_barrier_links(index, knowledge_base, topics):
    from practice.models import CaseStudyBarrier

    page = CaseStudyPageFactory(parent=index, title="Before", publish=True)
    barrier = BarrierPageFactory(parent=knowledge_base, title="A newly linked barrier")
    page.title = "After, unsaved"
    page.barrier_links = [CaseStudyBarrier(barrier=barrier)]
    response = page.make_preview_request()
    html = response.render().content.decode() if hasattr(response, "render") else response.content.decode()
    assert "<h1>After, unsaved</h1>" in html
    assert "A newly linked barrier" in html


def test_index_preview_renders(index):
    CaseStudyPageFactory(parent=index, title="Listed")
    response = index.make_preview_request()
    assert response.status_code == 200
    assert "Listed" in response.render().content.decode()


def test_case_studies_are_searchable_by_summary_council_and_topic(index, topics):
    gritting = CaseStudyPageFactory(
        parent=index,
        summary="We tweeted the gritting routes.",
        council=CouncilFactory(name="Kirklees Council"),
        topics=[topics["co-production"]],
        publish=True,  # indexed as the editor publishes it, with its topics
    )
    CaseStudyPageFactory(parent=index, summary="Something else entirely.", publish=True)
    live = CaseStudyPage.objects.live()
    assert list(live.search("gritting")) == [gritting]
    assert list(live.search("Kirklees")) == [gritting]
    assert list(live.search("co-production")) == [gritting]
