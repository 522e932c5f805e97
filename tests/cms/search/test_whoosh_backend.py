"""The Whoosh search backend: what it indexes, how it matches, filters, orders and counts.

modelsearch's own BackendTests run against the backend in the conformance harness
(``make conformance``); these tests cover the project's setting: Wagtail pages, the project's
settings, the Celery route, and the behaviour the conformance suite does not pin down.
"""

import os

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.paginator import Paginator
from modelsearch.backends import get_search_backend
from modelsearch.backends.base import FieldError, SearchFieldError
from modelsearch.query import MATCH_ALL, Boost, Fuzzy, Not, Phrase, PlainText
from wagtail.models import Page

from cms.search.backends import whoosh as whoosh_backend
from cms.search.backends.whoosh import SCHEMA_VERSION, Mapping, WhooshIndex, WhooshSearchBackend

pytestmark = pytest.mark.django_db


def titles(results):
    return sorted(result.title for result in results)


# --- what is indexed ------------------------------------------------------------------------


def test_every_kind_of_search_fields_entry_is_in_the_document(pages):
    page = pages["Twitter for council press offices"]
    doc = Mapping.for_model(Page).document(page)

    assert doc["pk"] == str(page.pk)
    assert doc["ct"] == "wagtailcore.page"
    assert doc["t_title"] == page.title  # SearchField("title", boost=2)
    assert doc["a_title"] == page.title  # AutocompleteField("title")
    assert doc["f_title"] == page.title  # FilterField("title")
    assert doc["f_live"] == "true"
    assert doc["f_depth"] == "2"
    assert doc["f_content_type_id"] == str(ContentType.objects.get_for_model(Page).pk)


def test_one_index_directory_per_root_model_with_one_document_per_object(backend, pages, home_page):
    backend.add(home_page)  # a HomePage: a subclass of Page, so in the same index

    assert os.listdir(backend.path) == [f"wagtailcore.page.v{SCHEMA_VERSION}"]
    assert backend.get_index_for_model(type(home_page)).doc_count() == len(pages) + 1


def test_a_bulk_add_is_one_writer_and_one_commit(backend, pages):
    index = backend.get_index_for_model(Page)
    generation = index._open().latest_generation()

    backend.add_bulk(Page, list(pages.values()))

    assert index._open().latest_generation() == generation + 1
    assert index.doc_count() == len(pages)  # replaced, not added twice


def test_searching_a_subclass_finds_only_its_objects_and_the_parent_finds_all(backend, pages, home_page):
    backend.add(home_page)
    home_class = type(home_page)

    assert [page.pk for page in backend.search(MATCH_ALL, home_class)] == [home_page.pk]
    assert len(backend.search(MATCH_ALL, Page)) == len(pages) + 1
    assert backend.search(MATCH_ALL, Page).count() == len(pages) + 1
    assert backend.search(MATCH_ALL, home_class).count() == 1


# --- matching -------------------------------------------------------------------------------


def test_words_are_stemmed_and_accents_folded(backend, pages):
    assert titles(backend.search("office", Page)) == ["Twitter for council press offices"]
    assert titles(backend.search("measure", Page)) == ["Measuring citizen time"]
    assert titles(backend.search("cafe", Page)) == ["Café culture in Kirklees"]
    assert titles(backend.search("CAFÉ", Page)) == ["Café culture in Kirklees"]


def test_the_default_operator_is_and_and_or_results_are_ranked(backend, pages):
    assert titles(backend.search("twitter facebook", Page)) == ["IT policy blocks Twitter and Facebook"]
    assert titles(backend.autocomplete("twit face", Page)) == ["IT policy blocks Twitter and Facebook"]

    results = list(backend.search("twitter facebook", Page, operator="or"))
    assert results[0].title == "IT policy blocks Twitter and Facebook"  # has both words
    assert titles(results) == [
        "Facebook pages for libraries",
        "IT policy blocks Twitter and Facebook",
        "Twitter for council press offices",
    ]


