"""Background jobs of the surgeries: the booking emails, the day-before sweep, retention.

Every task takes primary keys and is safe to run twice: the emails claim their booking before
sending (surgeries.emails), the sweep only queues those claims, and the purge skips what it
already anonymised.
"""

from smtplib import SMTPException

from celery import shared_task

from . import emails, retention, services
from .models import Booking

RETRY = {"autoretry_for": (OSError, SMTPException), "retry_backoff": True, "max_retries": 5}


@shared_task(**RETRY)
def send_booking_email(booking_id, kind):
    return emails.send_booking_email(booking_id, kind)


@shared_task(**RETRY)
def send_mentor_briefing(surgery_id, mentor_id):
    return emails.send_mentor_briefing(surgery_id, mentor_id)


@shared_task
def send_due_reminders():
    """The beat sweep: queue each due reminder and mentor briefing. Two sweeps that overlap
    queue the same bookings twice; the claim in each email task lets one of them send."""
    booking_ids = list(emails.due_reminders().values_list("pk", flat=True))
    for booking_id in booking_ids:
        send_booking_email.delay(booking_id, "reminder")
    for surgery_id, mentor_id in emails.due_mentor_briefings():
        send_mentor_briefing.delay(surgery_id, mentor_id)
    return len(booking_ids)


@shared_task
def notify_surgery_cancelled(surgery_id):
    """Tell everyone booked or waiting that the surgery is off (each booking once)."""
    booking_ids = list(
        Booking.objects.filter(
            surgery_id=surgery_id,
            status__in=[Booking.Status.CONFIRMED, Booking.Status.WAITLISTED],
            surgery_cancelled_sent_at__isnull=True,
        ).values_list("pk", flat=True)
    )
    for booking_id in booking_ids:
        send_booking_email.delay(booking_id, "surgery_cancelled")
    return len(booking_ids)


@shared_task
def promote_waitlist(surgery_id):
    try:
        return services.promote_waitlist(surgery_id)
    except services.BookingError:
        return []


@shared_task
def purge_personal_data():
    return retention.anonymise_ended_surgeries()


@shared_task(**RETRY)
def send_feedback_request(booking_id):
    from . import feedback

    return feedback.send_feedback_request(booking_id)


@shared_task
def send_due_feedback_requests():
    """The beat sweep: queue the "did this help?" email of each booking due one. Overlapping
    sweeps may queue a booking twice; the claim in the send lets one of them ask."""
    from . import feedback

    booking_ids = list(feedback.due_requests().values_list("pk", flat=True))
    for booking_id in booking_ids:
        send_feedback_request.delay(booking_id)
    return len(booking_ids)
