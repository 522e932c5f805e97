"""The surgeries in the Wagtail admin ("My surgeries", the staff email domains) and the seam
the mentor pages use to show what a mentor has done and where they are next."""

from django.db.models import Count, Min, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import path
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.cache import NEXT_TIME_CHANGE_HOOK
from practice.activity import (
    HELP_GIVEN_HOOK,
    MENTOR_ACTIVITY_HOOK,
    NEXT_SURGERIES_HOOK,
    NEXT_SURGERIES_SHOWN,
    PEOPLE_HELPED_HOOK,
    HelpGiven,
    MentorActivity,
    UpcomingSurgery,
)

from . import admin_views, services
from .models import (
    AllowedEmailDomain,
    Booking,
    HelpRecord,
    SurgeryPage,
    booking_window_is_open,
    places_taken_by_surgery,
)

# --- staff email domains ----------------------------------------------------------------


class AllowedEmailDomainViewSet(SnippetViewSet):
    model = AllowedEmailDomain
    icon = "mail"
    menu_label = "Staff email domains"
    menu_name = "staff-email-domains"
    add_to_admin_menu = False
    list_display = ["domain", "note"]
    search_fields = ["domain", "note"]
    ordering = ["domain"]


register_snippet(AllowedEmailDomainViewSet)


# --- My surgeries -----------------------------------------------------------------------


class MySurgeriesMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return services.can_see_all_bookings(user) or services.mentor_profile(user) is not None


class MySurgeriesViewSet(ViewSet):
    name = admin_views.NAMESPACE
    url_prefix = "my-surgeries"
    icon = "date"
    menu_label = "My surgeries"
    menu_name = "my-surgeries"
    menu_order = 150
    add_to_admin_menu = True
    menu_item_class = MySurgeriesMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.MySurgeriesIndexView.as_view(), name="index"),
            path("<int:surgery_id>/", admin_views.RosterView.as_view(), name="roster"),
            path("<int:surgery_id>/roster.csv", admin_views.roster_csv, name="roster_csv"),
            path(
                "<int:surgery_id>/attendance/<int:booking_id>/",
                admin_views.AttendanceView.as_view(),
                name="attendance",
            ),
            path("<int:surgery_id>/walk-in/", admin_views.WalkInView.as_view(), name="walk_in"),
            path(
                "<int:surgery_id>/help/<int:booking_id>/", admin_views.HelpRecordView.as_view(), name="help"
            ),
            path("<int:surgery_id>/cancel/", admin_views.CancelSurgeryView.as_view(), name="cancel"),
        ]


@hooks.register("register_admin_viewset")
def register_my_surgeries():
    return MySurgeriesViewSet()


# --- the seam for mentor pages --------------------------------------------------------


@hooks.register(PEOPLE_HELPED_HOOK)
def people_helped(mentor_ids):
    """``{mentor_id: attendees marked as attended at published surgeries they ran}``, one query;
    a mentor nobody was helped by may be left out. ``mentor_ids`` may be a query of ids: it is
    then a subquery of this one, never read on its own."""
    # From the attended bookings, found through the queue index by (surgery, status), rather
    # than joining every booking of every surgery and filtering the count: 5 ms rather than
    # 15 ms for 300 mentors and 20,000 bookings on SQLite.
    rows = (
        Booking.objects.filter(
            status=Booking.Status.ATTENDED, surgery__live=True, surgery__mentors__in=mentor_ids
        )
        .values("surgery__mentors")
        .annotate(people=Count("pk"))
    )
    return {row["surgery__mentors"]: row["people"] for row in rows}


@hooks.register(MENTOR_ACTIVITY_HOOK)
def mentor_activity(mentor_ids):
    """What each mentor has done and where they are next, for their profile and listings.

    Returns ``{mentor_id: MentorActivity(people_helped, next_surgeries)}`` for every id asked
    about, in two queries however many mentors and surgeries there are.

    *People helped* is the number of attendees marked as attended (walk-ins included: they
    are recorded as attended) at published surgeries the mentor ran. An attendee of a surgery
    with two mentors counts for each of them. *Next surgeries* are as ``next_surgeries`` says.
    """
    mentor_ids = list(mentor_ids)
    if not mentor_ids:
        return {}
    helped = people_helped(mentor_ids)
    upcoming = next_surgeries(mentor_ids)
    return {
        mentor_id: MentorActivity(people_helped=helped.get(mentor_id, 0), next_surgeries=upcoming[mentor_id])
        for mentor_id in mentor_ids
    }


