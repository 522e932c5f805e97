"""Digital mentors: the volunteers who run surgeries and help councils one to one.

A mentor's email address (``contact_email``) is private: it is used only to relay messages,
it is never rendered, indexed or exposed through the API, and only moderators may change it.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, Value
from django.http import Http404
from django.shortcuts import redirect
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page, PagePermissionTester
from wagtail.search import index

from cms.cache import computed_when_used
from cms.models import Council, HasTopics, Platform, TaggedWithTopic, Topic
from cms.page_queries import PublicPageManager
from cms.pagination import page_links, query_page_url
from practice.activity import mentor_activity
from practice.forms.mentors import MentorFilterForm, MentorMessageForm

#: Permission (granted to the Mentors group) to edit the one profile linked to you.
EDIT_OWN_PROFILE_PERMISSION = "practice.edit_own_mentor_profile"
#: Permission (granted to Moderators) to see and change a mentor's email and linked account.
PRIVATE_DETAILS_PERMISSION = "practice.change_mentor_private_details"

HONORIFICS = {"cllr", "councillor", "dr", "mr", "mrs", "ms", "mx", "miss", "prof", "sir", "dame"}
#: The rendition the mentor card shows (templates/practice/includes/mentor_card.html), prefetched.
CARD_PHOTO_SPEC = "fill-160x160"


class MentorIndexPage(Page):
    """/mentors/: find a mentor by topic, platform, region and what they offer."""

    intro = models.TextField(blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["practice.MentorPage"]
    max_count = 1

    mentors_per_page = 24

    class Meta:
        verbose_name = "mentor index"

    def listed_mentors(self):
        """Live, public mentors under this page."""
        return MentorPage.objects.live().public().child_of(self)

    @staticmethod
    def with_card_details(mentors):
        """``mentors`` in name order, with everything a card shows fetched in bulk.

        Topics come through their link rows (``HasTopics``). Platforms are a plain list
        (``platform_list``), not a related manager per card."""
        photos = get_image_model().objects.prefetch_renditions(CARD_PHOTO_SPEC)
        return (
            mentors.select_related("council")
            .prefetch_related(
                Prefetch("photo", queryset=photos),
                MentorPage.topic_links_prefetch(),
                Prefetch("platforms", to_attr="platform_list"),
            )
            .order_by("title", "pk")
        )

    @staticmethod
    def filter_choices(listed):
        """What the filters offer: only the topics, platforms and regions of listed mentors.

        One query: the three lists as one union of (filter, value, label) rows, by label."""
        topics = (
            Topic.objects.filter(practice_mentortopic_items__content_object__in=listed)
            .annotate(filter=Value("topic"))
            .values_list("filter", "slug", "name")
            .order_by()
        )
        platforms = (
            Platform.objects.filter(mentors__in=listed)
            .annotate(filter=Value("platform"))
            .values_list("filter", "slug", "name")
            .order_by()
        )
        regions = (
            Council.objects.filter(mentors__in=listed)
            .annotate(filter=Value("region"), label=Value(""))
            .values_list("filter", "region", "label")
            .order_by()
        )
        found = {"topic": [], "platform": [], "region": set()}
        for name, value, label in topics.union(platforms, regions).order_by("name", "slug"):
            if name == "region":
                found["region"].add(value)
            else:
                found[name].append((value, label))
        return {
            "topic": found["topic"],
            "platform": found["platform"],
            "region": [(value, label) for value, label in Council.Region.choices if value in found["region"]],
        }

    def get_context(self, request, *args, **kwargs):
        """The filters and the listing are computed only if the template renders them: its
        listing is kept in the fragment cache (the same for everyone asking the same query)."""
        context = super().get_context(request, *args, **kwargs)
        listed = self.listed_mentors()

        def filter_form():
            # A filter we do not know (say, from a stale link) is reported; the others still apply.
            form = MentorFilterForm(request.GET, choices=self.filter_choices(listed))
            return {"filter_form": form, "filter_query": form.query_string()}

        form = computed_when_used(filter_form, ["filter_form", "filter_query"])

        def listing():
            mentors = self.with_card_details(form["filter_form"].filter(listed))
            listing = Paginator(mentors, self.mentors_per_page).get_page(request.GET.get("page"))
            activity = mentor_activity(listing.object_list)
            return {
                "mentors": [(mentor, activity[mentor.pk]) for mentor in listing.object_list],
                "listing": listing,
                "page_links": page_links(listing, query_page_url(form["filter_query"])),
            }

        context.update(form, **computed_when_used(listing, ["mentors", "listing", "page_links"]))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if response.context_data["filter_form"].errors:
            response.status_code = 400
        return response


def may_edit_as_its_mentor(user, page):
    """True when ``user`` holds ``edit_own_mentor_profile`` (the Mentors group does) and is the
    member linked to mentor profile ``page``, both in the stored page and in ``page`` as given
    (which may be a draft revision): the two must agree."""
    if not (user.is_active and user.has_perm(EDIT_OWN_PROFILE_PERMISSION)):
        return False
    if getattr(page, "user_id", None) != user.pk:
        return False
    return MentorPage.objects.filter(pk=page.pk, user_id=user.pk).exists()


class MentorPagePermissionTester(PagePermissionTester):
    """Wagtail's group-based page permissions, plus one rule: a member who holds
    ``edit_own_mentor_profile`` may edit, preview and submit for moderation the one profile
    linked to their account. Being linked grants nothing else: not publishing, deleting,
    moving, copying, locking, nor any other page."""

    def is_own_profile(self):
        return may_edit_as_its_mentor(self.user, self.page)

    def can_edit(self):
        return super().can_edit() or self.is_own_profile()

    def can_copy(self):
        return super().can_edit()


class MentorPage(HasTopics, RoutablePageMixin, Page):
    """A mentor's public profile. The title is their display name."""

    objects = PublicPageManager()

    role = models.CharField(max_length=120, help_text="e.g. Digital communications officer")
    council = models.ForeignKey(
        "cms.Council", null=True, blank=True, on_delete=models.SET_NULL, related_name="mentors"
    )
    organisation = models.CharField(
        max_length=200, blank=True, help_text="If the mentor is not from a council."
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = RichTextField(features=["bold", "italic", "link", "ul", "ol"], blank=True)
    topics = ClusterTaggableManager(through="practice.MentorTopic", blank=True, verbose_name="expertise")
    platforms = ParentalManyToManyField("cms.Platform", blank=True, related_name="mentors")
    offers_surgeries = models.BooleanField(default=True, verbose_name="runs surgeries")
    offers_calls = models.BooleanField(default=False, verbose_name="offers a 1:1 call")
    offers_messages = models.BooleanField(default=True, verbose_name="answers questions by message")
    availability = models.CharField(max_length=200, blank=True, help_text="e.g. Tuesday afternoons")
    languages = models.CharField(max_length=200, blank=True, default="English")
    contact_email = models.EmailField(help_text="Private: messages are relayed here and it is never shown.")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentor_profile",
        limit_choices_to={"groups__name": "Mentors"},
        help_text="The member of the Mentors group who may edit this profile.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("role"), FieldPanel("council"), FieldPanel("organisation"), FieldPanel("photo")],
            heading="Who they are",
        ),
        FieldPanel("bio"),
        FieldPanel("topics"),
        FieldPanel("platforms"),
        MultiFieldPanel(
            [
                FieldPanel("offers_surgeries"),
                FieldPanel("offers_calls"),
                FieldPanel("offers_messages"),
                FieldPanel("availability"),
                FieldPanel("languages"),
            ],
            heading="What they offer",
        ),
        # Field permissions remove these fields from the form itself for anyone else, so a
        # mentor can neither see them in the editor nor change them by adding them to a POST.
        MultiFieldPanel(
            [
                FieldPanel("contact_email", permission=PRIVATE_DETAILS_PERMISSION),
                FieldPanel("user", permission=PRIVATE_DETAILS_PERMISSION),
            ],
            heading="Private",
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("role"),
        index.SearchField("bio"),
        index.SearchField("organisation"),
        index.RelatedFields("topics", [index.SearchField("name", boost=2)]),
        index.RelatedFields("council", [index.SearchField("name")]),
        index.FilterField("offers_surgeries"),
        index.FilterField("offers_calls"),
        index.FilterField("offers_messages"),
    ]

    # Listed explicitly: never contact_email or user.
    api_fields = [
        APIField("role"),
        APIField("organisation_name", serializer=serializers.CharField(read_only=True)),
        APIField("region_name", serializer=serializers.CharField(read_only=True)),
        APIField("bio"),
        APIField("topic_names", serializer=serializers.ListField(read_only=True)),
        APIField("platform_names", serializer=serializers.ListField(read_only=True)),
        APIField("offers_surgeries"),
        APIField("offers_calls"),
        APIField("offers_messages"),
        APIField("availability"),
        APIField("languages"),
    ]

    parent_page_types = ["practice.MentorIndexPage"]
    subpage_types = []
    # A copy is a new person's profile: it must not take over this one's account link.
    exclude_fields_in_copy = ["user"]

    class Meta:
        verbose_name = "mentor"
        permissions = [
            ("edit_own_mentor_profile", "Can edit the mentor profile linked to their account"),
            ("change_mentor_private_details", "Can change a mentor's email address and linked account"),
        ]

    # --- what pages show ---------------------------------------------------------------------

    @property
    def organisation_name(self):
        return self.council.name if self.council_id else self.organisation

    @property
    def region_name(self):
        return self.council.get_region_display() if self.council_id else ""

    @property
    def initials(self):
        """For the placeholder when there is no photo: "Cllr Helen Marsh" gives "HM"."""
        words = [word for word in self.title.split() if word.lower().strip(".") not in HONORIFICS]
        return "".join(word[0] for word in words[:1] + words[1:][-1:]).upper()

    @property
    def topic_names(self):
        return [topic.name for topic in self.topics.all()]

    @property
    def platform_names(self):
        return [platform.name for platform in self.platforms.all()]

    @property
    def offers(self):
        """What the mentor offers, in words, in a fixed order."""
        return [
            label
            for offered, label in (
                (self.offers_surgeries, "Social media surgeries"),
                (self.offers_calls, "A 1:1 call"),
                (self.offers_messages, "Questions by message"),
            )
            if offered
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["activity"] = mentor_activity([self])[self.pk]
        context["message_url"] = self.get_route_url("message", request)
        return context

    def get_route_url(self, name, request=None):
        """The public address of one of this page's routes, e.g. ``"message"``."""
        return self.get_url(request) + self.reverse_subpage(name).lstrip("/")

    # --- routes: the profile, and the contact relay ---------------------------------------------

    @path("message/", name="message")
    def message(self, request):
        """The "Message this mentor" form: the message is emailed to the mentor by a Celery
        task, with the sender's address as reply-to. The mentor's address is never shown."""
        from practice.services import relay

        if not self.offers_messages:
            raise Http404("This mentor does not take questions by message.")
        form = MentorMessageForm(request.POST or None, mentor=self)
        status = 200
        if request.method == "POST":
            if form.is_from_a_bot():
                relay.note_bot_submission(self, request)
                return redirect(self.get_route_url("message_sent", request))
            if form.is_valid():
                try:
                    relay.relay_message(self, form.message_details(), client_ip=relay.client_ip(request))
                except relay.RateLimited as refusal:
                    form.add_error(None, str(refusal))
                    status = 429
                else:
                    return redirect(self.get_route_url("message_sent", request))
            else:
                status = 400
        response = self.render(
            request,
            template="practice/mentor_message_form.html",
            context_overrides={"form": form, "retention_days": relay.retention_days()},
        )
        response.status_code = status
        return response

    @path("message/sent/", name="message_sent")
    def message_sent(self, request):
        if not self.offers_messages:
            raise Http404("This mentor does not take questions by message.")
        return self.render(request, template="practice/mentor_message_sent.html")

    # --- who may edit ---------------------------------------------------------------------------

    def permissions_for_user(self, user):
        return MentorPagePermissionTester(user, self)


class MentorTopic(TaggedWithTopic):
    content_object = ParentalKey(MentorPage, on_delete=models.CASCADE, related_name="tagged_topics")


class MentorMessage(models.Model):
    """A message relayed to a mentor: the Celery task sends it by primary key, and the record
    lets moderators deal with abuse. Deleted after ``MENTOR_MESSAGE_RETENTION_DAYS``."""

    mentor = models.ForeignKey(MentorPage, on_delete=models.CASCADE, related_name="relayed_messages")
    sender_name = models.CharField(max_length=100)
    sender_email = models.EmailField()
    topic = models.ForeignKey("cms.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "message to a mentor"
        verbose_name_plural = "messages to mentors"

    def __str__(self):
        return f"From {self.sender_name} to {self.mentor.title}"
