"""The emails a booking gets, each sent at most once.

Before an email is sent its timestamp on the booking is set with a conditional UPDATE
(``... WHERE reminder_sent_at IS NULL AND <still due>``). Only the call that changes the row
sends; an overlapping sweep, a duplicate task or a retry after success finds nothing to claim.
If sending raises, the claim is released so the retry can send. The one gap left is a worker
killed between the claim and the mail server accepting the message: that email is not sent
(at most once, never twice), which we prefer to the alternative.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .ics import absolute_url, booking_calendar, page_url
from .models import Booking, ManageToken, MentorBriefing, SurgeryPage
from .services import mint_manage_token

logger = logging.getLogger(__name__)


def reminder_lead():
    return timedelta(hours=settings.SURGERIES_REMINDER_HOURS)


def _due_for_confirmation(now):
    return Q(status__in=[Booking.Status.CONFIRMED, Booking.Status.WAITLISTED])


def _due_for_promotion(now):
    return Q(
        status=Booking.Status.CONFIRMED, surgery__status=SurgeryPage.Status.SCHEDULED, surgery__start__gt=now
    )


def _due_for_reminder(now):
    """Confirmed, surgery still on and starting within the lead time, and booked before the
    reminder window opened (people who book or are promoted later had their email already)."""
    return Q(
        status=Booking.Status.CONFIRMED,
        surgery__status=SurgeryPage.Status.SCHEDULED,
        surgery__live=True,
        surgery__start__gt=now,
        surgery__start__lte=now + reminder_lead(),
        confirmed_at__lte=F("surgery__start") - reminder_lead(),
    )


def _due_for_cancellation(now):
    return Q(status=Booking.Status.CANCELLED)


def _due_for_surgery_cancelled(now):
    return Q(
        status__in=[Booking.Status.CONFIRMED, Booking.Status.WAITLISTED],
        surgery__status=SurgeryPage.Status.CANCELLED,
    )


@dataclass(frozen=True)
class Kind:
    field: str
    due: callable
    template: str
    subject: str
    manage_link: bool = True
    calendar: bool = True


KINDS = {
    "confirmation": Kind(
        "confirmation_sent_at", _due_for_confirmation, "confirmation", "{status_word}: {title}"
    ),
    "promotion": Kind("promotion_sent_at", _due_for_promotion, "promotion", "A place is yours: {title}"),
    "reminder": Kind("reminder_sent_at", _due_for_reminder, "reminder", "Tomorrow: {title}"),
    "cancellation": Kind(
        "cancellation_sent_at",
        _due_for_cancellation,
        "cancellation",
        "Booking cancelled: {title}",
        False,
        False,
    ),
    "surgery_cancelled": Kind(
        "surgery_cancelled_sent_at",
        _due_for_surgery_cancelled,
        "surgery_cancelled",
        "Surgery cancelled: {title}",
        False,
        True,
    ),
}


def due_reminders(now=None):
    """Bookings whose reminder is due now and not yet sent (the sweep's query)."""
    now = now or timezone.now()
    return Booking.objects.filter(
        _due_for_reminder(now), reminder_sent_at__isnull=True, anonymised_at__isnull=True
    ).exclude(email="")


def claim(booking_id, kind, now):
    """Set the email's timestamp if it is still unset and the email still due; True if this
    call did.

    The claim is a plain conditional UPDATE of the booking's own row. On PostgreSQL a second,
    concurrent UPDATE waits for the first to commit and then re-checks ``IS NULL`` against
    the new row, so exactly one caller wins. (Filtering the UPDATE across a join would make
    Django write ``WHERE id IN (subquery)``, whose result PostgreSQL does not re-check after
    the wait: we measured two sweeps both claiming.) Whether the email is still due (the
    booking's status, the surgery's time and status) is checked after claiming; if it is
    not, the claim is given back.
    """
    spec = KINDS[kind]
    claimed = (
        Booking.objects.filter(pk=booking_id, anonymised_at__isnull=True, **{f"{spec.field}__isnull": True})
        .exclude(email="")
        .update(**{spec.field: now})
    )
    if not claimed:
        return False
    if not Booking.objects.filter(spec.due(now), pk=booking_id).exists():
        release(booking_id, kind, now)
        return False
    return True


def release(booking_id, kind, claimed_at):
    spec = KINDS[kind]
    Booking.objects.filter(pk=booking_id, **{spec.field: claimed_at}).update(**{spec.field: None})


def send_booking_email(booking_id, kind, now=None):
    """Send one kind of email for one booking, at most once. Returns True if it was sent."""
    if kind not in KINDS:
        raise ValueError(f"Unknown booking email {kind!r}")
    now = now or timezone.now()
    if not claim(booking_id, kind, now):
        return False
    minted = []
    try:
        booking = Booking.objects.select_related("surgery").get(pk=booking_id)
        message = build_message(booking, kind, minted)
        message.send()
    except Exception:
        # Give the claim back so a retry can send; forget any link minted for this attempt.
        release(booking_id, kind, now)
        ManageToken.objects.filter(token_hash__in=[ManageToken.hash(token) for token in minted]).delete()
        raise
    return True


def build_message(booking, kind, minted=None):
    spec = KINDS[kind]
    surgery = booking.surgery
    confirmed = booking.status == Booking.Status.CONFIRMED
    manage_url = None
    if spec.manage_link:
        token = mint_manage_token(booking)
        if minted is not None:
            minted.append(token)
        manage_url = absolute_url(reverse("surgeries:manage_booking", args=[token]))
    # The joining link goes only to confirmed attendees of a surgery that is going ahead.
    joining_link = (
        surgery.joining_link if (confirmed and surgery.is_online and not surgery.is_cancelled) else ""
    )
    context = {
        "booking": booking,
        "surgery": surgery,
        "confirmed": confirmed,
        "waitlisted": booking.status == Booking.Status.WAITLISTED,
        "manage_url": manage_url,
        "surgery_url": page_url(surgery),
        "joining_link": joining_link,
        "start": timezone.localtime(surgery.start),
        "end": timezone.localtime(surgery.end),
    }
    status_word = "Booked" if confirmed else "On the waitlist"
    subject = spec.subject.format(status_word=status_word, title=surgery.title)
    body = render_to_string(f"surgeries/emails/{spec.template}.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[booking.email],
    )
    if spec.calendar and (confirmed or surgery.is_cancelled):
        message.attach(
            "surgery.ics",
            booking_calendar(booking, joining_link=bool(joining_link)),
            "text/calendar; method=PUBLISH; charset=UTF-8",
        )
    return message


# --- the mentors' briefing ------------------------------------------------------------


def send_mentor_briefing(surgery_id, mentor_id, now=None):
    """The day before, each mentor gets the roster and (for online surgeries) the joining
    link. Claimed by inserting a MentorBriefing row: the unique constraint lets one in."""
    from practice.models import MentorPage

    now = now or timezone.now()
    try:
        with transaction.atomic():
            briefing = MentorBriefing.objects.create(surgery_id=surgery_id, mentor_id=mentor_id, sent_at=now)
    except IntegrityError:
        return False
    try:
        surgery = SurgeryPage.objects.get(pk=surgery_id)
        mentor = MentorPage.objects.get(pk=mentor_id)
        if not mentor.contact_email:
            return False
        bookings = list(
            surgery.bookings.filter(status__in=[Booking.Status.CONFIRMED, Booking.Status.WAITLISTED])
            .prefetch_related("topics")
            .order_by("status", "created_at", "pk")
        )
        body = render_to_string(
            "surgeries/emails/mentor_briefing.txt",
            {
                "surgery": surgery,
                "mentor": mentor,
                "bookings": bookings,
                "confirmed": [b for b in bookings if b.status == Booking.Status.CONFIRMED],
                "waitlisted": [b for b in bookings if b.status == Booking.Status.WAITLISTED],
                "start": timezone.localtime(surgery.start),
                "end": timezone.localtime(surgery.end),
                "surgery_url": page_url(surgery),
                "roster_url": absolute_url(reverse("my_surgeries:roster", args=[surgery.pk])),
            },
        )
        EmailMultiAlternatives(
            subject=" ".join(f"Your surgery tomorrow: {surgery.title}".split()),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[mentor.contact_email],
        ).send()
    except Exception:
        briefing.delete()
        raise
    return True


def due_mentor_briefings(now=None):
    """(surgery id, mentor id) pairs whose briefing is due: surgeries going ahead within the
    reminder lead time, for each of their mentors not yet briefed."""
    now = now or timezone.now()
    through = SurgeryPage.mentors.through
    pairs = list(
        through.objects.filter(
            surgerypage__live=True,
            surgerypage__status=SurgeryPage.Status.SCHEDULED,
            surgerypage__start__gt=now,
            surgerypage__start__lte=now + reminder_lead(),
        ).values_list("surgerypage_id", "mentorpage_id")
    )
    done = set(
        MentorBriefing.objects.filter(surgery_id__in={surgery_id for surgery_id, _ in pairs}).values_list(
            "surgery_id", "mentor_id"
        )
    )
    return [pair for pair in pairs if pair not in done]
