"""What the site search finds is kept (``cms.cache.remember``) when fragment caching is on: a
repeated search runs no Whoosh query and only loads its page of results, yet a write to the
index shows at once, even one that lands after the content version moved (Celery index jobs)."""

import pytest
from wagtail.contrib.search_promotions.models import Query

from tests.cms.site_search_factories import build_search_site, make_standard_page, result_titles

pytestmark = pytest.mark.django_db


def search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_repeated_search_is_kept_but_never_outlives_a_write_to_the_index(
    client, home_page, fragment_cache_on, whoosh_searches, django_assert_max_num_queries
):
    build_search_site(home_page)
    first = search(client, q="risk")
    assert whoosh_searches
    searched = len(whoosh_searches)

    # The search log and promotions, the page's types with their prefetches, the parents, and
    # the site-wide overhead: no query for the search, its facets or its count.
    with django_assert_max_num_queries(12):
        again = search(client, q="risk")
    assert len(whoosh_searches) == searched
    assert result_titles(again) == result_titles(first)
    assert Query.get("risk").hits == 2  # logged every time, cached or not
    assert search(client, q="risk", type="fix") != first  # another type, another entry

    # Indexed without a content-version change (a test's transaction never commits), as when a
    # Celery index job lands after the version moved on: the index's generation is in the key.
    make_standard_page(home_page, "Risk register for newcomers", intro="Start with a risk register.")
    assert "Risk register for newcomers" in result_titles(search(client, q="risk"))
