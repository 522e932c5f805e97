"""The case-study index: filters that combine and live in the address, counts, sorting,
pagination, bad input, and a query count that does not grow with the number of case studies."""

import datetime
import re

import pytest
from wagtail.models import PageViewRestriction

from cms.models import Council
from practice.models import CaseStudyPage
from tests.factories import CouncilFactory, PlatformFactory, TopicFactory
from tests.practice.case_study_factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.practice.case_study_helpers import captured_queries, count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return CaseStudyIndexPageFactory(parent=home_page)


@pytest.fixture
def vocabulary(db):
    return {
        "twitter": PlatformFactory(name="Twitter", slug="twitter"),
        "facebook": PlatformFactory(name="Facebook", slug="facebook"),
        "blogs": PlatformFactory(name="Blogs", slug="blogs"),
        "metrics": TopicFactory(name="metrics"),
        "young-people": TopicFactory(name="young-people"),
        "devon": CouncilFactory(name="Devon", kind=Council.Kind.COUNTY, region=Council.Region.SOUTH_WEST),
        "brighton": CouncilFactory(
            name="Brighton", kind=Council.Kind.UNITARY, region=Council.Region.SOUTH_EAST
        ),
        "kirklees": CouncilFactory(
            name="Kirklees", kind=Council.Kind.METROPOLITAN, region=Council.Region.YORKSHIRE
        ),
    }


@pytest.fixture
def library(index, vocabulary):
    """Five case studies with distinct combinations, so each filter picks out a known set."""
    v = vocabulary
    make = CaseStudyPageFactory
    return {
        "devon_twitter": make(
            parent=index,
            title="Devon tweets",
            council=v["devon"],
            platforms=[v["twitter"]],
            topics=[v["metrics"]],
            stage="listen",
            published_date=datetime.date(2010, 5, 1),
        ),
        "devon_blog": make(
            parent=index,
            title="A Devon blog",
            council=v["devon"],
            platforms=[v["blogs"]],
            topics=[v["young-people"]],
            stage="participate",
            published_date=datetime.date(2009, 6, 20),
        ),
        "brighton_facebook": make(
            parent=index,
            title="Brighton maps young people online",
            council=v["brighton"],
            platforms=[v["facebook"], v["twitter"]],
            topics=[v["young-people"], v["metrics"]],
            stage="listen",
            published_date=datetime.date(2010, 1, 15),
        ),
        "kirklees_twitter": make(
            parent=index,
            title="Kirklees transforms",
            council=v["kirklees"],
            platforms=[v["twitter"]],
            topics=[v["metrics"]],
            stage="transform",
            published_date=datetime.date(2011, 3, 1),
        ),
        "brighton_blog": make(
            parent=index,
            title="Brighton blogs",
            council=v["brighton"],
            platforms=[v["blogs"]],
            topics=[],
            stage="participate",
            published_date=datetime.date(2008, 11, 1),
        ),
    }


def listed_titles(response):
    """The titles of the result cards, in order."""
    html = response.content.decode()
    results = html[html.index('id="results-heading"') :]
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a></h3>', results)


def get(client, query=""):
    response = client.get("/case-studies/" + query)
    assert response.status_code == 200
    return response


def test_index_lists_live_case_studies_newest_first_and_counts_them(client, library, index):
    CaseStudyPageFactory(parent=index, title="A draft", live=False)
    response = get(client)
    assert listed_titles(response) == [
        "Kirklees transforms",
        "Devon tweets",
        "Brighton maps young people online",
        "A Devon blog",
        "Brighton blogs",
    ]
    assert "5 case studies" in response.content.decode()


def test_private_case_studies_are_not_listed(client, library):
    PageViewRestriction.objects.create(page=library["devon_blog"], restriction_type="login")
    assert "A Devon blog" not in listed_titles(get(client))


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?topic=metrics", {"Devon tweets", "Brighton maps young people online", "Kirklees transforms"}),
        ("?platform=twitter", {"Devon tweets", "Brighton maps young people online", "Kirklees transforms"}),
        ("?platform=blogs", {"A Devon blog", "Brighton blogs"}),
        ("?stage=participate", {"A Devon blog", "Brighton blogs"}),
        ("?kind=county", {"Devon tweets", "A Devon blog"}),
        ("?region=south_east", {"Brighton maps young people online", "Brighton blogs"}),
        ("?region=yorkshire", {"Kirklees transforms"}),
    ],
)
def test_each_filter_narrows_the_list(client, library, query, expected):
    titles = listed_titles(get(client, query))
    assert set(titles) == expected
    assert len(titles) == len(expected)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?platform=twitter&stage=listen", ["Devon tweets", "Brighton maps young people online"]),
        ("?platform=twitter&stage=listen&region=south_east", ["Brighton maps young people online"]),
        ("?topic=young-people&kind=county", ["A Devon blog"]),
        (
            "?topic=metrics&platform=facebook&stage=listen&kind=unitary&region=south_east",
            ["Brighton maps young people online"],
        ),
    ],
)
def test_filters_combine(client, library, query, expected):
    assert listed_titles(get(client, query)) == expected


