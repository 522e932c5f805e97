"""The shared base: people, councils, the topic vocabulary, and the home and standard pages."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import cached_property
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock


class Council(models.Model):
    """A council or other public body that members, mentors and case studies belong to."""

    class Kind(models.TextChoices):
        COUNTY = "county", "County council"
        DISTRICT = "district", "District council"
        UNITARY = "unitary", "Unitary authority"
        METROPOLITAN = "metropolitan", "Metropolitan borough"
        LONDON_BOROUGH = "london_borough", "London borough"
        TOWN_PARISH = "town_parish", "Town or parish council"
        OTHER = "other", "Other public body"

    class Region(models.TextChoices):
        NORTH_EAST = "north_east", "North East"
        NORTH_WEST = "north_west", "North West"
        YORKSHIRE = "yorkshire", "Yorkshire and the Humber"
        EAST_MIDLANDS = "east_midlands", "East Midlands"
        WEST_MIDLANDS = "west_midlands", "West Midlands"
        EAST = "east", "East of England"
        LONDON = "london", "London"
        SOUTH_EAST = "south_east", "South East"
        SOUTH_WEST = "south_west", "South West"
        WALES = "wales", "Wales"
        SCOTLAND = "scotland", "Scotland"
        NORTHERN_IRELAND = "northern_ireland", "Northern Ireland"
        NATIONAL = "national", "UK-wide"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    region = models.CharField(max_length=20, choices=Region.choices)
    website = models.URLField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("region"), FieldPanel("website")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Platform(models.Model):
    """A social media platform or tool (Twitter, Facebook, blogs, YouTube, internal networks...)."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A member. Custom from the first migration, as Django advises, and carrying a council."""

    council = models.ForeignKey(
        Council, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )

    @property
    def display_name(self):
        return self.get_full_name() or self.email or self.username

    @cached_property
    def can_access_admin(self):
        """``has_perm("wagtailadmin.access_admin")`` in no query, or one rather than two.

        Django's ModelBackend (and allauth's, which extends it) load the user's own permissions
        and their groups' permissions in two queries to answer any ``has_perm``; the header asks
        only this on every page. The project's backends (cms.auth_backends) load the answer with
        the signed-in user; any other user object asks the database only this. Same answer as
        the backends give: nothing for an inactive user, everything for an active superuser,
        otherwise the permission held directly or through a group. Uses the backends' cache when
        something already filled it. Cached for the life of this user object, which is one
        request.
        """
        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        if hasattr(self, "_perm_cache"):
            return self.has_perm("wagtailadmin.access_admin")
        if "holds_admin_access" in self.__dict__:  # loaded with the user (cms.auth_backends)
            return self.holds_admin_access
        from .auth_backends import admin_access

        return type(self)._default_manager.filter(pk=self.pk).filter(admin_access()).exists()


class Topic(TagBase):
    """One shared vocabulary: the same topics tag case studies, barriers, fixes, mentors and
    surgeries, which is what links the parts of the site together."""

    description = models.CharField(max_length=300, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = "topic"
        verbose_name_plural = "topics"


class TaggedWithTopic(ItemBase):
    """Base for each page type's topic through-model (``content_object`` is a ParentalKey)."""

    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="%(app_label)s_%(class)s_items")

    class Meta:
        abstract = True


class HasTopics:
    """For page types tagged with topics through a ``TaggedWithTopic`` model whose
    ``content_object`` has ``related_name="tagged_topics"``.

    Why: prefetching taggit's ``topics`` builds a filtered queryset per page only to throw it
    away; the link rows with their topics are one plain join (a page of 20 case-study cards,
    with their councils and platforms, loads in 5.1 ms rather than 6.4)."""

    @classmethod
    def topic_links_prefetch(cls):
        """What listings prefetch so ``topic_list()`` needs no query per page."""
        links = cls._meta.get_field("tagged_topics").related_model
        return Prefetch("tagged_topics", queryset=links.objects.select_related("tag").order_by("pk"))

    @staticmethod
    def load_topic_lists(pages):
        """Give each of ``pages`` (of any ``HasTopics`` types, mixed) its ``topic_list()`` in one
        query across their link tables, where a prefetch per type takes one query each: the
        search results' key facts show topics for four page types."""
        ids_by_links = {}
        for page in pages:
            links = type(page)._meta.get_field("tagged_topics").related_model
            ids_by_links.setdefault(links, []).append(page.pk)
        if not ids_by_links:
            return
        columns = ("content_object_id", "pk", "tag_id", "tag__name", "tag__slug", "tag__description")
        parts = [
            links.objects.filter(content_object_id__in=ids).values_list(*columns).order_by()
            for links, ids in ids_by_links.items()
        ]
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        topics_by_page = {page.pk: [] for page in pages}
        for page_id, _, tag_id, name, slug, description in sorted(rows, key=lambda row: row[:2]):
            topics_by_page[page_id].append(Topic(id=tag_id, name=name, slug=slug, description=description))
        for page in pages:
            page._loaded_topic_list = topics_by_page[page.pk]

    def topic_list(self):
        """The page's topics in the order they were added: as ``load_topic_lists`` left them,
        or from the prefetched link rows in listings, otherwise in one query (the link rows
        alone would fetch each topic on its own)."""
        if hasattr(self, "_loaded_topic_list"):
            return self._loaded_topic_list
        if "tagged_topics" in getattr(self, "_prefetched_objects_cache", {}):
            return [tagged.tag for tagged in self.tagged_topics.all()]
        return list(self.topics.all())


