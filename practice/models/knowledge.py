"""The knowledge base: barriers that hold councils back, and the fixes that got others past them.

Barriers and fixes are pages, written and moderated through the Wagtail editor; the two kinds of
endorsement ("this worked for us", "we face this too") are plain models, one per member per
page. The rules for changing endorsements live in ``practice.services.endorsements``; the
public forms post to routes on the pages themselves (RoutablePageMixin), so they share the
pages' URLs, privacy and live/draft state.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from cms.blocks import BaseStreamBlock, StepsStreamBlock
from cms.cache import remember
from cms.models import HasTopics, TaggedWithTopic, Topic
from cms.page_queries import PublicPageQuerySet


def _count_of(queryset, field="pk", distinct=False):
    """A correlated subquery counting ``queryset`` rows (0 when none): lets a listing carry
    counts for every row in its one query, without the row multiplication of JOIN + GROUP BY."""
    counted = (
        queryset.order_by()
        .annotate(_group=Value(1, output_field=IntegerField()))
        .values("_group")
        .annotate(n=Count(field, distinct=distinct))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class InKnowledgeBase:
    """For pages below the index: the index (for the feed and topic links), and the page's own
    topics in one query."""

    @cached_property
    def knowledge_base(self):
        # Routing (cms/routing.py) hands each page its parent: no query when we came that way.
        ancestor = getattr(self, "_cached_parent_obj", None)
        while ancestor is not None and not isinstance(ancestor, KnowledgeBaseIndexPage):
            ancestor = getattr(ancestor, "_cached_parent_obj", None)
        if ancestor is not None and ancestor.live:
            return ancestor
        return KnowledgeBaseIndexPage.objects.ancestor_of(self).live().first()

    def topic_links(self):
        """The page's topics, read once per instance (the Who can help panel reuses them)."""
        if not hasattr(self, "_topic_links"):
            self._topic_links = list(self.tagged_topics.select_related("tag"))
        return self._topic_links