def test_filters_are_in_the_address_and_the_form_shows_them(client, library):
    html = get(client, "?platform=twitter&stage=listen").content.decode()
    assert '<form class="filters" method="get" action="/case-studies/">' in html
    assert '<option value="twitter" selected>Twitter (2)</option>' in html
    assert '<option value="listen" selected>Listen (2)</option>' in html
    # Each chosen filter can be removed on its own, keeping the other.
    assert 'href="/case-studies/?stage=listen">Platform: Twitter' in html
    assert 'href="/case-studies/?platform=twitter">Stage: Listen' in html


def test_each_option_counts_the_results_it_would_give_with_the_other_filters(client, library):
    html = get(client, "?stage=listen").content.decode()
    # Among "listen" case studies: Twitter in two, Facebook in one, blogs in none (hidden).
    assert '<option value="twitter">Twitter (2)</option>' in html
    assert '<option value="facebook">Facebook (1)</option>' in html
    assert 'value="blogs"' not in html
    # The stage's own options still count across every stage.
    assert '<option value="participate">Participate (2)</option>' in html
    assert '<option value="transform">Transform (1)</option>' in html


def test_nothing_matching_says_so_and_offers_a_way_back(client, library):
    response = get(client, "?platform=facebook&stage=transform")
    html = response.content.decode()
    assert listed_titles(response) == []
    assert "No case studies match" in html
    assert "No case study matches all of these filters" in html
    assert '<a href="/case-studies/">see every case study</a>' in html
    # The chosen options stay visible (with a count of 0 where that applies).
    assert '<option value="facebook" selected>Facebook (0)</option>' in html
    assert '<option value="transform" selected>Transform (0)</option>' in html


def test_an_empty_index_says_there_are_none_yet(client, index):
    html = get(client).content.decode()
    assert "No case studies yet" in html
    assert "There are no case studies yet" in html


@pytest.mark.parametrize(
    "query, field_label",
    [
        ("?topic=no-such-topic", "Topic"),
        ("?platform=myspace", "Platform"),
        ("?stage=reflect", "Stage"),
        ("?kind=empire", "Type of council"),
        ("?region=atlantis", "Region"),
        ("?sort=random", "Sort by"),
    ],
)
def test_an_unknown_filter_value_is_left_out_and_named(client, library, query, field_label):
    response = get(client, query)
    html = response.content.decode()
    assert len(listed_titles(response)) == 5
    assert "Some filters were left out" in html
    value = query.split("=", 1)[1]
    assert f"<li>{field_label}: we don't recognise “{value}”, so all are shown.</li>" in html


def test_an_unknown_value_does_not_stop_the_other_filters(client, library):
    response = get(client, "?topic=nope&stage=transform")
    assert listed_titles(response) == ["Kirklees transforms"]
    assert "Topic: we don't recognise “nope”" in response.content.decode()


def test_hostile_filter_values_are_escaped_and_shortened(client, library):
    response = get(client, "?topic=%3Cscript%3Ealert(1)%3C/script%3E" + "x" * 5000)
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "x" * 100 not in html


def test_a_topic_that_exists_but_no_case_study_uses_is_reported_not_failed(client, library):
    TopicFactory(name="video")
    response = get(client, "?topic=video")
    assert "Topic: we don't recognise “video”" in response.content.decode()


def test_repeated_and_unknown_parameters_are_harmless(client, library):
    response = get(client, "?stage=listen&stage=transform&utm_source=newsletter&foo=%00")
    assert listed_titles(response) == ["Kirklees transforms"]


def test_sort_a_to_z(client, library):
    titles = listed_titles(get(client, "?sort=title"))
    assert titles == sorted(titles, key=str.lower)
    assert titles[0] == "A Devon blog"


def test_sort_is_kept_with_the_filters(client, library):
    response = get(client, "?platform=twitter&sort=title")
    assert listed_titles(response) == [
        "Brighton maps young people online",
        "Devon tweets",
        "Kirklees transforms",
    ]
    assert 'href="/case-studies/?sort=title">Platform: Twitter' in response.content.decode()


# --- pagination ---------------------------------------------------------------------------


