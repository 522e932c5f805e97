"""The mentors' side in the Wagtail admin: "My surgeries", each surgery's roster, attendance,
walk-ins, the help given, the roster as CSV, and cancelling a surgery.

Every view looks the surgery up through ``services.surgeries_for(user)``: a mentor reaches
only the surgeries they run (anything else is a 404, so other rosters are not even confirmed
to exist); admins, and anyone granted "see every surgery's bookings", reach all of them.
"""

import csv

from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .forms import AttendanceForm, HelpRecordForm, WalkInForm
from .models import Booking, HelpRecord

NAMESPACE = "my_surgeries"


def url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


class MySurgeriesMixin(WagtailAdminTemplateMixin):
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        self.user = request.user
        return super().dispatch(request, *args, **kwargs)

    def get_surgery(self):
        return get_object_or_404(services.surgeries_for(self.user), pk=self.kwargs["surgery_id"])

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": url("index"), "label": "My surgeries"}]


class MySurgeriesIndexView(MySurgeriesMixin, TemplateView):
    template_name = "surgeries/admin/my_surgeries.html"
    page_title = "My surgeries"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        surgeries = (
            services.surgeries_for(self.user)
            .annotate(
                confirmed=Count(
                    "bookings",
                    filter=Q(bookings__status__in=Booking.PLACE_TAKING, bookings__is_walk_in=False),
                ),
                waitlisted=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITLISTED)),
                attended=Count("bookings", filter=Q(bookings__status=Booking.Status.ATTENDED)),
            )
            .prefetch_related("mentors")
        )
        context.update(
            {
                "upcoming": surgeries.filter(end__gt=now).order_by("start", "pk"),
                "past": surgeries.filter(end__lte=now).order_by("-start", "pk")[:50],
                "is_admin": services.can_see_all_bookings(self.user),
                "mentor": services.mentor_profile(self.user),
            }
        )
        return context


class RosterView(MySurgeriesMixin, TemplateView):
    template_name = "surgeries/admin/roster.html"

    def get(self, request, *args, **kwargs):
        self.surgery = self.get_surgery()
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return f"Roster: {self.surgery.title}"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.surgery.title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        bookings = list(
            self.surgery.bookings.exclude(status=Booking.Status.CANCELLED)
            .prefetch_related(
                "topics",
                Prefetch(
                    "help_records",
                    queryset=HelpRecord.objects.select_related(
                        "barrier", "fix_shared", "mentor"
                    ).prefetch_related("topics"),
                ),
            )
            .order_by("is_walk_in", "created_at", "pk")
        )
        on_the_day = timezone.localdate(now) >= timezone.localdate(self.surgery.start)
        context.update(
            {
                "surgery": self.surgery,
                "start": timezone.localtime(self.surgery.start),
                "end": timezone.localtime(self.surgery.end),
                "bookings": bookings,
                "confirmed_count": sum(
                    b.status in Booking.PLACE_TAKING and not b.is_walk_in for b in bookings
                ),
                "waitlisted_count": sum(b.status == Booking.Status.WAITLISTED for b in bookings),
                "cancelled_count": self.surgery.bookings.filter(status=Booking.Status.CANCELLED).count(),
                "on_the_day": on_the_day,
                "can_cancel": not self.surgery.is_cancelled and not self.surgery.has_started(now),
                "walk_in_form": WalkInForm(prefix="walkin"),
                "attended_value": Booking.Status.ATTENDED,
                "no_show_value": Booking.Status.NO_SHOW,
                "csv_url": url("roster_csv", self.surgery.pk),
            }
        )
        return context


class SurgeryActionView(MySurgeriesMixin, TemplateView):
    """Base for the POST actions on a roster; each goes back to the roster when done."""

    http_method_names = ["post"]

    def back(self):
        return redirect(url("roster", self.surgery.pk))

    def post(self, request, *args, **kwargs):
        self.surgery = self.get_surgery()
        try:
            return self.act(request)
        except services.BookingError as error:
            messages.error(request, error.message)
            return self.back()

    def get_booking(self):
        return get_object_or_404(Booking.objects.filter(surgery=self.surgery), pk=self.kwargs["booking_id"])