class HomePage(Page):
    intro = models.CharField(
        max_length=300,
        default="Learn from councils that have got past the same barriers you face.",
        help_text="The line under the site name on the home page.",
    )
    body = StreamField(BaseStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = "home page"

    def route(self, request, path_components):
        """Find the page below in two queries, not two per level (see cms/routing.py)."""
        from .cache import remember
        from .routing import route_by_url_path

        if not path_components:
            if self.get_deferred_fields():
                # The site's root page comes without its own fields (cms.cache._find_site):
                # pages below never use them. Serving the home page loads it whole, once per
                # content version.
                whole = remember(
                    request, "home-page", lambda: type(self).objects.get(pk=self.pk), self.pk, timeless=True
                )
                return whole.route(request, path_components)
            return super().route(request, path_components)

        return route_by_url_path(self, request, path_components)


class StandardPage(Page):
    """About, the accessibility statement, the privacy notice and other plain pages."""

    intro = models.TextField(blank=True, max_length=500)
    body = StreamField(BaseStreamBlock(), use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = "standard page"


class TopicFollow(models.Model):
    """A member follows a topic: it lists on their topics page and feeds their weekly digest."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_follows")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["topic__name"]
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="cms_follow_topic_once")]

    def __str__(self):
        return f"{self.user_id} follows {self.topic_id}"


class TopicDigest(models.Model):
    """That a member's weekly digest for an ISO week was claimed (and sent). The unique
    constraint is what makes the digest go once a week, however often the job runs."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topic_digests")
    iso_year = models.PositiveSmallIntegerField()
    iso_week = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "iso_year", "iso_week"], name="cms_one_digest_per_week")
        ]

    def __str__(self):
        return f"Digest {self.iso_year}-W{self.iso_week:02d} for {self.user_id}"


class ContentVersion(models.Model):
    """One row whose ``value`` goes up whenever something public changes: the anonymous page
    cache (cms.cache) keys pages by it, so a change forgets every cached page at once.

    The bump also records when the next scheduled change is due (a surgery starting, a booking
    window closing) and the tree paths the site's view restrictions reach, both asked just after
    the change: the first page rendered under a new version reads them with the version in one
    query instead of asking the schedule and the restrictions again.

    ``activity_bumps`` counts the bumps made only for what people do at surgeries (bookings,
    attendance, help given, their answers). Parts that only content can change (the timeless
    ones, cms.cache) are kept by ``value - activity_bumps``, which those bumps leave alone: a busy
    morning of bookings keeps the case-study listings, ranked fixes and routes cached while places
    left are shown afresh. Any other bump changes it, a bump by code that predates this counter
    (during a deploy) included."""

    value = models.BigIntegerField(default=0)
    activity_bumps = models.BigIntegerField(default=0)
    schedule_asked_at = models.DateTimeField(null=True, blank=True)
    next_change_at = models.DateTimeField(null=True, blank=True)
    # JSON: the version it was recorded for, when, the restricted paths and the paths a
    # restriction reaches from (cms.page_queries); empty when not recorded (asking failed, too
    # many to carry on every request). Read only while it belongs to the current version.
    restriction_paths = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return str(self.value)


class MemberSession(AbstractBaseSession):
    """Django's database session with the signed-in member's id in a column of its own (as
    Django's docs show for extending sessions), so the session and its member load in one
    query (cms.sessions), and deleting a member deletes their session rows.

    No database constraint: a session naming a member deleted a moment ago must still save
    (Django would retry creating it for ever), and then loads as signed out, as Django's does."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="+",
    )

    class Meta:
        verbose_name = "member session"

    @classmethod
    def get_session_store_class(cls):
        from cms.sessions.db import SessionStore

        return SessionStore
