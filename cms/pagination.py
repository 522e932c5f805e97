"""Page links for every paginated listing (case studies, mentors, surgeries, search results).

One shape everywhere: the first and last pages, two either side of the current one and a gap
marker between, never a link per page. The surgery index at the default scale has 125 pages: a
link to each is no use to a reader or a screen reader (and cost a millisecond a render).
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator


@dataclass(frozen=True)
class PageLinks:
    links: list = field(default_factory=list)  # (number, or None for a gap; url; is the current page)
    previous_url: str = ""
    next_url: str = ""


def page_links(page, url_for):
    """The links around ``page`` (a ``django.core.paginator.Page``); ``url_for(number)`` gives
    each page's address. No links when there is only one page."""
    if not page.has_other_pages():
        return PageLinks()
    number = page.number
    return PageLinks(
        links=[
            (None, "", False) if item == Paginator.ELLIPSIS else (item, url_for(item), item == number)
            for item in page.paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)
        ],
        previous_url=url_for(page.previous_page_number()) if page.has_previous() else "",
        next_url=url_for(page.next_page_number()) if page.has_next() else "",
    )


def query_page_url(query_string):
    """``url_for`` for a listing addressed by its query string alone: ``?filters&page=N``."""
    query_string = str(query_string)
    prefix = f"?{query_string}&" if query_string else "?"
    return lambda number: f"{prefix}page={number}"
