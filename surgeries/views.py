"""Public views: booking a place, the private page to manage a booking, and the calendar
feeds. Thin: the rules are in surgeries.services."""

from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from . import services
from .forms import BookingForm, ManageBookingForm
from .ics import booking_calendar, surgeries_feed
from .models import Booking, SurgeryIndexPage

STATUS_FOR_ERROR = {"duplicate": 409, "not_found": 404, "gone": 410}


def _unlogged(view):
    """The private link's token is in the URL: keep 4xx answers for it out of Django's request
    log ("Not Found: /surgeries/booking/<token>/"), which would otherwise record it. (Only the
    web server's access log, outside the app, still sees the GET of the link itself.)"""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code >= 400:
            response._has_been_logged = True
        return response

    return wrapper


# --- booking ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def book_surgery(request, surgery):
    """POST the booking form (shown on the surgery page). GET goes back to the page."""
    if request.method != "POST":
        return redirect(surgery.url + "#book")
    form = BookingForm(request.POST, surgery=surgery)
    if not form.is_valid():
        return _surgery_page(request, surgery, form, status=400)
    data = form.cleaned_data
    try:
        booking = services.book(
            surgery.pk,
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            help_wanted=data["help_wanted"],
            topics=data["topics"],
        )
    except services.BookingError as error:
        form.add_error(None, error.message)
        return _surgery_page(request, surgery, form, status=STATUS_FOR_ERROR.get(error.code, 400))
    if booking.status == Booking.Status.CONFIRMED:
        messages.success(
            request,
            f"Your place is booked. We have emailed {booking.email} with the details, a calendar file "
            "and a private link to change or cancel your booking.",
        )
    else:
        messages.success(
            request,
            f"This surgery is full, so you are on the waitlist. We have emailed {booking.email}; if a "
            "place comes up it is yours, and we will email you straight away.",
        )
    response = redirect(surgery.url)
    response.status_code = 303
    return response


def _surgery_page(request, surgery, form, *, status):
    context = surgery.get_context(request, booking_form=form)
    return TemplateResponse(request, surgery.get_template(request), context, status=status)


# --- managing a booking through its private link -----------------------------------------


def _booking_or_closed(request, token):
    """The booking the token opens, or the response to give when it does not open one."""
    booking = services.booking_for_token(token)
    if booking is None:
        return None, _closed(
            request,
            "This link does not work",
            "The link may be mistyped or incomplete. Use the link in your most recent email about "
            "the booking, or book again from the surgery's page.",
            status=404,
        )
    if not booking.can_be_managed:
        return booking, _closed_booking(request, booking)
    return booking, None


def _closed_booking(request, booking):
    if booking.status == Booking.Status.CANCELLED:
        text = "This booking has been cancelled, so this link no longer works."
    elif booking.surgery.has_ended():
        text = "This surgery has taken place, so this link no longer works."
    else:
        text = "This booking can no longer be changed."
    return _closed(request, "This booking is closed", text, status=410, surgery=booking.surgery)


def _closed(request, title, text, *, status, surgery=None):
    return TemplateResponse(
        request,
        "surgeries/booking_closed.html",
        {"title": title, "text": text, "surgery": surgery if surgery and surgery.live else None},
        status=status,
    )


@_unlogged
def manage_booking(request, token):
    """The private page of one booking (GET). Its forms post to ``manage_booking_action``
    with the token in the body, so no log line that names the URL of a POST (a CSRF failure,
    say) carries the token."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    booking, closed = _booking_or_closed(request, token)
    if closed:
        return closed
    return _manage_page(request, booking, token, ManageBookingForm.for_booking(booking))


@_unlogged
def manage_booking_action(request):
    """Update or cancel a booking: POST with ``token`` and ``action``."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    token = request.POST.get("token", "")
    booking, closed = _booking_or_closed(request, token)
    if closed:
        return closed
    action = request.POST.get("action")
    if action == "cancel":
        return _cancel(request, booking)
    if action == "update":
        form = ManageBookingForm.for_booking(booking, request.POST)
        if form.is_valid():
            try:
                services.update_booking(booking.pk, **form.cleaned_data)
            except services.BookingError as error:
                return _closed(request, "This booking is closed", error.message, status=410)
            messages.success(request, "Your booking details are updated.")
            return _see_other(reverse("surgeries:manage_booking", args=[token]))
        return _manage_page(request, booking, token, form, status=400)
    messages.error(request, "Choose whether to update or cancel your booking.")
    return _manage_page(request, booking, token, ManageBookingForm.for_booking(booking), status=400)


