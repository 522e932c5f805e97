"""Social media surgeries: the sessions, the bookings for them, and the help mentors record.

The rules that keep bookings consistent (capacity, waitlist, one booking per email, emails
sent once) live in ``surgeries.services``; these models hold the data and answer questions
about it.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from cms.cache import computed_when_used, remember
from cms.models import Council, HasTopics, TaggedWithTopic
from cms.page_queries import PublicPageManager
from cms.pagination import page_links, query_page_url
from practice.models import MentorPage


class AllowedEmailDomain(models.Model):
    """An email domain whose addresses may book surgeries for council staff only.

    ``devon.gov.uk`` also admits its subdomains (``libraries.devon.gov.uk``); ``gov.uk``
    admits every council address that ends in it.
    """

    domain = models.CharField(
        max_length=253,
        unique=True,
        help_text="e.g. gov.uk or devon.gov.uk. Subdomains are included.",
    )
    note = models.CharField(max_length=200, blank=True, help_text="Who this domain belongs to.")

    class Meta:
        ordering = ["domain"]
        verbose_name = "staff email domain"

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = (self.domain or "").strip().lower().lstrip("@").rstrip(".")
        super().save(*args, **kwargs)

    def clean(self):
        domain = (self.domain or "").strip().lower().lstrip("@").rstrip(".")
        labels = domain.split(".")
        if len(labels) < 2 or not all(label and label.replace("-", "").isalnum() for label in labels):
            raise ValidationError({"domain": "Enter a domain such as gov.uk or devon.gov.uk."})
        self.domain = domain


class Audience(models.TextChoices):
    STAFF = "staff", "Council staff only"
    PUBLIC = "public", "The public and community groups"
    BOTH = "both", "Everyone: council staff and the public"


class Format(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid (in person and online)"


def places_taken_by_surgery():
    """The places taken at the surgery of the outer query (``OuterRef("pk")``), for
    ``Subquery``: counted per listed surgery, not by joining and grouping every booking."""
    return (
        Booking.objects.filter(surgery=OuterRef("pk"), status__in=Booking.PLACE_TAKING, is_walk_in=False)
        .order_by()
        .values("surgery")
        .annotate(n=Count("pk"))
        .values("n")
    )


def booking_window_is_open(now, start, booking_opens, booking_closes):
    """Whether a scheduled surgery takes bookings at ``now``: from ``booking_opens`` (or
    always) until ``booking_closes`` (or its start). Also for listings that load no page."""
    if now >= (booking_closes or start):
        return False
    return booking_opens is None or now >= booking_opens


class SurgeryIndexPage(RoutablePageMixin, Page):
    """/surgeries/: upcoming surgeries first, with filters, and an archive of past ones."""

    intro = models.TextField(blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["surgeries.SurgeryPage"]
    max_count = 1
    PER_PAGE = 12

    class Meta:
        verbose_name = "surgery index"

    @path("")
    def upcoming(self, request):
        return self.render(request, context_overrides=self.listing_context(request, past=False))

    @path("past/")
    def past(self, request):
        return self.render(
            request,
            context_overrides=self.listing_context(request, past=True),
            template="surgeries/surgery_index_page_past.html",
        )

    def surgeries(self):
        """Live surgeries under this index with what every listing shows, in a fixed number of
        queries: places taken are annotated, mentors and topics prefetched."""
        return (
            SurgeryPage.objects.live()
            .child_of(self)
            # A subquery, not a join with every booking grouped by every page column: it runs
            # only for the surgeries on the page shown, and the count ignores it.
            .annotate(places_taken=Coalesce(Subquery(places_taken_by_surgery()), 0))
            .prefetch_related(
                SurgeryPage.topic_links_prefetch(),
                # Cards show their names only.
                Prefetch("mentors", queryset=MentorPage.objects.only("title")),
            )
        )

    def listing_context(self, request, *, past):
        """Upcoming surgeries soonest first, or past ones latest first, filtered and paged:
        computed only if the template renders them (it keeps the listing in the fragment cache)."""
        from .forms import SurgeryFilterForm

        def listing():
            now = timezone.now()
            surgeries = self.surgeries()
            if past:
                surgeries = surgeries.filter(end__lte=now).order_by("-start", "pk")
            else:
                surgeries = surgeries.filter(end__gt=now).order_by("start", "pk")
            filter_form = SurgeryFilterForm(request.GET or None)
            surgeries = filter_form.filter(surgeries)
            paginator = Paginator(surgeries, self.PER_PAGE)
            page_obj = paginator.get_page(request.GET.get("page"))
            query_string = filter_form.query_string()
            return {
                "surgeries": page_obj.object_list,
                "page_obj": page_obj,
                "paginator": paginator,
                "page_links": page_links(page_obj, query_page_url(query_string)),
                "filter_form": filter_form,
                "query_string": query_string,
            }

        return {
            **computed_when_used(
                listing, ["surgeries", "page_obj", "paginator", "page_links", "filter_form", "query_string"]
            ),
            "is_archive": past,
            "upcoming_url": self.url,
            "past_url": self.url + self.reverse_subpage("past"),
        }


class SurgeryPage(HasTopics, RoutablePageMixin, Page):
    """One surgery. Start and end are stored in UTC and shown in Europe/London time.

    ``joining_link`` is private: it is only ever sent by email to confirmed attendees and the
    surgery's mentors, so it is in no template, search field, API field or feed.
    """

    objects = PublicPageManager()

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    start = models.DateTimeField(help_text="In UK time (Europe/London).")
    end = models.DateTimeField(help_text="In UK time (Europe/London).")
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.BOTH)
    description = models.TextField(
        blank=True, max_length=2000, help_text="What the surgery covers and who it is for, in plain words."
    )
    venue = models.TextField(
        blank=True,
        max_length=600,
        help_text="For in-person and hybrid surgeries: the address and how to find the room.",
    )
    region = models.CharField(
        max_length=20,
        choices=Council.Region.choices,
        blank=True,
        help_text="Where it takes place, for the filters.",
    )
    joining_link = models.URLField(
        blank=True,
        max_length=500,
        help_text="Private: sent only to confirmed attendees and the mentors, never shown on the site.",
    )
    capacity = models.PositiveSmallIntegerField(
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text="Places that can be booked.",
    )
    walk_ins_welcome = models.BooleanField(default=False)
    booking_opens = models.DateTimeField(null=True, blank=True, help_text="Leave empty to open booking now.")
    booking_closes = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to take bookings until the surgery starts."
    )
    mentors = ParentalManyToManyField("practice.MentorPage", blank=True, related_name="surgeries")
    topics = ClusterTaggableManager(through="surgeries.SurgeryTopic", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("status")], heading="When"
        ),
        MultiFieldPanel(
            [FieldPanel("format"), FieldPanel("venue"), FieldPanel("region"), FieldPanel("joining_link")],
            heading="Where",
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("capacity"),
                FieldPanel("walk_ins_welcome"),
                FieldRowPanel([FieldPanel("booking_opens"), FieldPanel("booking_closes")]),
            ],
            heading="Who and how many",
        ),
        FieldPanel("mentors"),
        FieldPanel("topics"),
    ]

    # No joining_link here or in api_fields: it must never reach a search result or the API.
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("venue"),
        index.FilterField("start"),
        index.FilterField("audience"),
        index.FilterField("format"),
        index.FilterField("status"),
        index.RelatedFields("topics", [index.SearchField("name", boost=2)]),
    ]
    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("format"),
        APIField("audience"),
        APIField("description"),
        APIField("venue"),
        APIField("region"),
        APIField("capacity"),
        APIField("walk_ins_welcome"),
        APIField("status"),
    ]

    parent_page_types = ["surgeries.SurgeryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "surgery"
        verbose_name_plural = "surgeries"
        # Upcoming, scheduled surgeries: listings, search, the calendar feed and the home page
        # all ask for them (without it SQLite built a temporary index for every search count).
        indexes = [models.Index(fields=["status", "end"], name="surgeries_scheduled_end")]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = "The surgery must end after it starts."
        if self.booking_closes and self.start and self.booking_closes > self.start:
            errors["booking_closes"] = "Booking must close before the surgery starts."
        if self.booking_opens and self.booking_closes and self.booking_opens >= self.booking_closes:
            errors["booking_opens"] = "Booking must open before it closes."
        if self.format in (Format.ONLINE, Format.HYBRID) and not self.joining_link:
            errors["joining_link"] = "An online or hybrid surgery needs a joining link for its attendees."
        if self.format in (Format.IN_PERSON, Format.HYBRID) and not self.venue.strip():
            errors["venue"] = "An in-person or hybrid surgery needs a venue."
        if errors:
            raise ValidationError(errors)

    # --- routes -------------------------------------------------------------------------

    @path("book/")
    def book(self, request):
        from .views import book_surgery

        return book_surgery(request, self)

    # --- questions about the surgery ----------------------------------------------------

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_online(self):
        return self.format in (Format.ONLINE, Format.HYBRID)

    @property
    def has_venue(self):
        return self.format in (Format.IN_PERSON, Format.HYBRID)

    @property
    def is_staff_only(self):
        return self.audience == Audience.STAFF

    @property
    def closes_at(self):
        return self.booking_closes or self.start

    def has_started(self, now=None):
        return (now or timezone.now()) >= self.start

    def has_ended(self, now=None):
        return (now or timezone.now()) >= self.end

    def booking_is_open(self, now=None):
        if self.is_cancelled:
            return False
        return booking_window_is_open(
            now or timezone.now(), self.start, self.booking_opens, self.booking_closes
        )

    @classmethod
    def filter_search_results(cls, queryset):
        """Site search finds only surgeries people can still come to (cms.search.views)."""
        return queryset.filter(end__gt=timezone.now(), status=cls.Status.SCHEDULED)

    @classmethod
    def prepare_search_results(cls, queryset):
        """What a search result's key facts show (places left; not its topics), fetched for the
        whole page of results."""
        return queryset.annotate(places_taken=Coalesce(Subquery(places_taken_by_surgery()), 0))

    # --- when, for <time> elements (templates/surgeries/includes/when.html) ------------------
    # Template date filters cost ~50 µs each and a listing formats several per surgery; these
    # give what ``|date:'c'`` and ``|date:"Ymd"`` comparisons gave, in UK (the current) time.

    @property
    def start_iso(self):
        return timezone.localtime(self.start).isoformat()

    @property
    def end_iso(self):
        return timezone.localtime(self.end).isoformat()

    @property
    def ends_another_day(self):
        return timezone.localtime(self.start).date() != timezone.localtime(self.end).date()

    @cached_property
    def places_taken(self):
        """Confirmed places (annotated by listings; counted here otherwise)."""
        return self.bookings.filter(status__in=Booking.PLACE_TAKING, is_walk_in=False).count()

    @property
    def places_left(self):
        return max(self.capacity - self.places_taken, 0)

    @property
    def is_full(self):
        return self.places_left == 0

    def get_context(self, request, *args, booking_form=None, **kwargs):
        from .forms import BookingForm

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context.update(
            {
                "booking_form": booking_form or BookingForm(surgery=self),
                "booking_open": self.booking_is_open(now),
                "has_ended": self.has_ended(now),
                "has_started": self.has_started(now),
                "booking_not_yet_open": bool(self.booking_opens and now < self.booking_opens),
                "retention_days": settings.SURGERIES_RETENTION_DAYS,
                "mentor_list": sorted((m for m in self.mentors.all() if m.live), key=lambda m: m.title),
            }
        )
        return context


class SurgeryTopic(TaggedWithTopic):
    content_object = ParentalKey(SurgeryPage, on_delete=models.CASCADE, related_name="tagged_topics")


class Booking(models.Model):
    """A place (or a waitlist place) at a surgery, made with a name and email, no account.

    Personal fields are anonymised ``SURGERIES_RETENTION_DAYS`` after the surgery ends; the
    status, topics and timestamps stay for the impact report.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        WAITLISTED = "waitlisted", "Waitlisted"
        CANCELLED = "cancelled", "Cancelled"
        ATTENDED = "attended", "Attended"
        NO_SHOW = "no_show", "Did not come"

    ACTIVE = (Status.CONFIRMED, Status.WAITLISTED, Status.ATTENDED, Status.NO_SHOW)
    PLACE_TAKING = (Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW)

    surgery = models.ForeignKey(SurgeryPage, on_delete=models.CASCADE, related_name="bookings")
    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254, blank=True, help_text="Stored in lower case.")
    organisation = models.CharField(max_length=200, blank=True)
    help_wanted = models.TextField(max_length=2000, blank=True, verbose_name="what they want help with")
    topics = models.ManyToManyField("cms.Topic", blank=True, related_name="surgery_bookings")
    status = models.CharField(max_length=20, choices=Status.choices)
    is_walk_in = models.BooleanField(
        default=False, help_text="Added by a mentor on the day; takes no booked place."
    )

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_at = models.DateTimeField(null=True, blank=True, help_text="When the place was confirmed.")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    # Each email is claimed by setting its timestamp with a conditional UPDATE before it is
    # sent, so overlapping sweeps and retried tasks send it once (see surgeries/tasks.py).
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    promotion_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    cancellation_sent_at = models.DateTimeField(null=True, blank=True)
    surgery_cancelled_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["surgery", "email"],
                condition=~Q(status="cancelled") & ~Q(email=""),
                name="surgeries_one_active_booking_per_email",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waitlisted", "cancelled", "attended", "no_show"]),
                name="surgeries_booking_status_known",
            ),
        ]
        # The waitlist queue, in order; is_walk_in last so places taken (places_taken_by_surgery,
        # per listed surgery) are counted from the index alone, without reading any booking.
        indexes = [
            models.Index(
                fields=["surgery", "status", "created_at", "is_walk_in"], name="surgeries_booking_queue"
            )
        ]
        permissions = [("view_all_bookings", "Can see the bookings of every surgery, not only their own")]

    def __str__(self):
        return f"{self.name} – {self.get_status_display()}"

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def can_be_managed(self):
        """Whether its private link still works: not cancelled, and the surgery not over."""
        return (
            self.status != self.Status.CANCELLED and not self.surgery.has_ended() and not self.anonymised_at
        )