def test_phrase_fuzzy_boost_and_negation(backend, pages):
    assert titles(backend.search(Phrase("citizen time"), Page)) == ["Measuring citizen time"]
    assert titles(backend.search(Phrase("time citizen"), Page)) == []
    assert titles(backend.search(Fuzzy("twiter"), Page)) == [
        "IT policy blocks Twitter and Facebook",
        "Twitter for council press offices",
    ]
    assert titles(backend.search(PlainText("twitter") & ~PlainText("facebook"), Page)) == [
        "Twitter for council press offices"
    ]
    assert len(backend.search(Not(PlainText("twitter")), Page)) == len(pages) - 2

    boosted = list(backend.search(PlainText("risk") | Boost(PlainText("youtube"), 10), Page))
    assert [page.title for page in boosted] == [
        "Young people and YouTube",
        "Risk assessment for social media",
    ]


def test_search_can_be_restricted_to_named_fields(backend, pages):
    assert titles(backend.search("kirklees", Page, fields=["title"])) == ["Café culture in Kirklees"]
    with pytest.raises(FieldError):
        backend.search("kirklees", Page, fields=["slug"])


def test_autocomplete_matches_word_prefixes_in_autocomplete_fields(backend, pages):
    assert titles(backend.autocomplete("twi", Page)) == [
        "IT policy blocks Twitter and Facebook",
        "Twitter for council press offices",
    ]
    assert titles(backend.autocomplete("Kirk", Page)) == ["Café culture in Kirklees"]
    assert titles(backend.autocomplete("coun pre", Page, operator="and")) == [
        "Twitter for council press offices"
    ]
    assert titles(backend.autocomplete("progr", Page, fields=["title"])) == [
        "Programming the council website"
    ]
    # whole-word search does not match prefixes
    assert titles(backend.search("progr", Page)) == []
    with pytest.raises(SearchFieldError):
        backend.autocomplete("progr", Page, fields=["slug"])


def test_words_that_look_like_query_syntax_are_only_words(backend, pages):
    # "title:" is not a field prefix, "*" is not a wildcard, NOT/AND/OR are not operators.
    assert titles(backend.search("title:kirklees", Page)) == []
    assert titles(backend.search("title:kirklees", Page, operator="or")) == ["Café culture in Kirklees"]
    assert titles(backend.search("twit*", Page)) == []
    assert titles(backend.search("NOT youtube", Page, operator="or")) == ["Young people and YouTube"]
    assert titles(backend.search('"citizen', Page)) == ["Measuring citizen time"]


# --- filters, ordering, facets and counts through the database ----------------------------


def test_queryset_filters_and_ordering_apply(backend, pages):
    hidden = pages["Twitter for council press offices"]
    hidden.live = False
    hidden.save(update_fields=["live"])  # only the database knows: no re-index needed

    assert titles(backend.search("twitter", Page.objects.live())) == ["IT policy blocks Twitter and Facebook"]
    assert backend.search("twitter", Page.objects.live()).count() == 1

    ordered = backend.search("council", Page.objects.order_by("title"), order_by_relevance=False)
    assert [page.title for page in ordered] == [
        "Programming the council website",
        "Twitter for council press offices",
    ]
    # Wagtail's page querysets are ordered by tree path.
    by_path = backend.search("council", Page.objects.all(), order_by_relevance=False)
    assert [page.path for page in by_path] == sorted(page.path for page in by_path)
    unordered = backend.search("council", Page.objects.order_by(), order_by_relevance=False)
    assert [page.pk for page in unordered] == sorted((page.pk for page in unordered), reverse=True)


@pytest.mark.parametrize("chunk", [3, 500])
def test_results_do_not_depend_on_how_many_keys_go_to_the_database_at_once(
    backend, pages, monkeypatch, chunk
):
    monkeypatch.setattr(whoosh_backend, "DB_CHUNK", chunk)
    live = Page.objects.filter(depth=2)

    relevance = backend.search(MATCH_ALL | PlainText("twitter"), live)
    assert len(relevance) == len(pages)
    twitter = {"Twitter for council press offices", "IT policy blocks Twitter and Facebook"}
    assert {page.title for page in list(relevance)[:2]} == twitter
    assert {page.title for page in backend.search(MATCH_ALL | PlainText("twitter"), live)[:2]} == twitter
    assert len(backend.search(MATCH_ALL | PlainText("twitter"), live)[1:6]) == 5
    assert relevance.count() == len(pages)

    ordered = backend.search(MATCH_ALL, live.order_by("title"), order_by_relevance=False)
    assert [page.title for page in ordered[2:5]] == sorted(pages)[2:5]
    assert ordered[2:5].count() == 3

    content_type = ContentType.objects.get_for_model(Page)
    assert backend.search(MATCH_ALL, live).facet("content_type_id") == {content_type.pk: len(pages)}


