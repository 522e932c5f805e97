from wagtail.models import Site


def site_navigation(request):
    """The header's sections: the home page's live children marked "show in menus", each with
    whether the current address lies inside it (for ``aria-current``)."""
    site = Site.find_for_request(request)
    if site is None:
        return {"navigation_items": []}

    def items():
        for page in site.root_page.get_children().live().in_menu():
            url = page.get_url(request) or ""
            yield page, bool(url) and url != "/" and request.path.startswith(url)

    return {"navigation_items": list(items())}