def _manage_page(request, booking, token, form, status=200):
    return TemplateResponse(
        request,
        "surgeries/booking_manage.html",
        {
            "booking": booking,
            "surgery": booking.surgery,
            "form": form,
            "token": token,
            "start": timezone.localtime(booking.surgery.start),
            "end": timezone.localtime(booking.surgery.end),
            "waitlist_position": _waitlist_position(booking),
        },
        status=status,
    )


def _cancel(request, booking):
    try:
        services.cancel(booking.pk)
    except services.BookingError as error:
        return _closed(request, "This booking is closed", error.message, status=410, surgery=booking.surgery)
    return TemplateResponse(
        request,
        "surgeries/booking_cancelled.html",
        {"booking": booking, "surgery": booking.surgery},
    )


def _waitlist_position(booking):
    if booking.status != Booking.Status.WAITLISTED:
        return None
    return (
        Booking.objects.filter(surgery_id=booking.surgery_id, status=Booking.Status.WAITLISTED)
        .filter(created_at__lte=booking.created_at)
        .exclude(created_at=booking.created_at, pk__gt=booking.pk)
        .count()
    )


def _see_other(url):
    response = redirect(url)
    response.status_code = 303
    return response


@_unlogged
def booking_calendar_file(request, token):
    """The booking's .ics from its private page (without the joining link, which only goes
    by email)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    booking, closed = _booking_or_closed(request, token)
    if closed:
        return closed
    response = HttpResponse(booking_calendar(booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="surgery.ics"'
    return response


# --- calendar feeds -------------------------------------------------------------------


def _feed_surgeries():
    index = SurgeryIndexPage.objects.live().first()
    if index is None:
        raise Http404("No surgeries")
    return index.surgeries().filter(end__gt=timezone.now()).order_by("start", "pk")


def _ics_response(body):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="surgeries.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response


@require_GET
def surgeries_calendar_feed(request):
    """Upcoming surgeries, for calendar apps to subscribe to (?mentor=<slug> for one mentor)."""
    mentor_slug = request.GET.get("mentor")
    if mentor_slug:
        return mentor_calendar_feed(request, mentor_slug)
    return _ics_response(surgeries_feed(_feed_surgeries(), name="Practice Hub: social media surgeries"))


@require_GET
def mentor_calendar_feed(request, mentor_slug):
    from practice.models import MentorPage

    mentor = get_object_or_404(MentorPage.objects.live(), slug=mentor_slug[:255])
    surgeries = _feed_surgeries().filter(mentors=mentor)
    return _ics_response(surgeries_feed(surgeries, name=f"Practice Hub: surgeries with {mentor.title}"))


# --- "did this help?" -----------------------------------------------------------------------


@_unlogged
@require_GET
def feedback(request, token):
    """One click from the email stores the answer; no sign-in. A second click changes nothing."""
    from . import feedback as surgery_feedback

    try:
        answer, stored = surgery_feedback.record_answer(token)
    except surgery_feedback.FeedbackLinkError as error:
        return TemplateResponse(
            request, "surgeries/feedback_invalid.html", {"message": str(error)}, status=400
        )
    return TemplateResponse(
        request,
        "surgeries/feedback_thanks.html",
        {"feedback": answer, "stored": stored, "surgery": answer.booking.surgery},
    )
