"""The "did this help?" email sent the day after a surgery, and the answers to it.

Each attendee (attended or confirmed, with an email, not anonymised) is asked once: the sweep
queues bookings, and each send claims its booking by inserting a SurgeryFeedback row (one per
booking, enforced by the database) before sending. The email carries three links, one per
answer, each a signed token of (booking pk, answer): no sign-in is needed, a forged or altered
link is refused, and the first answer clicked is the one kept.

Clicking a link stores the answer (one click, as asked). A mail scanner that follows every
link in an email could answer for the attendee; we accept that for now (see the report).
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cms.cache import content_changed

from .ics import absolute_url, page_url
from .models import Booking, SurgeryFeedback, SurgeryPage

SALT = "surgeries.feedback"
ASK_AFTER = timedelta(days=1)
# Surgeries that ended longer ago than this are not asked about (e.g. when the sweep is
# first switched on, or after an outage): a week-old "did this help?" is noise.
ASK_UNTIL = timedelta(days=7)
ASKED_STATUSES = (Booking.Status.ATTENDED, Booking.Status.CONFIRMED)


class FeedbackLinkError(Exception):
    """A feedback link that was not made by us (or was altered)."""


def make_token(booking_id, answer):
    return signing.dumps([booking_id, answer], salt=SALT, compress=False)


def read_token(token):
    """(booking id, answer) from a link's token; FeedbackLinkError if it is not ours."""
    try:
        booking_id, answer = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise FeedbackLinkError(
            "This feedback link is not valid. Please use the link in your email."
        ) from None
    if not isinstance(booking_id, int) or answer not in SurgeryFeedback.Answer.values:
        raise FeedbackLinkError("This feedback link is not valid. Please use the link in your email.")
    return booking_id, answer


def _due(now):
    return Q(
        status__in=ASKED_STATUSES,
        anonymised_at__isnull=True,
        surgery__status=SurgeryPage.Status.SCHEDULED,
        surgery__end__lte=now - ASK_AFTER,
        surgery__end__gt=now - ASK_UNTIL,
    ) & ~Q(email="")


def due_requests(now=None):
    """Bookings to ask now: the surgery ended a day or more ago, and they were not asked yet."""
    now = now or timezone.now()
    return Booking.objects.filter(_due(now), feedback__isnull=True)


def send_feedback_request(booking_id, now=None):
    """Ask one booking "did this help?", at most once. Returns True if the email was sent."""
    now = now or timezone.now()
    if not Booking.objects.filter(_due(now), pk=booking_id).exists():
        return False
    try:
        with transaction.atomic():
            claim = SurgeryFeedback.objects.create(booking_id=booking_id, requested_at=now)
    except IntegrityError:
        return False
    try:
        booking = Booking.objects.select_related("surgery").get(pk=booking_id)
        links = {
            answer: absolute_url(reverse("surgeries:feedback", args=[make_token(booking.pk, answer)]))
            for answer in SurgeryFeedback.Answer.values
        }
        body = render_to_string(
            "surgeries/emails/feedback_request.txt",
            {
                "booking": booking,
                "surgery": booking.surgery,
                "links": links,
                "surgery_url": page_url(booking.surgery),
            },
        )
        EmailMultiAlternatives(
            subject=" ".join(f"Did it help? {booking.surgery.title}".split()),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[booking.email],
        ).send()
    except Exception:
        claim.delete()  # give the claim back so a retry can ask
        raise
    return True


def record_answer(token, now=None):
    """Store the answer a link carries, once. Returns (feedback, stored): ``stored`` is False
    when the booking had already answered (the first answer stays). FeedbackLinkError for a
    link we did not make, or for a booking that was never asked."""
    booking_id, answer = read_token(token)
    now = now or timezone.now()
    stored = bool(
        SurgeryFeedback.objects.filter(booking_id=booking_id, answer="").update(
            answer=answer, answered_at=now
        )
    )
    if stored:
        content_changed(activity_only=True)  # the impact report counts answers
    feedback = (
        SurgeryFeedback.objects.select_related("booking__surgery").filter(booking_id=booking_id).first()
    )
    if feedback is None:
        raise FeedbackLinkError("This feedback link is no longer valid.")
    return feedback, stored


def feedback_summary(start, end):
    """Answers about surgeries that started in [start, end): how many were asked, how many
    answered, and the count of each answer (for the impact report)."""
    rows = SurgeryFeedback.objects.filter(booking__surgery__start__gte=start, booking__surgery__start__lt=end)
    counts = rows.aggregate(
        asked=Count("pk"),
        answered=Count("pk", filter=~Q(answer="")),
        **{answer: Count("pk", filter=Q(answer=answer)) for answer in SurgeryFeedback.Answer.values},
    )
    return counts