class KnowledgeBaseIndexPage(RoutablePageMixin, Page):
    """/barriers/: every barrier, grouped by category and filterable by topic and category.

    Creating this page also gives the Authors group "add" permission on it and puts the
    "Moderator approval" workflow on it (see ``practice.services.moderation``).
    """

    intro = models.TextField(blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["practice.BarrierPage"]
    max_count = 1

    class Meta:
        verbose_name = "knowledge base"

    @path("")
    def index_route(self, request):
        """The listing; a filter that makes no sense gets its message and a 400."""
        response = self.render(request)
        filter_form = response.context_data["filter_form"]
        if filter_form.is_bound and not filter_form.is_valid():
            response.status_code = 400
        return response

    def get_context(self, request, *args, **kwargs):
        from practice.forms.knowledge import KnowledgeBaseFilterForm

        context = super().get_context(request, *args, **kwargs)
        filter_form = KnowledgeBaseFilterForm(request.GET or None, topics=self.topics_in_use())
        context["filter_form"] = filter_form
        context.update(self.listing(filter_form))
        user = request.user
        context["can_propose_barrier"] = (
            user.is_authenticated
            and user.can_access_admin
            and self.permissions_for_user(user).can_add_subpage()
        )
        return context

    @path("feed/rss/", name="rss_feed")
    def rss_feed(self, request):
        from practice.feeds import KnowledgeBaseRssFeed

        return KnowledgeBaseRssFeed(self)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        from practice.feeds import KnowledgeBaseAtomFeed

        return KnowledgeBaseAtomFeed(self)(request)

    def barriers(self):
        return BarrierPage.objects.child_of(self).live()

    def topics_in_use(self):
        """Topics on at least one live barrier: the choices of the topic filter."""
        return Topic.objects.filter(
            practice_barriertopic_items__content_object__in=self.barriers().values("pk")
        ).distinct()

    def listing(self, form):
        """The barriers to show, grouped by category in the categories' own order."""
        barriers = (
            self.barriers()
            .with_counts()
            .prefetch_related(Prefetch("tagged_topics", queryset=BarrierTopic.objects.select_related("tag")))
        )
        if form.is_bound and form.is_valid():
            if form.cleaned_data["category"]:
                barriers = barriers.filter(category=form.cleaned_data["category"])
            if form.cleaned_data["topic"]:
                barriers = barriers.filter(
                    pk__in=BarrierTopic.objects.filter(tag=form.cleaned_data["topic"]).values(
                        "content_object"
                    )
                )
        by_category = {}
        for barrier in barriers.order_by("title"):
            by_category.setdefault(barrier.category, []).append(barrier)
        groups = [
            {"value": value, "label": label, "barriers": by_category[value]}
            for value, label in BarrierPage.Category.choices
            if value in by_category
        ]
        return {"category_groups": groups, "barrier_count": sum(len(g["barriers"]) for g in groups)}


class BarrierPageQuerySet(PublicPageQuerySet):
    def with_counts(self):
        """Annotate ``fix_count`` (live fixes) and ``faced_count`` ("we face this too")."""
        return self.annotate(
            fix_count=_count_of(
                FixPage.objects.live().filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
            ),
            faced_count=_count_of(BarrierAffected.objects.filter(barrier=OuterRef("pk"))),
        )


class BarrierPage(HasTopics, InKnowledgeBase, RoutablePageMixin, Page):
    """A hurdle that stops councils using social media well."""

    class Category(models.TextChoices):
        CULTURE = "culture", "Culture and leadership"
        RISK = "risk", "Risk and governance"
        TECHNOLOGY = "technology", "Technology and access"
        SKILLS = "skills", "Skills and confidence"
        EVIDENCE = "evidence", "Evidence and metrics"
        LANGUAGE = "language", "Language and framing"
        SAFEGUARDING = "safeguarding", "Safeguarding and privacy"
        RESOURCES = "resources", "Resources"

    summary = models.TextField(max_length=400, help_text="One or two sentences: what gets in the way.")
    description = StreamField(BaseStreamBlock(), blank=True, use_json_field=True)
    category = models.CharField(max_length=20, choices=Category.choices)
    topics = ClusterTaggableManager(through="practice.BarrierTopic", blank=True)
    source = models.CharField(
        max_length=200, blank=True, help_text="Where this barrier was first recorded, e.g. a session's notes."
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("category"),
        FieldPanel("topics"),
        FieldPanel("description"),
        FieldPanel("source"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.FilterField("category"),
        index.RelatedFields("topics", [index.SearchField("name", boost=2)]),
    ]

    parent_page_types = ["practice.KnowledgeBaseIndexPage"]
    subpage_types = ["practice.FixPage"]

    objects = PageManager.from_queryset(BarrierPageQuerySet)()

    # The author is emailed about the moderator's decision by a Celery task (see practice.signals).
    emails_author_on_review = True

    # Routes on a barrier take precedence over its fixes' slugs, so fixes may not use these.
    ROUTE_SLUGS = ("suggest-a-fix", "we-face-this-too")

    class Meta:
        verbose_name = "barrier"

    @path("suggest-a-fix/", name="suggest_fix")
    def suggest_fix(self, request):
        from practice.views import suggest_fix

        return suggest_fix(request, self)

    @path("we-face-this-too/", name="face_this_too")
    def face_this_too(self, request):
        from practice.views import toggle_barrier_affected

        return toggle_barrier_affected(request, self)

    def get_context(self, request, *args, **kwargs):
        from practice.forms.knowledge import EndorsementForm, SuggestFixForm

        context = super().get_context(request, *args, **kwargs)
        user = request.user
        context["knowledge_base"] = self.knowledge_base
        context["tagged_topics"] = self.topic_links()
        context["fixes"] = self.fixes_for(request)
        # Who faces this, in one query: the count, their councils, and whether the member does.
        faced = list(self.faced_by.values_list("user_id", "council__name"))
        context["faced_count"] = len(faced)
        context["faced_councils"] = sorted({name for _, name in faced if name})
        if user.is_authenticated:
            faces_this = any(user_id == user.pk for user_id, _ in faced)
            context["user_faces_this"] = (
                self.faced_by.filter(user=user).select_related("council").first() if faces_this else None
            )
            context["faced_form"] = EndorsementForm(prefix="faced", initial={"council": user.council_id})
            context["can_add_fix_in_editor"] = self.user_can_add_fix_in_editor(user)
            if not context["can_add_fix_in_editor"]:
                context["suggest_form"] = SuggestFixForm(
                    prefix="suggest", initial={"council": user.council_id}
                )
        return context

    def fixes_for(self, request):
        """The ranked fixes with their counts, the same for everyone (so kept in the fragment
        cache until content changes), each marked with whether this member endorsed it.

        When the ranking is worked out in this request, the member's marks come in the same
        query and are taken off before the list is shared; from the cache, one more query."""
        user = request.user
        marks = {}

        def ranked_and_marked():
            fixes = list(self.ranked_fixes(user))
            for fix in fixes:
                marks[fix.pk] = fix.__dict__.pop("endorsed_by_user", False)
            return fixes

        fixes = remember(request, "barrier-fixes", ranked_and_marked, self.pk, timeless=True)
        if user.is_authenticated and fixes:
            if marks:
                endorsed = {pk for pk, endorsed_it in marks.items() if endorsed_it}
            else:
                endorsed = set(
                    FixEndorsement.objects.filter(user=user, fix__in=[fix.pk for fix in fixes]).values_list(
                        "fix_id", flat=True
                    )
                )
            for fix in fixes:
                fix.endorsed_by_user = fix.pk in endorsed
        return fixes

    def ranked_fixes(self, user=None):
        return (
            FixPage.objects.child_of(self).live().with_endorsements(user).ranked().select_related("council")
        )

    def user_can_add_fix_in_editor(self, user):
        """Editors add fixes in the Wagtail editor; everyone else suggests them from the site."""
        return (
            user.is_authenticated
            and user.can_access_admin
            and self.permissions_for_user(user).can_add_subpage()
        )


class BarrierTopic(TaggedWithTopic):
    content_object = ParentalKey(BarrierPage, on_delete=models.CASCADE, related_name="tagged_topics")


class FixPageQuerySet(PublicPageQuerySet):
    def with_endorsements(self, user=None):
        """Annotate each fix with its endorsement counts, and whether ``user`` endorsed it.

        ``worked_for_councils`` counts the distinct councils a fix worked for: the councils
        named in its "this worked for us" endorsements, plus the author's own council (the fix
        worked there, or it would not have been written), each council once.
        """
        endorsements = FixEndorsement.objects.filter(fix=OuterRef("pk"))
        author_council_not_named = Case(
            When(council__isnull=True, then=Value(0)),
            When(Exists(endorsements.filter(council=OuterRef("council"))), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        queryset = self.annotate(
            endorsement_count=_count_of(endorsements),
            worked_for_councils=_count_of(
                endorsements.filter(council__isnull=False), "council", distinct=True
            )
            + author_council_not_named,
        )
        if user is not None and user.is_authenticated:
            queryset = queryset.annotate(endorsed_by_user=Exists(endorsements.filter(user=user)))
        return queryset

    def ranked(self):
        """Most councils it worked for first, then most endorsements, then newest."""
        return self.order_by(
            "-worked_for_councils",
            "-endorsement_count",
            models.F("first_published_at").desc(nulls_last=True),
            "-pk",
        )


class FixPage(HasTopics, InKnowledgeBase, RoutablePageMixin, Page):
    """A tip that got a council past its parent barrier."""

    summary = models.TextField(max_length=400, help_text="One or two sentences: what to do.")
    steps = StreamField(StepsStreamBlock(), blank=True, use_json_field=True)
    where_it_worked = models.TextField(
        blank=True, max_length=1000, help_text="Where and how this worked, in plain words."
    )
    council = models.ForeignKey(
        "cms.Council",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fixes",
        help_text="The author's council.",
    )
    topics = ClusterTaggableManager(through="practice.FixTopic", blank=True)
    source = models.CharField(max_length=200, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("steps"),
        MultiFieldPanel(
            [FieldPanel("where_it_worked"), FieldPanel("council"), FieldPanel("source")],
            heading="Where it worked",
        ),
        FieldPanel("topics"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("steps"),
        index.SearchField("where_it_worked"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]

    parent_page_types = ["practice.BarrierPage"]
    subpage_types = []

    objects = PageManager.from_queryset(FixPageQuerySet)()

    # Tell the author by email (a Celery task) when a moderator approves or sends it back,
    # instead of Wagtail's own synchronous email (see practice.signals).
    emails_author_on_review = True

    class Meta:
        verbose_name = "fix"
        verbose_name_plural = "fixes"

    @path("this-worked-for-us/", name="endorse")
    def endorse(self, request):
        from practice.views import toggle_fix_endorsement

        return toggle_fix_endorsement(request, self)

    def clean(self):
        super().clean()
        if self.slug in BarrierPage.ROUTE_SLUGS:
            raise ValidationError(
                {"slug": f"“{self.slug}” is used by the barrier page itself: choose another."}
            )

    def get_context(self, request, *args, **kwargs):
        from practice.forms.knowledge import EndorsementForm

        context = super().get_context(request, *args, **kwargs)
        context["knowledge_base"] = self.knowledge_base
        context["tagged_topics"] = self.topic_links()
        context["barrier"] = self.get_parent()
        context["endorsement_count"] = self.endorsements.count()
        context["worked_for"] = self.worked_for_council_names()
        if request.user.is_authenticated:
            context["user_endorsement"] = (
                self.endorsements.filter(user=request.user).select_related("council").first()
            )
            context["endorsement_form"] = EndorsementForm(
                prefix="endorse", initial={"council": request.user.council_id}
            )
        return context

    def worked_for_council_names(self):
        """The councils this fix worked for, by the same rule as the ranking's count: those named
        in endorsements, and the author's own council."""
        names = set(council_names(self.endorsements))
        if self.council_id:
            names.add(self.council.name)
        return sorted(names)


class FixTopic(TaggedWithTopic):
    content_object = ParentalKey(FixPage, on_delete=models.CASCADE, related_name="tagged_topics")


class FixEndorsement(models.Model):
    """ "This worked for us": one per member per fix, optionally naming the member's council."""

    fix = models.ForeignKey(FixPage, on_delete=models.CASCADE, related_name="endorsements")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="fix_endorsements"
    )
    council = models.ForeignKey(
        "cms.Council", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "“this worked for us” endorsement"
        constraints = [
            models.UniqueConstraint(fields=["fix", "user"], name="one_endorsement_per_member_per_fix")
        ]

    def __str__(self):
        return f"{self.user} endorsed {self.fix}"


class BarrierAffected(models.Model):
    """ "We face this too": one per member per barrier, optionally naming the member's council."""

    barrier = models.ForeignKey(BarrierPage, on_delete=models.CASCADE, related_name="faced_by")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="barriers_faced"
    )
    council = models.ForeignKey(
        "cms.Council", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "“we face this too”"
        verbose_name_plural = "“we face this too”"
        constraints = [
            models.UniqueConstraint(fields=["barrier", "user"], name="one_we_face_this_per_member")
        ]

    def __str__(self):
        return f"{self.user} faces {self.barrier}"


def council_names(endorsements):
    """The distinct council names in a set of endorsements, in one query."""
    return list(
        endorsements.filter(council__isnull=False)
        .order_by("council__name")
        .values_list("council__name", flat=True)
        .distinct()
    )


class AuthorReviewEmail(models.Model):
    """That the author was emailed about one moderator decision (a finished workflow task), so
    the email task is safe to run twice: a second run finds this row and sends nothing."""

    task_state = models.OneToOneField("wagtailcore.TaskState", on_delete=models.CASCADE, related_name="+")
    recipient = models.EmailField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "review email to an author"

    def __str__(self):
        return f"Review email to {self.recipient}"
