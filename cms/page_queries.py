"""Page queries that cost no extra round trip to the database.

Wagtail's ``PageQuerySet.public()`` first reads every view restriction (one query) and then
builds a filter from them, so a page listing three public querysets pays three extra queries.
``PublicPageQuerySet`` asks the same question inside the listing's own query: a page is private
when a view restriction sits on it or on one of its ancestors, i.e. on a page whose tree path
is a prefix of its own.
"""

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


def private_section_q(path_field="path"):
    """True for a page inside a private section: a restriction on the page or an ancestor.

    ``path_field`` names the outer query's treebeard path (e.g. ``"barrier__path"``).
    """
    restricted_ancestor = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef(path_field), 1, Length(F("page__path")))
    )
    return Q(Exists(restricted_ancestor))


class PublicPageQuerySet(PageQuerySet):
    """``public()``, ``not_public()`` and ``private()`` as one query each, not two."""

    def private_q(self):
        return private_section_q()


PublicPageManager = PageManager.from_queryset(PublicPageQuerySet)


def public_pages(queryset):
    """Any page queryset (even ``Page.objects``) without its private pages, in its own query."""
    return queryset.exclude(private_section_q())
