"""RSS and Atom feeds of what the knowledge base has newly published: barriers and fixes.

Django's syndication framework does the work; the feeds are routes on the index page
(/barriers/feed/rss/ and /barriers/feed/atom/) and each page links them from its <head>.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from wagtail.models import Page

from .models import BarrierPage, FixPage

FEED_LENGTH = 30


class KnowledgeBaseRssFeed(Feed):
    description = (
        "Barriers that hold councils back, and fixes that got councils past them, as they are published."
    )

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index_page.title}: new barriers and fixes – Practice Hub"

    def link(self):
        return self.index_page.get_url(self.request)

    def items(self):
        """The newest published barriers and fixes; two queries however long the feed is."""
        pages = (
            Page.objects.live()
            .descendant_of(self.index_page)
            .type(BarrierPage, FixPage)
            .filter(first_published_at__isnull=False)
            .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
        )
        return list(pages.specific().defer_streamfields())

    def item_title(self, item):
        kind = "Fix" if isinstance(item, FixPage) else "Barrier"
        return f"{kind}: {item.title}"

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_category_display()] if isinstance(item, BarrierPage) else ["Fix"]


class KnowledgeBaseAtomFeed(KnowledgeBaseRssFeed):
    feed_type = Atom1Feed
    subtitle = KnowledgeBaseRssFeed.description
