"""Case studies: what a council actually did, what came of it, and the barriers it got past."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import (
    Count,
    ExpressionWrapper,
    Max,
    OuterRef,
    Prefetch,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.shortcuts import redirect
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import (
    RICH_TEXT_FEATURES,
    CaptionedImageBlock,
    EmbedWithCaptionBlock,
    HeadingBlock,
    QuoteBlock,
)
from cms.cache import computed_when_used
from cms.models import HasTopics, TaggedWithTopic
from cms.page_queries import PublicPageManager, visible_q
from cms.permissions import assign_moderation_workflow, grant_group_page_permissions

from ..case_study_api import BarriersField, CouncilField, NamesField, OutcomesField, TopicsField
from .knowledge import BarrierPage

AUTHORS_GROUP = "Authors"


class CaseStudyBodyBlock(blocks.StreamBlock):
    """The story: text, quotes from the people involved, pictures and video."""

    heading = HeadingBlock()
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html")
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    embed = EmbedWithCaptionBlock()


class RiskBlock(blocks.StructBlock):
    risk = blocks.CharBlock(max_length=200, help_text="What could have gone wrong.")
    handling = blocks.TextBlock(help_text="How it was handled, in plain words.")

    class Meta:
        icon = "warning"
        label = "Risk"


class CaseStudyPageForm(WagtailAdminPageForm):
    """Authors choose topics from the shared vocabulary, which moderators keep; typing a new
    one does not create it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        topics = self.fields.get("topics")
        if topics is not None:
            topics.free_tagging = topics.widget.free_tagging = False
            topics.help_text = "Choose from the site's topics. A moderator can add a new one."


