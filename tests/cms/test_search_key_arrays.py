"""The Whoosh backend hands a broad search's keys to SQLite and PostgreSQL as one array
parameter: one query for the facet of any number of hits, with the same answers as IN lists."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils.text import slugify
from wagtail.models import Page

from cms.search.backends import whoosh as whoosh_backend
from cms.search.backends.whoosh import WhooshSearchBackend
from cms.search.views import page_content_types

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(tmp_path):
    return WhooshSearchBackend({"PATH": tmp_path / "whoosh", "WRITE_TIMEOUT": 10})


@pytest.fixture
def pages(backend):
    root = Page.get_first_root_node()
    created = [
        root.add_child(instance=Page(title=f"Quarry {n}", slug=slugify(f"quarry {n}"), live=n % 3 != 0))
        for n in range(12)
    ]
    backend.add_bulk(Page, created)
    return created


def answers(backend):
    results = backend.search("quarry", Page.objects.live())
    return dict(results.facet("content_type_id")), [page.pk for page in results[:5]], results.count()


def test_a_facet_of_every_hit_is_one_query(backend, pages, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(whoosh_backend, "DB_CHUNK", 3)  # IN lists would take four queries
    results = backend.search("quarry", Page.objects.live())
    with django_assert_num_queries(1):
        facet = results.facet("content_type_id")
    assert sum(facet.values()) == 8


@pytest.mark.parametrize("chunk", [1, 3, 20_000])
def test_answers_do_not_depend_on_how_keys_go_to_the_database(backend, pages, monkeypatch, chunk):
    expected = answers(backend)
    monkeypatch.setattr(whoosh_backend, "DB_ARRAY_CHUNK", chunk)
    assert answers(backend) == expected
    monkeypatch.setattr(whoosh_backend, "_takes_key_array", lambda connection: False)
    monkeypatch.setattr(whoosh_backend, "DB_CHUNK", chunk)
    assert answers(backend) == expected
    assert expected[0] == {ContentType.objects.get_for_model(Page).pk: 8}
    assert expected[2] == 8


def test_every_page_type_is_found_with_one_content_type_query(django_assert_num_queries):
    ContentType.objects.clear_cache()
    with django_assert_num_queries(1):
        content_types = page_content_types()
    assert all(content_type.model_class() is model for model, content_type in content_types.items())
    with django_assert_num_queries(0):
        page_content_types()
