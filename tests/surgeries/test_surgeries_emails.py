"""The emails: what each says, and that each goes once — sweeps overlapping, tasks retried,
bookings cancelled or made too late for a reminder."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connections
from django.utils import timezone
from icalendar import Calendar

from surgeries import emails, services, tasks
from surgeries.models import Booking, Format, MentorBriefing, SurgeryPage
from tests.surgeries.factories import BookingFactory, make_mentor, make_surgery

pytestmark = pytest.mark.django_db


def soon(index, hours=20, **fields):
    """A surgery starting within the reminder window (the next 24 hours)."""
    return make_surgery(index, start=timezone.now() + timedelta(hours=hours), **fields)


def booked_early(surgery, **fields):
    """A booking confirmed well before the reminder window opened."""
    return BookingFactory(surgery=surgery, confirmed_at=surgery.start - timedelta(days=5), **fields)


def test_confirmation_has_details_manage_link_ics_and_joining_link(
    index, mailoutbox, django_capture_on_commit_callbacks
):
    surgery = make_surgery(
        index,
        title="Online video clinic",
        format=Format.ONLINE,
        joining_link="https://meet.example.org/room-42",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.book(surgery.pk, name="Pat Tester", email="pat@example.org")
    (message,) = mailoutbox
    assert message.subject == "Booked: Online video clinic"
    assert message.to == ["pat@example.org"]
    assert "Hello Pat Tester" in message.body
    assert "10:00 to 12:00 (UK time)" in message.body
    assert "https://meet.example.org/room-42" in message.body
    assert "/surgeries/booking/" in message.body
    (filename, content, mimetype) = message.attachments[0]
    assert filename == "surgery.ics" and mimetype.startswith("text/calendar")
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert "room-42" in str(event["description"])
    assert Booking.objects.get().confirmation_sent_at is not None


def test_waitlisted_people_never_get_the_joining_link(index, mailoutbox, django_capture_on_commit_callbacks):
    surgery = make_surgery(
        index, format=Format.HYBRID, joining_link="https://meet.example.org/room-7", capacity=1
    )
    BookingFactory(surgery=surgery)
    with django_capture_on_commit_callbacks(execute=True):
        services.book(surgery.pk, name="Wait Ing", email="wait@example.org")
    (message,) = mailoutbox
    assert message.subject.startswith("On the waitlist:")
    assert "room-7" not in message.body
    assert message.attachments == []


def test_promoted_person_gets_the_link_and_a_calendar_file(
    index, mailoutbox, django_capture_on_commit_callbacks
):
    surgery = make_surgery(
        index, format=Format.ONLINE, joining_link="https://meet.example.org/room-9", capacity=1
    )
    first = BookingFactory(surgery=surgery)
    waiting = BookingFactory(
        surgery=surgery, status=Booking.Status.WAITLISTED, confirmed_at=None, email="next@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(first.pk)
    promotion = next(m for m in mailoutbox if m.to == ["next@example.org"])
    assert promotion.subject.startswith("A place is yours")
    assert "room-9" in promotion.body and promotion.attachments
    assert Booking.objects.get(pk=waiting.pk).promotion_sent_at is not None


def test_sweep_sends_reminders_only_where_due(index, mailoutbox):
    surgery = soon(index)
    due = booked_early(surgery, email="due@example.org")
    booked_early(surgery, email="cancelled@example.org", status=Booking.Status.CANCELLED)
    booked_early(surgery, email="waiting@example.org", status=Booking.Status.WAITLISTED)
    BookingFactory(
        surgery=surgery, email="late@example.org", confirmed_at=timezone.now()
    )  # booked inside the window
    booked_early(make_surgery(index, start=timezone.now() + timedelta(days=3)), email="too-early@example.org")
    booked_early(soon(index, status=SurgeryPage.Status.CANCELLED), email="surgery-off@example.org")
    booked_early(soon(index, publish=False), email="draft@example.org")

    assert tasks.send_due_reminders.delay().get() == 1
    assert [m.to for m in mailoutbox] == [["due@example.org"]]
    assert mailoutbox[0].subject.startswith("Tomorrow:")
    assert Booking.objects.get(pk=due.pk).reminder_sent_at is not None
    # The next sweep finds nothing more to send.
    tasks.send_due_reminders.delay()
    assert len(mailoutbox) == 1


def test_a_queued_reminder_for_a_booking_cancelled_since_is_not_sent(index, mailoutbox):
    booking = booked_early(soon(index))
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.CANCELLED)
    assert tasks.send_booking_email.delay(booking.pk, "reminder").get() is False
    assert mailoutbox == []


def test_duplicate_and_retried_tasks_send_once(index, mailoutbox):
    booking = booked_early(soon(index))
    results = [tasks.send_booking_email.delay(booking.pk, "reminder").get() for _ in range(3)]
    assert results == [True, False, False]
    assert len(mailoutbox) == 1


def test_a_failed_send_releases_its_claim_so_the_retry_sends_once(index, mailoutbox, monkeypatch):
    booking = booked_early(soon(index))
    real_send = mail.EmailMessage.send
    calls = {"n": 0}

    def flaky_send(message, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise ConnectionRefusedError("mail server down")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMessage, "send", flaky_send)
    with pytest.raises(ConnectionRefusedError):
        emails.send_booking_email(booking.pk, "reminder")
    assert Booking.objects.get(pk=booking.pk).reminder_sent_at is None
    assert booking.manage_tokens.count() == 0  # the unsent link was forgotten
    assert emails.send_booking_email(booking.pk, "reminder") is True
    assert emails.send_booking_email(booking.pk, "reminder") is False
    assert len(mailoutbox) == 1
    assert booking.manage_tokens.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_overlapping_sweeps_send_each_reminder_once(index, mailoutbox):
    """Two sweeps at the same moment, each on its own connection (as two beat runs or two
    workers would be), with the sends running in each sweep's thread."""
    surgery = soon(index, capacity=30)
    for i in range(25):
        booked_early(surgery, email=f"person{i}@example.org")
    barrier = threading.Barrier(2)
    errors = []

    def sweep():
        try:
            barrier.wait(timeout=30)
            tasks.send_due_reminders()
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert recipients == sorted(f"person{i}@example.org" for i in range(25))


