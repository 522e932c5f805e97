"""Fixtures shared by the cms tests: the fragment cache turned on, and Whoosh searches counted."""

import pytest
from django.core.cache import caches

from cms.search.backends.whoosh import WhooshIndex


@pytest.fixture
def fragment_cache_on(settings, db):
    """Fragment caching as in production (tests run with it off), from an empty cache, with the
    content version row it keys by (a flush between transactional tests removes the migration's)."""
    from cms.models import ContentVersion

    settings.FRAGMENT_CACHE_SECONDS = 300
    ContentVersion.objects.get_or_create(pk=1)
    caches[settings.PAGE_CACHE_ALIAS].clear()
    yield
    caches[settings.PAGE_CACHE_ALIAS].clear()


@pytest.fixture
def whoosh_searches(monkeypatch):
    """The calls made to ``WhooshIndex.search`` (each one runs a Whoosh query)."""
    calls = []
    original = WhooshIndex.search

    def search(self, *args, **kwargs):
        calls.append(args)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(WhooshIndex, "search", search)
    return calls
