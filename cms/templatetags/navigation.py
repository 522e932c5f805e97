from django import template

register = template.Library()


@register.filter
def breadcrumb_ancestors(page):
    """The page's ancestors from the home page down: those routing found on the way to it,
    or, for a page reached otherwise (a preview, a page rendered by a view), from the tree."""
    known = getattr(page, "_breadcrumb_ancestors", None)
    if known is not None:
        return known
    return list(page.get_ancestors()[1:])