class ManageToken(models.Model):
    """A private link to view, change or cancel a booking. Only the SHA-256 hash of the token
    is stored; each email that carries a link mints its own, and all of them stop working once
    the booking is cancelled or the surgery has ended."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="manage_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "booking link"

    def __str__(self):
        return f"Link for booking {self.booking_id}"

    @staticmethod
    def hash(token):
        return hashlib.sha256(token.encode()).hexdigest()


class HelpRecord(models.Model):
    """What a mentor helped with at a surgery: the record the impact report rolls up.

    It keeps no personal data of its own; the outcome note is written without naming the
    person (and names are scrubbed from it when the booking is anonymised).
    """

    class Outcome(models.TextChoices):
        SOLVED = "solved", "Sorted on the day"
        STARTED = "started", "Made a start; they know the next steps"
        REFERRED = "referred", "Pointed to someone or something else"
        NOT_SOLVED = "not_solved", "Not solved"

    surgery = models.ForeignKey(SurgeryPage, on_delete=models.CASCADE, related_name="help_records")
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="help_records")
    mentor = models.ForeignKey(
        "practice.MentorPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="help_records"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    topics = models.ManyToManyField("cms.Topic", blank=True, related_name="surgery_help_records")
    barrier = models.ForeignKey(
        "practice.BarrierPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surgery_help_records",
        verbose_name="barrier tackled",
    )
    fix_shared = models.ForeignKey(
        "practice.FixPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="surgery_help_records",
    )
    minutes = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(600)])
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.SOLVED)
    outcome_note = models.TextField(
        max_length=1000,
        blank=True,
        help_text="What changed for them. Don't name the person: this note is kept after their details are removed.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Help at {self.surgery_id}: {self.minutes} minutes"


class MentorBriefing(models.Model):
    """That a mentor was sent the day-before briefing for a surgery; the unique constraint
    is what makes the briefing go once."""

    surgery = models.ForeignKey(SurgeryPage, on_delete=models.CASCADE, related_name="mentor_briefings")
    mentor = models.ForeignKey("practice.MentorPage", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["surgery", "mentor"], name="surgeries_one_briefing_per_mentor")
        ]

    def __str__(self):
        return f"Briefing for surgery {self.surgery_id}, mentor {self.mentor_id}"


def retention_cutoff(now=None):
    """Surgeries that ended before this moment have their attendees' details anonymised."""
    return (now or timezone.now()) - timedelta(days=settings.SURGERIES_RETENTION_DAYS)