def test_scores_can_be_annotated(backend, pages):
    results = backend.search("twitter", Page).annotate_score("_score")
    scores = [page._score for page in results]
    assert len(scores) == 2
    assert all(isinstance(score, float) and score > 0 for score in scores)


def test_count_of_an_unfiltered_search_needs_no_database_query(backend, pages, django_assert_num_queries):
    results = backend.search("twitter", Page)
    with django_assert_num_queries(0):
        assert results.count() == 2


def test_a_paginated_filtered_search_asks_whoosh_once_and_checks_each_hit_once(
    backend, pages, monkeypatch, django_assert_num_queries
):
    searches = []
    real_search = WhooshIndex.search

    def counting_search(self, *args, **kwargs):
        searches.append(args)
        return real_search(self, *args, **kwargs)

    monkeypatch.setattr(WhooshIndex, "search", counting_search)
    results = backend.search("twitter facebook", Page.objects.live(), operator="or")
    with django_assert_num_queries(2):  # one to check the hits, one to load the page
        page = Paginator(results, 2).page(1)
        assert page.paginator.count == 3
        assert len(page.object_list) == 2
    assert len(searches) == 1


def test_objects_deleted_from_the_database_are_never_returned(backend, pages):
    pages["Measuring citizen time"].delete()

    assert titles(backend.search("citizen", Page)) == []


# --- the project's wiring -------------------------------------------------------------------


def test_the_project_settings_use_this_backend_and_the_rebuild_command(pages):
    backend = get_search_backend()
    if not isinstance(backend, WhooshSearchBackend):
        pytest.skip("SEARCH_BACKEND names another backend")

    call_command("update_index", verbosity=0)  # Wagtail's name for rebuild_modelsearch_index

    assert titles(Page.objects.live().search("kirklees")) == ["Café culture in Kirklees"]
    assert titles(Page.objects.live().autocomplete("kirk")) == ["Café culture in Kirklees"]


def test_saving_a_page_updates_the_project_index(pages):
    if not isinstance(get_search_backend(), WhooshSearchBackend):
        pytest.skip("SEARCH_BACKEND names another backend")
    page = pages["Young people and YouTube"]
    page.title = "Young people and TikTok"
    page.save()

    assert titles(Page.objects.live().search("tiktok")) == ["Young people and TikTok"]
    assert titles(Page.objects.live().search("youtube")) == []


def test_celery_index_writes_land_after_commit(make_backend, pages, django_capture_on_commit_callbacks):
    backend = make_backend(INDEX_WRITES="celery")
    page = pages["Measuring citizen time"]
    page.title = "Measuring volunteer time"
    page.save()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        backend.add(page)
        assert titles(backend.search("volunteer", Page)) == []  # not before the commit
    assert len(callbacks) == 1
    assert titles(backend.search("volunteer", Page)) == ["Measuring volunteer time"]

    with django_capture_on_commit_callbacks(execute=True):
        backend.delete(page)
    assert titles(backend.search("volunteer", Page)) == []


def test_misconfiguration_is_reported():
    with pytest.raises(Exception, match="PATH"):
        WhooshSearchBackend({})
    with pytest.raises(Exception, match="INDEX_WRITES"):
        WhooshSearchBackend({"PATH": "/tmp/x", "INDEX_WRITES": "sometimes"})  # noqa: S108


def test_wagtail_admin_page_search_with_facets_works(client, superuser, pages):
    if not isinstance(get_search_backend(), WhooshSearchBackend):
        pytest.skip("SEARCH_BACKEND names another backend")
    client.force_login(superuser)

    for query in ["kirk", "twitter facebook", '"citizen time"', "live:true coun", "", '"', "NOT *"]:
        response = client.get("/admin/pages/search/", {"q": query})
        assert response.status_code == 200, query

    response = client.get("/admin/pages/search/", {"q": "kirk"})
    assert "Café culture in Kirklees" in response.content.decode()
    assert [count for _, count in response.context["content_types"]] == [1]
