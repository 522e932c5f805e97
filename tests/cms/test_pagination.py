"""Page links: a long listing gets a handful of links with gaps, never one per page."""

from django.core.paginator import Paginator

from cms.pagination import page_links, query_page_url


def links_for(count, number, per_page=20, query=""):
    page = Paginator(range(count), per_page).get_page(number)
    return page_links(page, query_page_url(query))


def test_one_page_has_no_links():
    links = links_for(20, 1)
    assert links.links == [] and links.previous_url == "" and links.next_url == ""


def test_a_long_listing_is_elided_around_the_current_page():
    links = links_for(1800, 45)  # ninety pages
    numbers = [number for number, _url, _current in links.links]
    assert numbers == [1, None, 43, 44, 45, 46, 47, None, 90]
    assert [number for number, _url, current in links.links if current] == [45]
    assert links.previous_url == "?page=44" and links.next_url == "?page=46"


def test_first_and_last_pages_link_only_one_way():
    first, last = links_for(100, 1), links_for(100, 5)
    assert first.previous_url == "" and first.next_url == "?page=2"
    assert last.previous_url == "?page=4" and last.next_url == ""


def test_the_filters_are_kept_in_every_link():
    links = links_for(100, 2, query="topic=twitter&region=london")
    assert links.next_url == "?topic=twitter&region=london&page=3"
    assert (1, "?topic=twitter&region=london&page=1", False) in links.links
