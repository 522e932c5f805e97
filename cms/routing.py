"""Routing a request to a page in two queries, whatever the page's depth.

Wagtail's ``Page.route`` walks down the tree one level at a time: at each level one query for
the child with the next slug and one for its specific page, so ``/barriers/<b>/<fix>/`` costs
six queries before the page does anything. Every page's ``url_path`` already spells out its
slugs from the site root, so ``route_by_url_path`` looks up the whole chain of pages named by
the address in one query and fetches only the page that will answer as its specific type.

It hands over to the page's own ``route`` wherever Wagtail's walk would have done something
other than look up a child: at the first page on the way whose ``route`` would answer itself
(a RoutablePageMixin page whose sub-routes match the rest of the address, or any other override
of ``route``) and at the last page (so liveness, ``RoutablePageMixin``'s index route and a missing child behave exactly
as before). View restrictions are checked after routing, by Wagtail's ``on_serve_page`` hook,
as they always were. The pages found on the way are kept on the page that answers, as its
breadcrumb trail (``breadcrumb_ancestors``).

What the lookup finds is the same for everyone, so it is kept in the fragment cache
(``cms.cache.remember``) until content changes: a member's page, rendered afresh, is then routed
without a query. Only addresses that name a page are kept, so made-up addresses fill nothing.
"""

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from .cache import remember


def _passes_to_child(page, remaining):
    """Whether ``page.specific.route(request, remaining)`` would only look up the next child,
    as ``Page.route`` does, so that the specific page need not be loaded to know it."""
    model = page.specific_class
    if model is None:
        return False
    if model.route is Page.route:
        return True
    if model.route is RoutablePageMixin.route:
        if not page.live:
            return True  # a draft routable page serves no sub-routes
        try:
            model.get_resolver().resolve("/" + "/".join(remaining) + "/")
        except Http404:
            return True  # none of its sub-routes matches: it looks up the child
    return False


def route_by_url_path(root, request, path_components):
    """What ``root.route(request, path_components)`` returns, found by ``url_path``."""
    page, parent, remaining = remember(
        request,
        "route",
        lambda: _find(root, path_components),
        root.pk,
        tuple(path_components),
        keep=lambda found: found[0] is not None,
        timeless=True,  # pages go live and expire by publishing, which changes the version
    )
    if page is None:
        return Page.route(parent, request, remaining)
    return page.route(request, remaining)


def _find(root, path_components):
    """``(page, None, remaining)``: the specific page that answers (its parents and breadcrumb
    trail on it) and the components left for its own ``route``; or ``(None, parent,
    remaining)``: no page by that address, so walk by slug from ``parent``."""
    prefixes = []
    url_path = root.url_path
    for component in path_components:
        url_path += component + "/"
        prefixes.append(url_path)
    found = {
        page.url_path: page
        # ``slug`` is indexed and ``url_path`` is not: the slugs find the few candidates.
        for page in Page.objects.filter(
            slug__in=set(path_components),
            url_path__in=prefixes,
            path__startswith=root.path,
            depth__gt=root.depth,
        ).order_by("depth")
    }

    parent = root
    trail = [root]
    for position, prefix in enumerate(prefixes, start=1):
        page = found.get(prefix)
        if page is None or page.depth != root.depth + position or not page.path.startswith(parent.path):
            # No page by that url_path: missing (Wagtail's walk ends in a 404 too), or a subtree
            # whose stored url_paths are stale (edited without Wagtail's hooks), or a url_path
            # that disagrees with the tree (should not happen). Walk by slug from here.
            return None, parent, path_components[position - 1 :]
        remaining = path_components[position:]
        if not remaining or not _passes_to_child(page, remaining):
            page = page.specific
            page._cached_parent_obj = parent
            page._breadcrumb_ancestors = trail  # the breadcrumbs need not ask for them again
            return page, None, remaining
        # A page on the way that routes like any page: no need to load its own fields.
        page = page.get_specific(deferred=True)
        page._cached_parent_obj = parent
        parent = page
        trail.append(page)
    raise Http404  # not reached: the loop returns at the last component