@hooks.register(NEXT_SURGERIES_HOOK)
def next_surgeries(mentor_ids):
    """``{mentor_id: [UpcomingSurgery]}``: up to three published, scheduled surgeries each
    mentor is on that have not yet ended, soonest first (title, public URL, start, places
    left): public facts only, never the joining link. One query."""
    mentor_ids = list(mentor_ids)
    upcoming = {mentor_id: [] for mentor_id in mentor_ids}
    if not mentor_ids:
        return upcoming
    # Every upcoming surgery of these mentors (a surgery with two mentors comes once for each),
    # soonest first, as plain rows with their places taken: ranking them here is cheaper than a
    # window function, and making a page per row cost more than the rest of the index.
    now = timezone.now()
    rows = (
        SurgeryPage.objects.filter(
            mentors__in=mentor_ids, live=True, status=SurgeryPage.Status.SCHEDULED, end__gt=now
        )
        .annotate(places_taken=Coalesce(Subquery(places_taken_by_surgery()), 0))
        .order_by("start", "pk")
        .values_list(
            "mentors",
            "pk",
            "title",
            "url_path",
            "start",
            "capacity",
            "places_taken",
            "booking_opens",
            "booking_closes",
        )
    )
    made = {}  # a surgery with two mentors is made once
    url_of = page_url_maker()
    for mentor_id, pk, title, url_path, start, capacity, taken, opens, closes in rows:
        if len(upcoming[mentor_id]) == NEXT_SURGERIES_SHOWN:
            continue
        if pk not in made:
            url = url_of(url_path)
            made[pk] = UpcomingSurgery(
                title,
                url,
                start,
                max(capacity - taken, 0),
                booking_url=url + "#book",
                booking_open=booking_window_is_open(now, start, opens, closes),
            )
        upcoming[mentor_id].append(made[pk])
    return upcoming


def page_url_maker():
    """A function giving the URL ``Page.url`` gives for a page's ``url_path``, without the page:
    one page is made and reused, so the site's root paths are looked up once. It is given an id
    only so that Wagtail does not look up its content type (a query in a fresh worker)."""
    page = SurgeryPage(id=-1)  # never saved

    def url_of(url_path):
        page.url_path = url_path
        return page.url

    return url_of


# --- what topic pages and the weekly digest show (cms.topics) -------------------------------


@hooks.register("practicehub_topic_items")
def surgery_topic_items(topic_ids, *, since=None, limit=None):
    """Upcoming surgeries on the topics (announced after ``since`` for the digest)."""
    from cms.topics import TopicItem

    surgeries = (
        SurgeryPage.objects.live()
        .filter(
            tagged_topics__tag_id__in=topic_ids, status=SurgeryPage.Status.SCHEDULED, end__gt=timezone.now()
        )
        .distinct()
        .order_by("start", "pk")
    )
    if since is not None:
        surgeries = surgeries.filter(first_published_at__gt=since)
    if limit:
        surgeries = surgeries[:limit]
    return [
        TopicItem(
            "Surgery",
            surgery.title,
            surgery.get_full_url(),
            timezone.localtime(surgery.start),
            timezone.localtime(surgery.start).strftime("%-d %B %Y, %H:%M")
            + " · "
            + surgery.get_format_display(),
        )
        for surgery in surgeries
    ]


@hooks.register(HELP_GIVEN_HOOK)
def help_given(mentor_ids, barrier_ids):
    """How often each mentor recorded help with each barrier, in one aggregate query."""
    records = HelpRecord.objects.filter(mentor__isnull=False, barrier__isnull=False)
    if mentor_ids is not None:
        records = records.filter(mentor_id__in=mentor_ids)
    if barrier_ids is not None:
        records = records.filter(barrier_id__in=barrier_ids)
    rows = records.values("mentor_id", "barrier_id").annotate(times=Count("pk")).order_by()
    return [HelpGiven(row["mentor_id"], row["barrier_id"], row["times"]) for row in rows]


@hooks.register(NEXT_TIME_CHANGE_HOOK)
def next_surgery_time_change(now):
    """The next moment a surgery starts or ends or its booking opens or closes: pages that show
    "upcoming", "places left" or a booking button change then, with no save to tell the cache."""
    later = SurgeryPage.objects.live().aggregate(
        **{
            field: Min(field, filter=Q(**{f"{field}__gt": now}))
            for field in ("start", "end", "booking_opens", "booking_closes")
        }
    )
    return min((moment for moment in later.values() if moment is not None), default=None)
