"""The "did this help?" email: asked once per booking, answered once, with no sign-in."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from surgeries import feedback, retention, tasks
from surgeries.models import Booking, SurgeryFeedback
from tests.surgeries.factories import BookingFactory, make_surgery

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended(index):
    """A surgery that ended two days ago."""
    start = timezone.now() - timedelta(days=2, hours=2)
    return make_surgery(index, title="Facebook basics", start=start, end=start + timedelta(hours=2))


def links_in(message):
    return {
        line.split(": ", 1)[0]: line.split(": ", 1)[1]
        for line in message.body.splitlines()
        if line.startswith(("Yes: ", "Partly: ", "No: "))
    }


def path_of(url):
    return url.split("127.0.0.1:8000", 1)[-1]


def test_attendees_are_asked_once_however_often_the_sweep_runs(ended, mailoutbox):
    attended = BookingFactory(surgery=ended, status=Booking.Status.ATTENDED)
    confirmed = BookingFactory(surgery=ended, status=Booking.Status.CONFIRMED)
    BookingFactory(surgery=ended, status=Booking.Status.CANCELLED)
    BookingFactory(surgery=ended, status=Booking.Status.NO_SHOW)
    BookingFactory(surgery=ended, status=Booking.Status.WAITLISTED)
    BookingFactory(surgery=ended, status=Booking.Status.ATTENDED, email="")
    BookingFactory(surgery=ended, status=Booking.Status.ATTENDED, anonymised_at=timezone.now())

    assert tasks.send_due_feedback_requests() == 2
    assert tasks.send_due_feedback_requests() == 0
    # A duplicate task for a booking already asked sends nothing.
    assert tasks.send_feedback_request(attended.pk) is False

    assert sorted(m.to[0] for m in mailoutbox) == sorted([attended.email, confirmed.email])
    assert set(links_in(mailoutbox[0])) == {"Yes", "Partly", "No"}


def test_nobody_is_asked_before_a_day_has_passed_or_about_old_or_cancelled_surgeries(index, mailoutbox):
    now = timezone.now()
    recent = make_surgery(index, start=now - timedelta(hours=5), end=now - timedelta(hours=3))
    old = make_surgery(index, start=now - timedelta(days=9), end=now - timedelta(days=9) + timedelta(hours=2))
    called_off = make_surgery(
        index,
        start=now - timedelta(days=3),
        end=now - timedelta(days=3) + timedelta(hours=2),
        status="cancelled",
    )
    for surgery in (recent, old, called_off):
        BookingFactory(surgery=surgery, status=Booking.Status.ATTENDED)
    assert tasks.send_due_feedback_requests() == 0
    assert mailoutbox == []


def test_a_failed_send_gives_the_claim_back(ended, mailoutbox, monkeypatch):
    booking = BookingFactory(surgery=ended, status=Booking.Status.ATTENDED)

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    with pytest.raises(OSError):
        feedback.send_feedback_request(booking.pk)
    assert not SurgeryFeedback.objects.filter(booking=booking).exists()
    monkeypatch.undo()
    assert feedback.send_feedback_request(booking.pk) is True
    assert len(mailoutbox) == 1


def test_one_click_answers_without_signing_in_and_a_second_click_changes_nothing(ended, client, mailoutbox):
    booking = BookingFactory(surgery=ended, status=Booking.Status.ATTENDED)
    feedback.send_feedback_request(booking.pk)
    links = links_in(mailoutbox[0])

    response = client.get(path_of(links["Partly"]))
    assert response.status_code == 200
    assert "We have your answer" in response.text
    stored = SurgeryFeedback.objects.get(booking=booking)
    assert (stored.answer, stored.answered_at is not None) == ("partly", True)

    response = client.get(path_of(links["Yes"]))
    assert response.status_code == 200
    assert "We already have your answer" in response.text
    stored.refresh_from_db()
    assert stored.answer == "partly"


def test_a_forged_or_altered_link_is_refused_and_stores_nothing(ended, client):
    booking = BookingFactory(surgery=ended, status=Booking.Status.ATTENDED)
    other = BookingFactory(surgery=ended, status=Booking.Status.ATTENDED)
    feedback.send_feedback_request(booking.pk)
    feedback.send_feedback_request(other.pk)
    genuine = feedback.make_token(booking.pk, "yes")
    value, _, signature = genuine.rpartition(":")
    forged_other = feedback.make_token(other.pk, "no").rpartition(":")[0] + ":" + signature

    for token in (forged_other, genuine[:-2] + "xx", "not-a-token", feedback.make_token(booking.pk, "maybe")):
        response = client.get(reverse("surgeries:feedback", args=[token]))
        assert response.status_code == 400
        assert "not valid" in response.text
    assert set(SurgeryFeedback.objects.values_list("answer", flat=True)) == {""}


def test_a_link_for_a_booking_never_asked_is_refused(ended, client):
    booking = BookingFactory(surgery=ended, status=Booking.Status.ATTENDED)
    response = client.get(reverse("surgeries:feedback", args=[feedback.make_token(booking.pk, "yes")]))
    assert response.status_code == 400
    assert not SurgeryFeedback.objects.exists()


def test_summary_counts_answers_by_surgery_date_and_survives_retention(ended, index, settings):
    answers = ["yes", "yes", "partly", "no", ""]
    for answer in answers:
        booking = BookingFactory(surgery=ended, status=Booking.Status.ATTENDED)
        SurgeryFeedback.objects.create(booking=booking, answer=answer)
    later = make_surgery(index)
    SurgeryFeedback.objects.create(booking=BookingFactory(surgery=later), answer="no")

    period = (ended.start - timedelta(days=1), ended.start + timedelta(days=1))
    expected = {"asked": 5, "answered": 4, "yes": 2, "partly": 1, "no": 1}
    assert feedback.feedback_summary(*period) == expected

    settings.SURGERIES_RETENTION_DAYS = 0
    assert retention.anonymise_ended_surgeries() == 5
    assert feedback.feedback_summary(*period) == expected
    # The feedback row holds no personal data of its own: only the booking, answer and times.
    assert {f.name for f in SurgeryFeedback._meta.concrete_fields} == {
        "id",
        "booking",
        "requested_at",
        "answer",
        "answered_at",
    }
