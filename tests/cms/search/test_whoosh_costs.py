"""What keeps a search cheap on a big index: a facet and a page of results share one Whoosh
search and one check of the hits against the database, and opening a searcher reads the index
files as needed rather than copying them into memory."""

import os
import tracemalloc

from wagtail.models import Page


def test_a_facet_and_a_page_of_a_filtered_search_share_the_whoosh_search_and_the_check(
    backend, pages, whoosh_searches, django_assert_num_queries
):
    live = Page.objects.live().filter(depth=2)
    expected = [page.title for page in backend.search("council", live)[:1]]
    whoosh_searches.clear()

    results = backend.search("council", live)
    with django_assert_num_queries(1):  # the hits, checked against the queryset and counted
        facet = results.facet("content_type_id")
    with django_assert_num_queries(1):  # only the page's objects: the hits are known
        first = [page.title for page in results[:1]]
    with django_assert_num_queries(0):
        assert results.count() == sum(facet.values()) == 2

    assert first == expected
    assert len(whoosh_searches) == 1


def test_opening_a_searcher_does_not_copy_the_index_files_into_memory(backend, db):
    index = backend.get_index_for_model(Page)
    index.add_documents(
        [
            {"pk": str(n), "ct": "wagtailcore.page", "t_title": " ".join(f"w{n}x{k}" for k in range(300))}
            for n in range(300)
        ]
    )
    on_disk = sum(os.path.getsize(os.path.join(index.path, name)) for name in os.listdir(index.path))
    index._forget_searcher()

    tracemalloc.start()
    try:
        assert index.doc_count() == 300  # opens this thread's searcher
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Memory-mapped, whoosh-reloaded copies each segment's terms and postings (most of the
    # index) into a BytesIO.
    assert peak < on_disk / 4, (peak, on_disk)