class SurgeryFeedback(models.Model):
    """The "did this help?" asked of an attendee the day after a surgery, and their answer.

    The row is created (the unique booking claims it) just before the email is sent, so each
    booking is asked once; the answer is stored by a conditional UPDATE, so it is given once.
    It keeps nothing about the person beyond the booking, which retention anonymises.
    """

    class Answer(models.TextChoices):
        YES = "yes", "Yes"
        PARTLY = "partly", "Partly"
        NO = "no", "No"

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="feedback")
    requested_at = models.DateTimeField(default=timezone.now)
    answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "surgery feedback"
        verbose_name_plural = "surgery feedback"
        constraints = [
            models.CheckConstraint(
                condition=Q(answer__in=["", "yes", "partly", "no"]), name="surgeries_feedback_answer_known"
            )
        ]

    def __str__(self):
        return f"Feedback for booking {self.booking_id}: {self.answer or 'not answered'}"


class ImpactPage(Page):
    """/impact/: what the surgeries, mentors and case studies added up to, over a period.

    Aggregates only (surgeries.impact). ``?from=YYYY-MM&to=YYYY-MM`` chooses the period; a
    bad one is answered with 400 and the reason. ``?format=csv&table=<name>`` downloads a table.
    """

    objects = PublicPageManager()

    intro = models.TextField(blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "impact report"

    def serve(self, request, *args, **kwargs):
        from . import impact

        try:
            period = impact.parse_period(request.GET)
        except impact.PeriodError as error:
            return self.render_report(
                request,
                {
                    "period_error": str(error),
                    "form_from": request.GET.get("from", "")[:20],
                    "form_to": request.GET.get("to", "")[:20],
                },
                status=400,
            )
        report = remember(request, "impact-report", lambda: impact.impact_report(period), period.as_params())
        if request.GET.get("format") == "csv":
            return self.csv_response(request, report, period)
        return self.render_report(request, self.report_context(report, period))

    def render_report(self, request, extra, status=200):
        from django.template.response import TemplateResponse

        context = self.get_context(request)
        context.update(extra)
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def csv_response(self, request, report, period):
        import csv

        from django.http import HttpResponse, HttpResponseBadRequest

        from . import impact

        name = request.GET.get("table", "")
        if name not in impact.TABLES:
            return HttpResponseBadRequest(
                "Unknown table. Choose one of: " + ", ".join(impact.TABLES), content_type="text/plain"
            )
        params = period.as_params()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="impact-{name}-{params["from"]}-{params["to"]}.csv"'
        )
        writer = csv.writer(response)
        writer.writerow(impact.TABLES[name][1])
        writer.writerows(impact.table_rows(report, name))
        return response

    def report_context(self, report, period):
        from urllib.parse import urlencode

        from . import impact

        params = period.as_params()
        tables = []
        for name, (heading, columns) in impact.TABLES.items():
            rows = impact.table_rows(report, name)
            chart = None
            if rows and name in ("by_month", "by_region", "barriers", "fixes"):
                chart = impact.bar_chart(
                    [row[0] for row in rows], [row[2 if name.startswith("by_") else 1] for row in rows]
                )
            tables.append(
                {
                    "name": name,
                    "heading": heading,
                    "columns": columns,
                    "rows": rows,
                    "chart": chart,
                    "chart_measure": "People helped" if name.startswith("by_") else columns[1],
                    "csv_url": "?" + urlencode({**params, "format": "csv", "table": name}),
                }
            )
        return {
            "report": report,
            "period": period,
            "tables": tables,
            "form_from": params["from"],
            "form_to": params["to"],
        }
