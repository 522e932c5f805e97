"""Page queries that are cheap and plan well on SQLite and PostgreSQL alike.

Private sections are found as Wagtail's ``PageQuerySet.public()`` finds them: read the few view
restrictions (one small query), then filter by their tree-path prefixes. A page asks that of
several listings, so the restrictions are read once per request. Their paths are recorded on
the content version's row whenever it goes up (``cms.cache``), so a page reads them with the
version; otherwise from the fragment cache (``cms.cache.remember``) until content changes:
restrictions are watched models.
(Asking inside each listing's own query instead, a correlated ``EXISTS`` on ``SUBSTR(path)``,
was planned as a nested loop over every page once the databases had statistics: the case-study
index at 10,000 case studies took 61 s on SQLite after ``ANALYZE``, 44 s on PostgreSQL before.)
"""

from django.db.models import Q
from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


def restriction_paths_now(using=None):
    """(paths of restricted pages, paths from which a restriction reaches down: those and the
    paths of aliases of restricted pages, which Wagtail restricts as their source pages).

    One query driven from the (few) restrictions, joining each page's aliases: asked from the
    page table instead, SQLite scanned every page."""
    rows = list(PageViewRestriction.objects.using(using).values_list("page__path", "page__aliases__path"))
    restricted = {path for path, _ in rows}
    return sorted(restricted), sorted(restricted | {alias for _, alias in rows if alias})


def _paths():
    """As the version row carries them (recorded when the version went up), else read once per
    version and kept in the fragment cache."""
    from .cache import once_per_request, recorded_restriction_paths, remember

    def read():
        recorded = recorded_restriction_paths()
        if recorded is not None:
            return recorded
        return remember(None, "restriction-paths", restriction_paths_now, timeless=True)

    return once_per_request("restriction-paths", read)


def restricted_paths():
    """The tree paths of pages with a view restriction."""
    return _paths()[0]


def private_section_q(path_field="path"):
    """True for a page inside a private section (a restriction on it or an ancestor), or
    ``None`` when the site has none. ``path_field`` names the treebeard path to test, e.g.
    ``"barrier__path"`` for the barrier a link points to."""
    q = Q()
    for path in restricted_paths():
        q |= Q(**{f"{path_field}__startswith": path})
    return q or None


def visible_q(prefix=""):
    """Live and public: a page (``prefix=""``) or the page a relation points to (``"barrier__"``)."""
    live = Q(**{f"{prefix}live": True})
    private = private_section_q(f"{prefix}path")
    return live if private is None else live & ~private


class PublicPageQuerySet(PageQuerySet):
    """Wagtail's ``public()``/``private()``, with the restrictions read once per request, and
    ``child_of()`` as a range of tree paths."""

    def private_q(self):
        return private_section_q() or Q(pk__in=[])

    def child_of_q(self, other):
        """A page's children as treebeard's ``get_children()`` finds them: depth and a range of
        paths, which the (depth, path) index answers directly. Wagtail's own is a ``LIKE`` on
        the path prefix, which neither database can use the index for: the case-study listing
        read every page at that depth three times a render, 6 ms each on SQLite at the default
        scale (2 ms as a range)."""
        return Q(depth=other.depth + 1, path__range=type(other)._get_children_path_interval(other.path))


PublicPageManager = PageManager.from_queryset(PublicPageQuerySet)


def view_restrictions(page):
    """What Wagtail's ``Page.get_view_restrictions()`` returns, in one query rather than two.

    Wagtail first loads the page's ancestors (one query) to learn their ids and, for any alias
    among them, its source page's id, then filters the restrictions on those ids (a second
    query). Every ancestor's tree path is a prefix of the page's own, so the ancestors can be
    named by path inside the restrictions query: a restriction applies when it sits on the page
    or an ancestor that is not an alias, or on the source page of one that is. ``before_serve``
    runs this for every page served (Wagtail's ``check_view_restrictions`` hook), so a page
    that no restriction can reach (no restricted page or alias of one on its path, known from
    the cached paths) gets an empty queryset without asking the database at all.
    """
    from wagtail.models import Page

    reach = _paths()[1]
    if not any(page.path.startswith(path) for path in reach):
        return PageViewRestriction.objects.none()  # nothing restricts this page: no query
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