class AttendanceView(SurgeryActionView):
    def act(self, request):
        booking = self.get_booking()
        form = AttendanceForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose whether they came or not.")
            return self.back()
        services.mark_attendance(booking.pk, form.cleaned_data["status"])
        messages.success(
            request, f"{booking.name}: {Booking.Status(form.cleaned_data['status']).label.lower()}."
        )
        return self.back()


class WalkInView(SurgeryActionView):
    def act(self, request):
        form = WalkInForm(request.POST, prefix="walkin")
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
            return self.back()
        booking = services.add_walk_in(self.surgery.pk, **form.cleaned_data)
        messages.success(request, f"Walk-in added: {booking.name}. Record the help you gave below.")
        return redirect(url("help", self.surgery.pk, booking.pk))


class HelpRecordView(MySurgeriesMixin, TemplateView):
    """Record the help given to one person (booked or walk-in)."""

    template_name = "surgeries/admin/help_record_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.surgery = get_object_or_404(services.surgeries_for(request.user), pk=kwargs["surgery_id"])
        self.booking = get_object_or_404(
            Booking.objects.filter(surgery=self.surgery).exclude(status=Booking.Status.CANCELLED),
            pk=kwargs["booking_id"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Record help: {self.booking.name}"

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": url("roster", self.surgery.pk), "label": self.surgery.title},
        ]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "surgery": self.surgery,
                "booking": self.booking,
                "form": form or HelpRecordForm(initial={"topics": list(self.booking.topics.all())}),
                "action_url": url("help", self.surgery.pk, self.booking.pk),
                "roster_url": url("roster", self.surgery.pk),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        form = HelpRecordForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        mentor = services.mentor_profile(request.user)
        if mentor is not None and not self.surgery.mentors.filter(pk=mentor.pk).exists():
            mentor = None  # an admin recording for someone else's surgery
        try:
            services.record_help(self.booking, mentor=mentor, recorded_by=request.user, **form.cleaned_data)
        except services.BookingError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, f"Help recorded for {self.booking.name}.")
        return redirect(url("roster", self.surgery.pk))


class CancelSurgeryView(MySurgeriesMixin, TemplateView):
    template_name = "surgeries/admin/cancel_surgery.html"

    def dispatch(self, request, *args, **kwargs):
        self.surgery = get_object_or_404(services.surgeries_for(request.user), pk=kwargs["surgery_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Cancel {self.surgery.title}"

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": url("roster", self.surgery.pk), "label": self.surgery.title},
            {"url": "", "label": "Cancel"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "surgery": self.surgery,
                "booked": self.surgery.bookings.filter(
                    status__in=[Booking.Status.CONFIRMED, Booking.Status.WAITLISTED]
                ).count(),
                "roster_url": url("roster", self.surgery.pk),
                "action_url": url("cancel", self.surgery.pk),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            services.cancel_surgery(self.surgery.pk, user=request.user)
        except services.BookingError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, "The surgery is cancelled. Everyone booked or waiting is being told by email."
            )
        return redirect(url("roster", self.surgery.pk))


CSV_HEADER = [
    "Name",
    "Email",
    "Organisation",
    "What they want help with",
    "Topics",
    "Status",
    "Walk-in",
    "Booked at",
]


def _csv_cell(value):
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def roster_csv(request, surgery_id):
    surgery = get_object_or_404(services.surgeries_for(request.user), pk=surgery_id)
    bookings = (
        surgery.bookings.exclude(status=Booking.Status.CANCELLED)
        .prefetch_related("topics")
        .order_by("is_walk_in", "created_at", "pk")
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"roster-{slugify(surgery.title)[:60]}-{timezone.localdate(surgery.start):%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for booking in bookings:
        writer.writerow(
            [
                _csv_cell(value)
                for value in (
                    booking.name,
                    booking.email,
                    booking.organisation,
                    booking.help_wanted,
                    ", ".join(topic.name for topic in booking.topics.all()),
                    booking.get_status_display(),
                    "yes" if booking.is_walk_in else "no",
                    f"{timezone.localtime(booking.created_at):%Y-%m-%d %H:%M}",
                )
            ]
        )
    return response
