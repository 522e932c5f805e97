"""With a real Celery worker on Redis: the confirmation is sent by the worker after the
commit, and two overlapping reminder sweeps send each reminder once."""

from datetime import timedelta
from email import message_from_string

import pytest
import redis
from django.utils import timezone

from cms.tasks import send_rendered_email
from surgeries import services, tasks
from surgeries.models import Booking
from tests.conftest import REDIS_HOST, REDIS_PORT, wait_for, written_emails
from tests.surgeries.factories import BookingFactory, make_surgery

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def sent_messages(email_dir):
    """The complete messages the worker has written, parsed."""
    return [message_from_string(text) for text in written_emails(email_dir)]


def test_worker_sends_the_confirmation_after_the_commit(celery_worker, index):
    email_dir = celery_worker
    surgery = make_surgery(index, title="Worker surgery")
    booking = services.book(surgery.pk, name="Pat Worker", email="pat.worker@example.org")
    (message,) = wait_for(lambda: sent_messages(email_dir))
    assert message["To"] == "pat.worker@example.org"
    assert message["Subject"] == "Booked: Worker surgery"
    wait_for(lambda: Booking.objects.get(pk=booking.pk).confirmation_sent_at is not None)


def test_two_overlapping_sweeps_on_the_worker_send_each_reminder_once(celery_worker, index):
    email_dir = celery_worker
    surgery = make_surgery(index, start=timezone.now() + timedelta(hours=20), capacity=10)
    for i in range(6):
        BookingFactory(
            surgery=surgery, email=f"reminded{i}@example.org", confirmed_at=timezone.now() - timedelta(days=3)
        )
    # Two sweeps queued back to back: each queues a reminder task for all six bookings.
    first, second = tasks.send_due_reminders.delay(), tasks.send_due_reminders.delay()
    assert first.id != second.id
    wait_for(lambda: Booking.objects.filter(reminder_sent_at__isnull=False).count() == 6)
    # Once the queue is empty, a last task through the same single worker runs after every
    # duplicate reminder task has been handled.
    broker = redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=14)
    wait_for(lambda: broker.llen("celery") == 0)
    send_rendered_email.delay("Sentinel", "Last task.", ["sentinel@example.org"])
    messages = wait_for(
        lambda: (
            (found := sent_messages(email_dir))
            and any(m["To"] == "sentinel@example.org" for m in found)
            and found
        )
    )
    recipients = sorted(message["To"] for message in messages if message["To"] != "sentinel@example.org")
    assert recipients == sorted(f"reminded{i}@example.org" for i in range(6))
