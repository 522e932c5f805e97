from wagtail.models import Site

from .cache import remember


def _sections(site, request):
    """(pk, title, url) of the home page's live children marked "show in menus"."""
    return [
        (page.pk, page.title, page.get_url(request) or "")
        for page in site.root_page.get_children()
        .live()
        .in_menu()
        .only("id", "title", "url_path", "path", "depth")
    ]


def site_navigation(request):
    """The header's sections, each with whether the current address lies inside it (for
    ``aria-current``). The sections are the same for everyone, so they come from the fragment
    cache until content changes."""
    site = Site.find_for_request(request)
    if site is None:
        return {"navigation_items": []}
    sections = remember(request, "navigation", lambda: _sections(site, request), site.pk, timeless=True)
    return {
        "navigation_items": [
            (
                {"pk": pk, "title": title, "url": url},
                bool(url) and url != "/" and request.path.startswith(url),
            )
            for pk, title, url in sections
        ]
    }
