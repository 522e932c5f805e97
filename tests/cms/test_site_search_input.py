"""Whatever is typed into the search box, the answer is a results page (perhaps empty), never an
error: quotes, operators, wildcards, field syntax, 10 kB of text, emoji, NUL bytes, markup."""

import pytest
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cms.search.views import MAX_QUERY_LENGTH, clean_query, result_types
from tests.cms.site_search_factories import build_search_site

pytestmark = pytest.mark.django_db

NASTY_QUERIES = [
    '"risk assessment',
    "risk assessment\"'",
    "AND OR NOT",
    "risk AND NOT (assessment OR",
    "-risk +assessment ~council^2",
    "*",
    "risk*",
    "?*~!@#$%^&*()_+{}|:<>?[];',./`",
    "title:risk",
    "content_type:1 live:false",
    "x" * 10_000,
    "risk " * 2_000,
    "😀🎉 twitter 👩🏽‍💻",
    "risk\x00assessment",
    "\x00\x00\x00",
    "\x01\x1b[31m\x7f",
    "%00%27%22",
    "\\",
    '\\\\" OR 1=1 --',
    "'; DROP TABLE wagtailcore_page; --",
    "<script>alert(1)</script>",
    "{{ 7*7 }} {% csrf_token %}",
    "مخاطر تقييم",
    "\u202eksir\u202c",
    "e\u0301valuation cafe\u0301",
    "\ufeff\u200b\u200d",
    "   ",
    "NEAR(risk assessment, 2)",
    "risk NEAR assessment",
    "^risk",
    '"" "" ""',
    "İ" * MAX_QUERY_LENGTH,  # twice as long in lower case
]


@pytest.fixture
def search_site(home_page):
    return build_search_site(home_page)


def assert_a_results_page(response, raw_query, status=200):
    assert response.status_code == status
    html = response.content.decode()
    assert '<h1 id="search-heading">Search</h1>' in html
    query = clean_query(raw_query)
    assert len(query) <= MAX_QUERY_LENGTH
    if query:
        assert f'id="search-q" type="search" name="q" value="{escape(query)}"' in html
        assert 'id="search-results-heading"' in html
    return html


@pytest.mark.parametrize("query", NASTY_QUERIES, ids=range(len(NASTY_QUERIES)))
def test_any_query_gives_a_results_page(client, search_site, query):
    assert_a_results_page(client.get("/search/", {"q": query}), query)
    html = assert_a_results_page(client.get("/search/", {"q": query}), query)  # logged already

    assert "<script>alert(1)</script>" not in html


def test_a_long_query_is_cut_and_still_finds_what_it_starts_with(client, search_site):
    html = assert_a_results_page(client.get("/search/", {"q": "blocked " + "x" * 10_000}), "")

    assert f'value="blocked {"x" * (MAX_QUERY_LENGTH - 8)}"' in html
    assert "Social media sites are blocked at work" in html


def test_a_nul_byte_splits_words_rather_than_breaking_the_search(client, search_site):
    html = assert_a_results_page(client.get("/search/", {"q": "blocked\x00work"}), "")

    assert 'value="blocked work"' in html
    assert "Social media sites are blocked at work" in html


TYPES = ["", *result_types(), "nonsense", "barrier\x00", "../../etc/passwd"]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    query=st.one_of(
        st.text(max_size=300),
        st.lists(st.sampled_from(NASTY_QUERIES[:10] + ["risk", "council", "Aisha"]), max_size=5).map(
            " ".join
        ),
    ),
    type_slug=st.sampled_from(TYPES),
    page=st.one_of(st.none(), st.integers(min_value=-5, max_value=100_000).map(str), st.text(max_size=10)),
)
def test_arbitrary_text_always_gives_a_results_page(client, search_site, query, type_slug, page):
    params = {"q": query, "type": type_slug}
    if page is not None:
        params["page"] = page
    known_type = type_slug == "" or type_slug in result_types()

    assert_a_results_page(client.get("/search/", params), query, status=200 if known_type else 400)
