"""The public read-only JSON API: case studies with exactly their declared fields, and nothing
private of any page type."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import CouncilFactory, PlatformFactory, TopicFactory
from tests.practice.case_study_factories import (
    BarrierPageFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    KnowledgeBaseIndexPageFactory,
    MentorIndexPageFactory,
    MentorPageFactory,
)
from tests.practice.case_study_helpers import captured_queries

pytestmark = pytest.mark.django_db
CASE_STUDIES = "/api/v2/pages/?type=practice.CaseStudyPage"
SECRET_EMAIL = "carl.private@example.gov.uk"


@pytest.fixture
def index(home_page):
    return CaseStudyIndexPageFactory(parent=home_page)


@pytest.fixture
def mentor(home_page):
    mentors = MentorIndexPageFactory(parent=home_page, publish=True)
    return MentorPageFactory(parent=mentors, title="Carl Mentor", contact_email=SECRET_EMAIL, publish=True)


@pytest.fixture
def case_study(index, home_page, mentor):
    knowledge_base = KnowledgeBaseIndexPageFactory(parent=home_page)
    barrier = BarrierPageFactory(parent=knowledge_base, title="Social media sites are blocked")
    hidden_barrier = BarrierPageFactory(parent=knowledge_base, title="A draft barrier", live=False)
    return CaseStudyPageFactory(
        parent=index,
        title="The regulator's report on a blog",
        council=CouncilFactory(
            name="Ofqual", kind="other", region="national", website="https://www.gov.uk/ofqual"
        ),
        platforms=[PlatformFactory(name="Blogs", slug="blogs")],
        topics=[TopicFactory(name="blogging")],
        stage="participate",
        summary="A proof of concept, hosted outside the firewall.",
        published_date=datetime.date(2009, 6, 20),
        outcomes=[("Comments on the report", 140, "responses")],
        barriers=[barrier, hidden_barrier],
        contact_mentor=mentor,
        publish=True,
    )


def test_case_study_listing_with_all_its_fields(client, case_study):
    response = client.get(CASE_STUDIES + "&fields=*")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    [item] = response.json()["items"]
    assert item["title"] == "The regulator's report on a blog"
    assert item["council"] == {
        "name": "Ofqual",
        "kind": "Other public body",
        "region": "UK-wide",
        "website": "https://www.gov.uk/ofqual",
    }
    assert item["platforms"] == ["Blogs"]
    assert item["stage"] == "participate"
    assert item["summary"] == "A proof of concept, hosted outside the firewall."
    assert item["outcomes"] == [
        {"label": "Comments on the report", "value": "140.00", "unit": "responses", "unit_label": "Responses"}
    ]
    assert item["topics"] == [{"slug": "blogging", "name": "blogging"}]
    assert [barrier["title"] for barrier in item["barriers"]] == ["Social media sites are blocked"]
    assert item["barriers"][0]["html_url"].endswith("/barriers/social-media-sites-are-blocked/")
    assert item["published_date"] == "2009-06-20"
    assert item["meta"]["html_url"].endswith("/case-studies/the-regulators-report-on-a-blog/")


def test_case_study_detail_shows_its_declared_fields_only(client, case_study):
    data = client.get(f"/api/v2/pages/{case_study.pk}/").json()
    fields = set(data) - {"id", "meta", "title"}
    assert fields == {
        "council",
        "service_area",
        "platforms",
        "stage",
        "summary",
        "body",
        "outcomes",
        "lessons_learned",
        "risks",
        "barriers",
        "topics",
        "published_date",
    }
    assert "contact_mentor" not in data and "owner" not in data


def test_api_can_filter_case_studies_by_stage(client, case_study, index):
    CaseStudyPageFactory(parent=index, title="Listening", stage="listen")
    titles = [item["title"] for item in client.get(CASE_STUDIES + "&stage=listen").json()["items"]]
    assert titles == ["Listening"]


def test_drafts_and_private_case_studies_are_not_in_the_api(client, case_study, index):
    draft = CaseStudyPageFactory(parent=index, title="Draft", live=False)
    private = CaseStudyPageFactory(parent=index, title="Private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    titles = [item["title"] for item in client.get(CASE_STUDIES).json()["items"]]
    assert titles == ["The regulator's report on a blog"]
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?type=practice.MentorPage&fields=contact_email",
        "/api/v2/pages/?type=practice.MentorPage&fields=*,contact_email",
        "/api/v2/pages/?type=practice.MentorPage&contact_email=" + SECRET_EMAIL,
        "/api/v2/pages/?type=practice.MentorPage&order=contact_email",
        "/api/v2/pages/?type=practice.MentorPage&fields=user",
        "/api/v2/pages/?type=practice.CaseStudyPage&fields=contact_mentor(contact_email)",
        "/api/v2/pages/?type=practice.CaseStudyPage&fields=barriers(contact_email)",
        "/api/v2/pages/?fields=owner",
    ],
)
def test_private_fields_cannot_be_selected_filtered_or_ordered_by(client, case_study, mentor, url):
    response = client.get(url)
    assert response.status_code == 400
    assert SECRET_EMAIL not in response.content.decode()


def test_mentor_pages_never_show_their_email(client, case_study, mentor):
    for url in [
        f"/api/v2/pages/{mentor.pk}/",
        f"/api/v2/pages/{mentor.pk}/?fields=*",
        "/api/v2/pages/?type=practice.MentorPage&fields=*",
        "/api/v2/pages/?fields=*",
        "/api/v2/pages/?search=carl.private",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET_EMAIL not in response.content.decode(), url
        assert "contact_email" not in response.content.decode(), url


def test_the_api_is_read_only(client, case_study):
    response = client.post(CASE_STUDIES, {"title": "Hacked"})
    assert response.status_code == 405
    assert client.delete(f"/api/v2/pages/{case_study.pk}/").status_code == 405


def test_bad_api_input_is_a_400_not_a_500(client, case_study):
    for url in [
        "/api/v2/pages/?type=practice.NoSuchPage",
        CASE_STUDIES + "&limit=abc",
        CASE_STUDIES + "&order=nonsense",
        CASE_STUDIES + "&fields=nonsense",
        CASE_STUDIES + "&published_date=yesterday",
    ]:
        assert client.get(url).status_code == 400, url


def test_case_study_listing_queries_do_not_grow(client, index, case_study):
    topic = TopicFactory(name="metrics")
    platform = PlatformFactory(name="Twitter", slug="twitter")

    def add(number):
        for _ in range(number):
            CaseStudyPageFactory(
                parent=index,
                topics=[topic],
                platforms=[platform],
                outcomes=[("People reached", 5, "people_reached")],
                barriers=[link.barrier for link in case_study.barrier_links.all()],
            )

    def count():
        with captured_queries() as queries:
            response = client.get(CASE_STUDIES + "&fields=*&limit=20")
        assert response.status_code == 200
        return len(queries), len(response.json()["items"])

    add(5)
    client.get(CASE_STUDIES + "&fields=*")  # warm the shared caches
    small, small_items = count()
    add(20)
    large, large_items = count()
    assert (small_items, large_items) == (6, 20)
    assert large == small
