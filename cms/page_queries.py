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


def view_restrictions(page):
    """What Wagtail's ``Page.get_view_restrictions()`` returns, in one query rather than two.

    Wagtail first loads the page's ancestors (one query) to learn their ids and, for any alias
    among them, its source page's id, then filters the restrictions on those ids (a second
    query). Every ancestor's tree path is a prefix of the page's own, so the ancestors can be
    named by path inside the restrictions query: a restriction applies when it sits on the page
    or an ancestor that is not an alias, or on the source page of one that is. ``before_serve``
    runs this for every page served (Wagtail's ``check_view_restrictions`` hook).
    """
    from wagtail.models import Page

    steplen = Page.steplen
    paths = [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
    chain = Page.objects.filter(path__in=paths)
    if page.alias_of_id:
        # Wagtail resolves the page itself from the loaded object, not from the database.
        chain = chain.exclude(pk=page.pk)
        own = Q(page_id=page.alias_of_id)
    else:
        own = Q(page_id=page.pk)
    return PageViewRestriction.objects.filter(
        own
        | Q(page_id__in=chain.filter(alias_of__isnull=True).values("pk"))
        | Q(page_id__in=chain.filter(alias_of__isnull=False).values("alias_of_id"))
    )


def install_view_restrictions():
    """Make ``Page.get_view_restrictions`` (and so every page type's) use ``view_restrictions``."""
    from wagtail.models import Page

    Page.get_view_restrictions = view_restrictions
