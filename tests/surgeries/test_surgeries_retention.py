"""Attendees' details are anonymised a set number of days after a surgery ends; the help
given stays, without anyone's identity."""

from datetime import timedelta

import pytest
from django.utils import timezone

from surgeries import retention, services, tasks
from surgeries.models import Booking, HelpRecord, ManageToken
from tests.factories import TopicFactory
from tests.surgeries.factories import BookingFactory, make_mentor, make_surgery

pytestmark = pytest.mark.django_db


def ended(index, days_ago):
    start = timezone.now() - timedelta(days=days_ago, hours=2)
    return make_surgery(index, start=start, end=start + timedelta(hours=2))


def test_purge_anonymises_after_the_retention_period_and_keeps_the_facts(index, home_page, settings):
    settings.SURGERIES_RETENTION_DAYS = 90
    mentor = make_mentor(home_page)
    topic = TopicFactory(name="metrics")
    old, recent = ended(index, 91), ended(index, 89)
    booking = BookingFactory(
        surgery=old,
        name="Jane Smithson",
        email="jane.smithson@example.org",
        organisation="Frome Town Council",
        help_wanted="Measuring reach",
        status=Booking.Status.ATTENDED,
    )
    booking.topics.set([topic])
    ManageToken.objects.create(booking=booking, token_hash="0" * 64)
    record = HelpRecord.objects.create(
        surgery=old,
        booking=booking,
        mentor=mentor,
        minutes=25,
        outcome="solved",
        outcome_note="Showed Jane how to export insights; jane.smithson@example.org will share with SMITHSON's team.",
    )
    record.topics.set([topic])
    kept = BookingFactory(surgery=recent, name="Recent Person", email="recent@example.org")

    assert tasks.purge_personal_data.delay().get() == 1

    booking.refresh_from_db()
    assert (booking.name, booking.email, booking.organisation, booking.help_wanted) == (
        "Anonymised attendee",
        "",
        "",
        "",
    )
    assert booking.anonymised_at is not None
    assert booking.status == "attended" and list(booking.topics.all()) == [topic]
    assert not ManageToken.objects.filter(booking=booking).exists()
    record.refresh_from_db()
    assert (record.minutes, record.outcome, record.mentor_id) == (25, "solved", mentor.pk)
    assert list(record.topics.all()) == [topic]
    assert "Jane" not in record.outcome_note and "jane" not in record.outcome_note.lower()
    assert "Smithson" not in record.outcome_note and "SMITHSON" not in record.outcome_note
    assert record.outcome_note.startswith("Showed [attendee] how to export insights")
    kept.refresh_from_db()
    assert kept.email == "recent@example.org"
    # Running it again changes nothing.
    assert retention.anonymise_ended_surgeries() == 0


def test_retention_days_come_from_settings(index, settings):
    settings.SURGERIES_RETENTION_DAYS = 7
    BookingFactory(surgery=ended(index, 8), email="eight@example.org")
    BookingFactory(surgery=ended(index, 6), email="six@example.org")
    assert retention.anonymise_ended_surgeries() == 1
    assert set(Booking.objects.values_list("email", flat=True)) == {"", "six@example.org"}


def test_anonymised_bookings_get_no_more_emails_and_their_links_are_closed(index, client, settings):
    settings.SURGERIES_RETENTION_DAYS = 0
    surgery = ended(index, 1)
    booking = BookingFactory(surgery=surgery)
    token = services.mint_manage_token(booking)
    retention.anonymise_ended_surgeries()
    assert client.get(f"/surgeries/booking/{token}/").status_code == 404
    from surgeries import emails

    assert emails.send_booking_email(booking.pk, "cancellation") is False


def test_scrub_leaves_other_words_alone():
    assert (
        retention.scrub("Al helped with Alerts", "Al Jones", "al@example.org")
        == "[attendee] helped with Alerts"
    )
    assert retention.scrub("", "Al Jones", "") == ""


def test_the_purge_is_on_the_beat_schedule(settings):
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"surgeries.tasks.purge_personal_data", "surgeries.tasks.send_due_reminders"} <= tasks_scheduled