def test_cancelling_a_surgery_tells_everyone_booked_once(
    index, mailoutbox, django_capture_on_commit_callbacks
):
    surgery = make_surgery(
        index, format=Format.ONLINE, joining_link="https://meet.example.org/off", capacity=2
    )
    BookingFactory(surgery=surgery, email="a@example.org")
    BookingFactory(surgery=surgery, email="b@example.org")
    BookingFactory(
        surgery=surgery, email="w@example.org", status=Booking.Status.WAITLISTED, confirmed_at=None
    )
    BookingFactory(surgery=surgery, email="gone@example.org", status=Booking.Status.CANCELLED)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_surgery(surgery.pk)
    with django_capture_on_commit_callbacks(execute=True):
        page = SurgeryPage.objects.get(pk=surgery.pk)
        page.title = "Cancelled, with a note"
        page.save_revision().publish()  # published again: nobody is told twice
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.org", "b@example.org", "w@example.org"]
    assert all(m.subject.startswith("Surgery cancelled") for m in mailoutbox)
    assert all("meet.example.org/off" not in m.body for m in mailoutbox)
    waiting = next(m for m in mailoutbox if m.to == ["w@example.org"])
    assert "place on the waitlist" in waiting.body
    ics = Calendar.from_ical(mailoutbox[0].attachments[0][1])
    assert ics.walk("VEVENT")[0]["status"] == "CANCELLED"


def test_mentor_briefing_goes_once_with_the_roster_and_joining_link(index, home_page, mailoutbox):
    mentor = make_mentor(home_page, title="Carl Mentor")
    surgery = soon(
        index, format=Format.ONLINE, joining_link="https://meet.example.org/mentors", mentors=[mentor]
    )
    booked_early(surgery, name="Ada Attendee", help_wanted="Blocked sites at work")
    tasks.send_due_reminders()
    tasks.send_due_reminders()
    briefings = [m for m in mailoutbox if m.to == [mentor.contact_email]]
    assert len(briefings) == 1
    assert "https://meet.example.org/mentors" in briefings[0].body
    assert "Ada Attendee" in briefings[0].body and "Blocked sites at work" in briefings[0].body
    assert MentorBriefing.objects.filter(surgery=surgery, mentor=mentor).count() == 1


def test_email_subject_has_no_newlines_from_the_title(index, mailoutbox, django_capture_on_commit_callbacks):
    surgery = make_surgery(index, title="Bad\ntitle")
    with django_capture_on_commit_callbacks(execute=True):
        services.book(surgery.pk, name="Pat", email="pat@example.org")
    assert mailoutbox[0].subject == "Booked: Bad title"
