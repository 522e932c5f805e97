"""The booking rules. Views, the mentors' admin, tasks and demo content all come through here.

Every operation that uses up or frees a place takes a lock on the surgery first and holds it
while it counts and writes, as pretix does for its quotas: on PostgreSQL ``SELECT ... FOR
UPDATE`` on the surgery's row; on SQLite the settings open every transaction with ``BEGIN
IMMEDIATE``, which takes the database's write lock at once, so the same code is serialised
there too. A partial unique index (one active booking per email per surgery) is the second
line of defence. Emails are queued with ``delay_on_commit``, so they are only sent for what
was committed; each email task claims its booking before sending (see ``surgeries.emails``).
"""

import re
import secrets
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import dateformat, timezone

from cms.cache import content_changed
from cms.sanitize import strip_control_characters

from .models import AllowedEmailDomain, Booking, HelpRecord, ManageToken, SurgeryPage

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


class BookingError(Exception):
    """A request the booking rules refuse. ``message`` is written for the person who made it;
    ``code`` lets views choose the HTTP status."""

    def __init__(self, message, code="invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class CancelResult:
    booking: Booking
    promoted: list = field(default_factory=list)


# --- locks and counts -------------------------------------------------------------------


def lock_surgery(surgery_id):
    """Return the live surgery with its row locked until the current transaction ends.

    Only the surgery's own row is locked (``of=("self",)``), not Wagtail's page row, so
    editors saving the page never wait on a booking. SQLite ignores FOR UPDATE: there the
    transaction already holds the database's write lock (BEGIN IMMEDIATE).
    """
    try:
        return SurgeryPage.objects.live().select_for_update(of=("self",)).get(pk=surgery_id)
    except SurgeryPage.DoesNotExist:
        raise BookingError(
            "We could not find that surgery. It may have been withdrawn.", "not_found"
        ) from None


def places_taken(surgery):
    return Booking.objects.filter(surgery=surgery, status__in=Booking.PLACE_TAKING, is_walk_in=False).count()


# --- who may book ---------------------------------------------------------------------


def normalise_email(email):
    return (email or "").strip().lower()


def email_domain_is_allowed(email, domains=None):
    """True when the address's domain is an allowed staff domain or a subdomain of one."""
    domain = normalise_email(email).rpartition("@")[2]
    if not domain:
        return False
    if domains is None:
        domains = AllowedEmailDomain.objects.values_list("domain", flat=True)
    return any(domain == allowed or domain.endswith("." + allowed) for allowed in domains)


def check_bookable(surgery, email, now):
    """Raise BookingError when this surgery cannot take a booking from ``email`` now."""
    if surgery.is_cancelled:
        raise BookingError("This surgery has been cancelled, so it is not taking bookings.", "closed")
    if surgery.has_started(now):
        raise BookingError("This surgery has already taken place, so it is not taking bookings.", "closed")
    if surgery.booking_opens and now < surgery.booking_opens:
        opens = dateformat.format(timezone.localtime(surgery.booking_opens), r"l j F Y \a\t H:i")
        raise BookingError(f"Booking for this surgery opens on {opens} (UK time).", "closed")
    if now >= surgery.closes_at:
        raise BookingError("Booking for this surgery has closed.", "closed")
    if surgery.is_staff_only and not email_domain_is_allowed(email):
        raise BookingError(
            "This surgery is for council staff only: please book with your council email address.",
            "not_allowed",
        )


# --- booking ----------------------------------------------------------------------------


def book(surgery_id, *, name, email, organisation="", help_wanted="", topics=(), now=None):
    """Book a place, or a waitlist place when the surgery is full. Returns the new Booking.

    Raises BookingError, and changes nothing, when the surgery cannot be booked, the person
    may not book it, or the email already has an active booking for it.
    """
    from .tasks import send_booking_email

    email = normalise_email(email)
    already_booked = BookingError(
        "You already have a booking for this surgery with this email address. "
        "Use the link in your confirmation email to change or cancel it.",
        "duplicate",
    )
    try:
        with transaction.atomic(durable=True):
            surgery = lock_surgery(surgery_id)
            # Timestamps are taken once the lock is held, so they follow the order in which
            # bookings were actually decided (the waitlist is served in this order).
            now = now or timezone.now()
            check_bookable(surgery, email, now)
            if (
                Booking.objects.filter(surgery=surgery, email=email)
                .exclude(status=Booking.Status.CANCELLED)
                .exists()
            ):
                raise already_booked
            confirmed = places_taken(surgery) < surgery.capacity
            booking = Booking.objects.create(
                surgery=surgery,
                name=_plain(name),
                email=email,
                organisation=_plain(organisation),
                help_wanted=_plain(help_wanted),
                status=Booking.Status.CONFIRMED if confirmed else Booking.Status.WAITLISTED,
                created_at=now,
                confirmed_at=now if confirmed else None,
            )
            if topics:
                booking.topics.set(topics)
            send_booking_email.delay_on_commit(booking.pk, "confirmation")
    except IntegrityError:
        # Only reachable if a booking slipped past the lock; the unique index still holds.
        raise already_booked from None
    return booking


def update_booking(booking_id, *, name, organisation="", help_wanted="", topics=(), now=None):
    """Change the details of a booking (not its email, status or surgery)."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        booking = Booking.objects.select_for_update(of=("self",)).select_related("surgery").get(pk=booking_id)
        _check_manageable(booking, now)
        booking.name = _plain(name)
        booking.organisation = _plain(organisation)
        booking.help_wanted = _plain(help_wanted)
        booking.save(update_fields=["name", "organisation", "help_wanted", "updated_at"])
        booking.topics.set(topics)
    return booking


def cancel(booking_id, *, now=None):
    """Cancel a booking. A confirmed place that frees up goes to the first person waiting.

    Cancelling twice (a double click, two tabs) cancels once and promotes once: the second
    call finds the booking already cancelled, under the same lock, and raises BookingError.
    """
    from .tasks import send_booking_email

    with transaction.atomic(durable=True):
        surgery_id = Booking.objects.values_list("surgery_id", flat=True).get(pk=booking_id)
        surgery = lock_surgery(surgery_id)
        now = now or timezone.now()
        booking = Booking.objects.get(pk=booking_id)  # read again under the lock
        booking.surgery = surgery
        _check_manageable(booking, now)
        freed_a_place = booking.status in Booking.PLACE_TAKING and not booking.is_walk_in
        booking.status = Booking.Status.CANCELLED
        booking.cancelled_at = now
        booking.save(update_fields=["status", "cancelled_at", "updated_at"])
        send_booking_email.delay_on_commit(booking.pk, "cancellation")
        promoted = _promote_waitlist(surgery, now) if freed_a_place else []
    return CancelResult(booking=booking, promoted=promoted)


def promote_waitlist(surgery_id, *, now=None):
    """Fill free places from the waitlist (e.g. after the capacity was raised)."""
    with transaction.atomic(durable=True):
        surgery = lock_surgery(surgery_id)
        return _promote_waitlist(surgery, now or timezone.now())


def _promote_waitlist(surgery, now):
    """Confirm the longest-waiting people for the free places. Call with the surgery locked."""
    from .tasks import send_booking_email

    if surgery.is_cancelled or surgery.has_started(now):
        return []
    free = surgery.capacity - places_taken(surgery)
    if free <= 0:
        return []
    waiting = list(
        Booking.objects.filter(surgery=surgery, status=Booking.Status.WAITLISTED)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:free]
    )
    Booking.objects.filter(pk__in=waiting, status=Booking.Status.WAITLISTED).update(
        status=Booking.Status.CONFIRMED, confirmed_at=now, updated_at=now
    )
    if waiting:
        content_changed(activity_only=True)  # places left changed, and an update() sends no signal
    for booking_id in waiting:
        send_booking_email.delay_on_commit(booking_id, "promotion")
    return waiting


def _check_manageable(booking, now):
    if booking.anonymised_at:
        raise BookingError("This booking has been closed and its details removed.", "gone")
    if booking.status == Booking.Status.CANCELLED:
        raise BookingError("This booking has already been cancelled.", "gone")
    if booking.surgery.has_started(now):
        raise BookingError(
            "This surgery has already started, so the booking can no longer be changed.", "gone"
        )


# --- the private link -----------------------------------------------------------------


def mint_manage_token(booking):
    """Create a new private link token for ``booking``; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    ManageToken.objects.create(booking=booking, token_hash=ManageToken.hash(token))
    return token


def booking_for_token(token):
    """The booking a private link token opens, or None for a malformed or unknown token.

    The token is looked up by its SHA-256 hash, so nothing secret is compared byte by byte.
    """
    if not token or not TOKEN_PATTERN.match(token):
        return None
    found = (
        ManageToken.objects.select_related("booking__surgery")
        .filter(token_hash=ManageToken.hash(token))
        .first()
    )
    return found.booking if found else None


# --- the mentors' side ------------------------------------------------------------------


def mark_attendance(booking_id, status, *, now=None):
    """Record whether a booked person came. Allowed from the day of the surgery."""
    now = now or timezone.now()
    if status not in (Booking.Status.ATTENDED, Booking.Status.NO_SHOW):
        raise BookingError("Choose whether they came or not.")
    with transaction.atomic():
        booking = Booking.objects.select_for_update(of=("self",)).select_related("surgery").get(pk=booking_id)
        if booking.status == Booking.Status.CANCELLED:
            raise BookingError("This booking was cancelled.")
        if timezone.localdate(now) < timezone.localdate(booking.surgery.start):
            raise BookingError("Attendance can be marked from the day of the surgery.")
        booking.status = status
        booking.save(update_fields=["status", "updated_at"])
    return booking


def add_walk_in(surgery_id, *, name, email="", organisation="", help_wanted="", topics=(), now=None):
    """Add someone who came without booking. A walk-in takes no booked place."""
    now = now or timezone.now()
    email = normalise_email(email)
    try:
        with transaction.atomic():
            surgery = lock_surgery(surgery_id)
            if timezone.localdate(now) < timezone.localdate(surgery.start):
                raise BookingError("Walk-ins can be added from the day of the surgery.")
            if (
                email
                and Booking.objects.filter(surgery=surgery, email=email)
                .exclude(status=Booking.Status.CANCELLED)
                .exists()
            ):
                raise BookingError(
                    "Someone with this email is already on the roster: mark them as attended instead."
                )
            booking = Booking.objects.create(
                surgery=surgery,
                name=_plain(name),
                email=email,
                organisation=_plain(organisation),
                help_wanted=_plain(help_wanted),
                status=Booking.Status.ATTENDED,
                is_walk_in=True,
                created_at=now,
                confirmed_at=now,
                # A walk-in gets no booking emails.
                confirmation_sent_at=now,
                reminder_sent_at=now,
            )
            if topics:
                booking.topics.set(topics)
    except IntegrityError:
        raise BookingError("Someone with this email is already on the roster.") from None
    return booking


def record_help(
    booking,
    *,
    minutes,
    mentor=None,
    recorded_by=None,
    topics=(),
    barrier=None,
    fix_shared=None,
    outcome=HelpRecord.Outcome.SOLVED,
    outcome_note="",
    now=None,
):
    """Record the help given to a booked person or walk-in; they are marked as attended."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = Booking.objects.select_for_update(of=("self",)).select_related("surgery").get(pk=booking.pk)
        if booking.status == Booking.Status.CANCELLED:
            raise BookingError("This booking was cancelled, so no help can be recorded against it.")
        if timezone.localdate(now) < timezone.localdate(booking.surgery.start):
            raise BookingError("Help can be recorded from the day of the surgery.")
        record = HelpRecord.objects.create(
            surgery=booking.surgery,
            booking=booking,
            mentor=mentor,
            recorded_by=recorded_by,
            barrier=barrier,
            fix_shared=fix_shared,
            minutes=minutes,
            outcome=outcome,
            outcome_note=_plain(outcome_note),
            created_at=now,
        )
        if topics:
            record.topics.set(topics)
        if booking.status != Booking.Status.ATTENDED:
            booking.status = Booking.Status.ATTENDED
            booking.save(update_fields=["status", "updated_at"])
    return record


def cancel_surgery(surgery_id, *, user=None):
    """Cancel a surgery by publishing it with status "cancelled". Publishing is what tells
    everyone booked (surgeries.signals), whether the mentor uses this or an editor edits the
    page, and each booking is told once."""
    surgery = SurgeryPage.objects.get(pk=surgery_id)
    if surgery.is_cancelled:
        raise BookingError("This surgery is already cancelled.")
    if surgery.has_started():
        raise BookingError("This surgery has already started.")
    surgery.status = SurgeryPage.Status.CANCELLED
    revision = surgery.save_revision(user=user, log_action=True)
    # The caller has checked that ``user`` runs this surgery (surgeries_for); mentors have no
    # page-publishing rights, and need none for this one change.
    revision.publish(user=user, skip_permission_checks=True)
    return surgery


def can_see_all_bookings(user):
    return user.is_active and (user.is_superuser or user.has_perm("surgeries.view_all_bookings"))


def mentor_profile(user):
    """The mentor profile of a member of the Mentors group (who may see their rosters)."""
    from practice.models import MentorPage

    if not user.is_authenticated or not user.is_active or not user.has_perm("surgeries.view_booking"):
        return None
    return MentorPage.objects.filter(user=user).first()


def surgeries_for(user):
    """The surgeries whose rosters ``user`` may see: all for admins (and anyone granted "see
    every surgery's bookings"), the ones they run for mentors, none for anyone else."""
    surgeries = SurgeryPage.objects.all()
    if can_see_all_bookings(user):
        return surgeries
    mentor = mentor_profile(user)
    if mentor is None:
        return surgeries.none()
    return surgeries.filter(mentors=mentor)


# --- helpers ----------------------------------------------------------------------------


def _plain(text):
    return strip_control_characters(text or "").strip()
