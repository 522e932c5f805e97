"""Fixtures for the Whoosh backend tests: a backend on its own index directory, and a few plain
Wagtail pages (``wagtailcore.Page``, so these tests need none of the project's page types)."""

import pytest
from django.utils.text import slugify
from wagtail.models import Page

from cms.search.backends.whoosh import WhooshSearchBackend

TITLES = [
    "Twitter for council press offices",
    "Risk assessment for social media",
    "Facebook pages for libraries",
    "Young people and YouTube",
    "Measuring citizen time",
    "Café culture in Kirklees",
    "IT policy blocks Twitter and Facebook",
    "Programming the council website",
]


@pytest.fixture
def make_backend(tmp_path):
    def make(**params):
        return WhooshSearchBackend({"PATH": tmp_path / "whoosh", "WRITE_TIMEOUT": 10, **params})

    return make


@pytest.fixture
def backend(make_backend):
    return make_backend()


@pytest.fixture
def pages(db, backend):
    """The TITLES as live pages under the tree root, indexed (in one bulk add) in ``backend``."""
    root = Page.get_first_root_node()
    created = [root.add_child(instance=Page(title=title, slug=slugify(title))) for title in TITLES]
    backend.add_bulk(Page, created)
    return {page.title: page for page in created}