class CaseStudyIndexPage(RoutablePageMixin, Page):
    """/case-studies/: every case study, filterable, with RSS and Atom feeds of new ones."""

    PER_PAGE = 20
    FEED_SIZE = 20

    intro = models.TextField(blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["practice.CaseStudyPage"]
    max_count = 1

    class Meta:
        verbose_name = "case study index"

    def case_studies(self):
        """The live, public case studies listed here."""
        return CaseStudyPage.objects.child_of(self).live().public()

    def newest_case_studies(self):
        """What the feeds carry: the most recently published first."""
        return (
            self.case_studies()
            .select_related("council")
            .prefetch_related("topics")
            .order_by("-first_published_at", "-pk")[: self.FEED_SIZE]
        )

    @path("")
    def index_route(self, request, *args, **kwargs):
        """The listing. A submitted filter form sends every field, empty or not: redirect to the
        short address with only the filters chosen, which is the one worth sharing."""
        from ..case_study_filters import tidy_query

        tidy = tidy_query(request.GET)
        if tidy is not None:
            return redirect(self.get_url(request) + tidy)
        return super().index_route(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from ..case_study_filters import CaseStudyFinder

        context = super().get_context(request, *args, **kwargs)

        def listing():
            # Computed only if the template renders it: it keeps the listing in the fragment cache.
            finder = CaseStudyFinder(self.case_studies(), request.GET)
            return {
                "finder": finder,
                "results": finder.paginate(
                    request.GET.get("page"), per_page=self.PER_PAGE, url=self.get_url(request) or ""
                ),
            }

        context.update(computed_when_used(listing, ["finder", "results"]))
        context["feed_urls"] = self.feed_urls_for(self.url)
        return context

    @classmethod
    def feed_urls_for(cls, index_url):
        """The feeds' addresses, given the index page's address."""
        if not index_url:
            return {}
        base = index_url if index_url.endswith("/") else index_url + "/"
        resolver = cls.get_resolver()
        return {"rss": base + resolver.reverse("rss_feed"), "atom": base + resolver.reverse("atom_feed")}

    @path("feed/rss/", name="rss_feed")
    def rss_feed(self, request):
        from ..case_study_feeds import CaseStudyRSSFeed

        return CaseStudyRSSFeed()(request, index=self)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        from ..case_study_feeds import CaseStudyAtomFeed

        return CaseStudyAtomFeed()(request, index=self)


@receiver(post_save, sender=CaseStudyIndexPage)
def open_case_studies_to_authors(sender, instance, created, raw=False, **kwargs):
    """Authors may submit case studies here, and every submission waits for a moderator."""
    if created and not raw:
        grant_group_page_permissions(instance, AUTHORS_GROUP, ["add_page"])
        assign_moderation_workflow(instance)


class CaseStudyPage(HasTopics, Page):
    """What one council did, what came of it, and what others can learn from it."""

    objects = PublicPageManager()

    class Stage(models.TextChoices):
        LISTEN = "listen", "Listen"
        PARTICIPATE = "participate", "Participate"
        TRANSFORM = "transform", "Transform"

    # Seed 004: the Young Foundation's "Listen, Participate, Transform" framework.
    STAGE_DESCRIPTIONS = {
        Stage.LISTEN: "Listening to social media users and the conversations about local issues.",
        Stage.PARTICIPATE: (
            "Taking part in those conversations: building dialogue with citizens, energising them "
            "around local issues, giving residents spaces to support each other, and measuring the impact."
        ),
        Stage.TRANSFORM: (
            "Redesigning a service: replacing or complementing existing ways of working and adopting "
            "new models of working with citizens."
        ),
    }

    council = models.ForeignKey(
        "cms.Council", null=True, blank=False, on_delete=models.SET_NULL, related_name="case_studies"
    )
    service_area = models.CharField(
        max_length=120, blank=True, help_text="e.g. Youth services, Waste and recycling, Communications"
    )
    platforms = ParentalManyToManyField("cms.Platform", related_name="case_studies")
    stage = models.CharField(
        max_length=20,
        choices=Stage.choices,
        help_text=(
            "Where this work sits in the Listen → Participate → Transform framework. "
            "Listen: following what people say about local issues. Participate: joining in and building "
            "dialogue. Transform: redesigning a service with citizens."
        ),
    )
    summary = models.TextField(
        max_length=500, help_text="Two or three sentences: what was done and what changed."
    )
    body = StreamField(CaseStudyBodyBlock(), blank=True, use_json_field=True, verbose_name="the story")
    lessons_learned = RichTextField(
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
        help_text="What would you tell a council about to try this?",
    )
    risks = StreamField(
        [("risk", RiskBlock())],
        blank=True,
        use_json_field=True,
        verbose_name="risks and how they were handled",
    )
    contact_mentor = models.ForeignKey(
        "practice.MentorPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
        help_text="A digital mentor readers can ask about this work.",
    )
    topics = ClusterTaggableManager(through="practice.CaseStudyTopic", blank=True)
    published_date = models.DateField(help_text="The date of the work, or of this write-up.")

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("council"),
                FieldPanel("service_area"),
                FieldPanel("platforms"),
                FieldPanel("stage"),
                FieldPanel("published_date"),
            ],
            heading="At a glance",
        ),
        FieldPanel("body"),
        InlinePanel("outcomes", heading="Outcomes", label="Outcome"),
        FieldPanel("lessons_learned"),
        FieldPanel("risks"),
        InlinePanel("barrier_links", heading="Barriers it overcame", label="Barrier"),
        FieldPanel("contact_mentor"),
        FieldPanel("topics"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("lessons_learned"),
        index.SearchField("risks"),
        index.SearchField("service_area"),
        index.RelatedFields("council", [index.SearchField("name")]),
        index.RelatedFields("topics", [index.SearchField("name", boost=2)]),
        index.FilterField("stage"),
        index.FilterField("published_date"),
    ]

    # The public API shows what the page shows, field by field (see case_study_api.py).
    api_fields = [
        APIField("council", serializer=CouncilField()),
        APIField("service_area"),
        APIField("platforms", serializer=NamesField()),
        APIField("stage"),
        APIField("summary"),
        APIField("body"),
        APIField("outcomes", serializer=OutcomesField()),
        APIField("lessons_learned"),
        APIField("risks"),
        APIField("barriers", serializer=BarriersField()),
        APIField("topics", serializer=TopicsField()),
        APIField("published_date"),
    ]

    base_form_class = CaseStudyPageForm
    parent_page_types = ["practice.CaseStudyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "case study"
        verbose_name_plural = "case studies"

    @property
    def stage_description(self):
        return self.STAGE_DESCRIPTIONS.get(self.stage, "")

    @classmethod
    def api_listing_queryset(cls, queryset):
        """Fetch, in a fixed number of queries, everything the API's fields read (the locale is
        one of the API's standard meta fields)."""
        return queryset.select_related("council", "locale").prefetch_related(
            "platforms", "topics", "outcomes", visible_barrier_links_prefetch()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            # A preview reads the page's unsaved relations from memory.
            topics = list(self.topics.all())
            contact_mentor = self.visible_contact_mentor()
        else:
            self.prefetch_own_relations()
            topics = [tagged.tag for tagged in self.tagged_topics.all()]
            contact_mentor = self.load_council_and_contact_mentor()
        context.update(
            topics=topics,
            platforms=list(self.platforms.all()),
            outcomes=list(self.outcomes.all()),
            barriers=self.overcome_barriers(),
            contact_mentor=contact_mentor,
            feed_urls=self.feed_urls(),
        )
        # Only if the template renders it: it keeps the section in the fragment cache.
        context.update(
            computed_when_used(lambda: {"related": self.related_case_studies(topics)}, ["related"])
        )
        return context

    def prefetch_own_relations(self):
        """Read the page's own relations in one query each, for the page and for the "Who can
        help" panel alike (which reads ``tagged_topics`` and ``barrier_links`` too): topics with
        their tag, platforms, outcomes, and the barrier links with each barrier and whether it is
        live and public (see ``overcome_barriers``)."""
        prefetch_related_objects(
            [self],
            Prefetch("tagged_topics", queryset=CaseStudyTopic.objects.select_related("tag").order_by("pk")),
            "platforms",
            Prefetch("outcomes", queryset=CaseStudyOutcome.objects.order_by("sort_order", "pk")),
            Prefetch(
                "barrier_links",
                queryset=CaseStudyBarrier.objects.select_related("barrier")
                .annotate(
                    barrier_visible=ExpressionWrapper(
                        visible_q("barrier__"),
                        output_field=models.BooleanField(),
                    )
                )
                .order_by("sort_order", "pk"),  # the editor's order; pk where sort_order ties
            ),
        )

    def load_council_and_contact_mentor(self):
        """The council (cached on the page) and the visible contact mentor, in one query.

        Returns what ``visible_contact_mentor`` would.
        """
        if self.council_id is None and self.contact_mentor_id is None:
            return None
        row = (
            CaseStudyPage.objects.filter(pk=self.pk)
            .select_related("council", "contact_mentor")
            .annotate(
                contact_mentor_visible=ExpressionWrapper(
                    visible_q("contact_mentor__"),
                    output_field=models.BooleanField(),
                )
            )
            .only(
                "council_id",
                "contact_mentor_id",
                "council",
                *(f"contact_mentor__{name}" for name in ("title", "url_path", "path", "depth")),
            )
            .first()
        )
        stored = (row.council_id, row.contact_mentor_id) if row else None
        if stored != (self.council_id, self.contact_mentor_id):
            return self.visible_contact_mentor()
        CaseStudyPage.council.field.set_cached_value(self, row.council)
        if row.contact_mentor_id is None or not row.contact_mentor_visible:
            return None
        return row.contact_mentor

    def overcome_barriers(self):
        """The live, public barriers this case study got past, in the editor's order, each once.

        Reads the links through the page, so a preview shows unsaved changes.
        """
        links = getattr(self, "visible_barrier_links", None)
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("barrier_links")
        if links is not None:
            barriers = [link.barrier for link in links]
        elif prefetched is not None and all(hasattr(link, "barrier_visible") for link in prefetched):
            barriers = [link.barrier for link in prefetched if link.barrier_visible]
        else:
            ids = [link.barrier_id for link in self.barrier_links.all()]
            found = BarrierPage.objects.live().public().in_bulk(ids) if ids else {}
            barriers = [found[pk] for pk in ids if pk in found]
        return list({barrier.pk: barrier for barrier in barriers}.values())

    def visible_contact_mentor(self):
        """The contact mentor's public profile, or None while it is unpublished or private."""
        if self.contact_mentor_id is None:
            return None
        from .mentors import MentorPage

        return (
            MentorPage.objects.live()
            .public()
            .only("id", "title", "url_path", "path", "depth")
            .filter(pk=self.contact_mentor_id)
            .first()
        )

    def related_case_studies(self, topics, limit=3):
        """Up to ``limit`` other live case studies sharing the most topics with this one, the
        newest first among equals.

        One query (after the site's view restrictions are read). The ranking groups only the
        narrow topic links (grouping whole pages by every column took 30 ms at 10,000 case
        studies); the pages it picks are then loaded with their councils and counts.
        """
        topic_ids = [topic.pk for topic in topics]
        if not topic_ids:
            return []
        ranked = (
            CaseStudyTopic.objects.filter(visible_q("content_object__"), tag_id__in=topic_ids)
            .exclude(content_object_id=self.pk)
            .values("content_object_id")
            .annotate(shared=Count("pk"), published=Max("content_object__published_date"))
            .order_by("-shared", "-published", "-content_object_id")
            .values("content_object_id")[:limit]
        )
        shared = (
            CaseStudyTopic.objects.filter(content_object_id=OuterRef("pk"), tag_id__in=topic_ids)
            .order_by()
            .values("content_object_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return list(
            CaseStudyPage.objects.filter(pk__in=Subquery(ranked))
            .annotate(shared_topics=Subquery(shared))
            .select_related("council")
            .order_by("-shared_topics", "-published_date", "-pk")
        )

    def feed_urls(self):
        parent = self.get_parent()
        return CaseStudyIndexPage.feed_urls_for(parent.url if parent else None)


def visible_barrier_links_prefetch():
    """Prefetch each case study's links to live, public barriers (with the barrier) as
    ``visible_barrier_links``, which ``CaseStudyPage.overcome_barriers`` then reads."""
    return Prefetch(
        "barrier_links",
        queryset=CaseStudyBarrier.objects.filter(barrier__in=BarrierPage.objects.live().public())
        .select_related("barrier")
        .order_by("sort_order", "pk"),
        to_attr="visible_barrier_links",
    )


class CaseStudyTopic(TaggedWithTopic):
    content_object = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="tagged_topics")

    class Meta:
        # Why: the finder's topic counts and the related case studies read each case study's
        # topic ids; with both columns in one index they are read from it alone, not row by row
        # from the table (at 10,000 case studies, a fifth of each query).
        indexes = [models.Index(fields=["content_object", "tag"], name="practice_cstopic_object_tag")]


class CaseStudyOutcome(Orderable):
    """One measured result. The impact report sums outcomes by unit across case studies."""

    class Unit(models.TextChoices):
        CITIZEN_HOURS = "citizen_hours", "Citizen hours"
        PEOPLE_REACHED = "people_reached", "People reached"
        MONEY_SAVED = "money_saved", "£ saved"
        STAFF_HOURS_SAVED = "staff_hours_saved", "Staff hours saved"
        RESPONSES = "responses", "Responses"
        OTHER = "other", "Other"

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="outcomes")
    label = models.CharField(max_length=160, help_text="What was measured, e.g. Hours given by volunteers")
    value = models.DecimalField(max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))])
    unit = models.CharField(max_length=20, choices=Unit.choices)

    panels = [FieldPanel("label"), FieldPanel("value"), FieldPanel("unit")]

    def __str__(self):
        return f"{self.label}: {self.formatted_value} ({self.get_unit_display()})"

    @property
    def formatted_value(self):
        """1200.00 → "1,200"; 2.50 → "2.5"; money as pounds: "£12,500" or "£12.50"."""
        value = self.value
        if self.unit == self.Unit.MONEY_SAVED:
            return f"£{value:,.0f}" if value == value.to_integral_value() else f"£{value:,.2f}"
        if value == value.to_integral_value():
            return f"{value:,.0f}"
        return f"{value.normalize():,f}"


class CaseStudyBarrier(Orderable):
    """A barrier the case study got past: shown on the case study and on the barrier's page."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="barrier_links")
    barrier = models.ForeignKey(BarrierPage, on_delete=models.CASCADE, related_name="case_study_links")

    panels = [FieldPanel("barrier")]

    def __str__(self):
        return f"{self.page} overcame {self.barrier}"


def case_studies_for_barrier(barrier):
    """The live, public case studies that overcame ``barrier``, newest first.

    The seam the barrier page uses; each case study's council comes with it, so rendering
    ``practice/includes/barrier_case_studies.html`` needs no query per item.
    """
    return (
        CaseStudyPage.objects.live()
        .public()
        .filter(pk__in=CaseStudyBarrier.objects.filter(barrier=barrier).values("page_id"))
        .select_related("council")
        .order_by("-published_date", "-first_published_at", "-pk")
    )