@pytest.fixture
def many(index, vocabulary):
    """45 case studies: three pages of 20, 20 and 5."""
    for number in range(45):
        CaseStudyPageFactory(
            parent=index,
            title=f"Study {number:02d}",
            platforms=[vocabulary["twitter"]],
            published_date=datetime.date(2010, 1, 1) + datetime.timedelta(days=number),
        )


def test_twenty_per_page_with_links_that_keep_the_filters(client, many):
    first = get(client, "?platform=twitter")
    assert listed_titles(first) == [f"Study {n:02d}" for n in range(44, 24, -1)]
    html = first.content.decode()
    assert "45 case studies" in html
    assert "Showing 1 to 20 of 45" in html
    assert 'href="/case-studies/?platform=twitter&amp;page=2" rel="next"' in html
    assert '<span aria-current="page"><span class="visually-hidden">Page </span>1</span>' in html

    third = get(client, "?platform=twitter&page=3")
    assert listed_titles(third) == [f"Study {n:02d}" for n in range(4, -1, -1)]
    assert 'href="/case-studies/?platform=twitter&amp;page=2" rel="prev"' in third.content.decode()
    assert 'rel="next"' not in third.content.decode()


# 5,000 digits is past what Python will read as a number, so it counts as "not a number".
@pytest.mark.parametrize("page", ["abc", "", "0", "-3", "1.5", "%00", "9" * 5000])
def test_a_page_number_that_is_not_a_page_shows_the_first_page(client, many, page):
    response = get(client, f"?page={page}")
    assert listed_titles(response)[0] == "Study 44"
    assert "That page does not exist" not in response.content.decode()


@pytest.mark.parametrize("page", ["4", "99999", "9" * 30])
def test_a_page_past_the_end_shows_the_last_page_and_says_so(client, many, page):
    response = get(client, f"?page={page}")
    assert listed_titles(response) == [f"Study {n:02d}" for n in range(4, -1, -1)]
    assert "That page does not exist, so this is the last page (page 3)." in response.content.decode()


def test_a_page_past_the_end_of_no_results_is_still_a_clear_empty_page(client, many):
    response = get(client, "?platform=twitter&stage=transform&page=5")
    assert listed_titles(response) == []
    assert "No case studies match" in response.content.decode()


# --- queries ---------------------------------------------------------------------------------


def add_case_studies(index, vocabulary, number, start=0):
    for n in range(start, start + number):
        CaseStudyPageFactory(
            parent=index,
            title=f"Generated {n}",
            council=vocabulary["devon"] if n % 2 else vocabulary["brighton"],
            platforms=[vocabulary["twitter"], vocabulary["blogs"]],
            topics=[vocabulary["metrics"], vocabulary["young-people"]],
            stage=CaseStudyPage.Stage.values[n % 3],
            outcomes=[("People reached", 100 + n, "people_reached")],
        )


@pytest.mark.parametrize("query", ["", "?platform=twitter&stage=listen&sort=title", "?topic=metrics&page=2"])
def test_index_queries_do_not_grow_with_the_number_of_case_studies(client, index, vocabulary, query):
    url = "/case-studies/" + query
    add_case_studies(index, vocabulary, 45)
    client.get(url)  # warm the caches every request shares (site root paths, content types)
    at_45 = count_queries(client, url)
    add_case_studies(index, vocabulary, 60, start=45)
    with captured_queries() as queries:
        response = client.get(url)
    assert len(listed_titles(response)) == 20
    assert len(queries) == at_45
    assert at_45 <= 24, f"the index took {at_45} queries"


# --- a submitted form's address ----------------------------------------------------------------


@pytest.mark.parametrize(
    "query, tidy",
    [
        ("?topic=&platform=twitter&stage=&kind=&region=&sort=newest", "?platform=twitter"),
        ("?topic=&platform=&stage=&kind=&region=&sort=newest", ""),
        ("?topic=&platform=&stage=listen&kind=&region=&sort=title", "?stage=listen&sort=title"),
        ("?topic=&stage=listen&page=2&utm_source=mail", "?stage=listen&page=2&utm_source=mail"),
        ("?topic=nope&stage=", "?topic=nope"),
    ],
)
def test_a_submitted_form_redirects_to_the_short_address_worth_sharing(client, library, query, tidy):
    response = client.get("/case-studies/" + query)
    assert response.status_code == 302
    assert response["Location"] == "/case-studies/" + tidy


@pytest.mark.parametrize("query", ["", "?platform=twitter", "?topic=nope", "?page=abc", "?sort=title"])
def test_a_tidy_address_is_answered_directly(client, library, query):
    assert client.get("/case-studies/" + query).status_code == 200
