"""The booking service: places, the waitlist, who may book, and what a refusal leaves alone."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from surgeries import services
from surgeries.models import AllowedEmailDomain, Audience, Booking, SurgeryPage
from tests.surgeries.factories import BookingFactory, make_surgery

pytestmark = pytest.mark.django_db


def book(surgery, email, **fields):
    return services.book(surgery.pk, name=fields.pop("name", "Pat Tester"), email=email, **fields)


def snapshot(surgery):
    return sorted(Booking.objects.filter(surgery=surgery).values_list("pk", "email", "status"))


def test_places_are_confirmed_until_full_then_waitlisted(
    surgery, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = book(surgery, "one@example.org")
        second = book(surgery, "two@example.org")
        third = book(surgery, "three@example.org")
    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waitlisted"]
    assert first.confirmed_at is not None and third.confirmed_at is None
    surgery = SurgeryPage.objects.get(pk=surgery.pk)
    assert surgery.places_left == 0 and surgery.is_full
    assert [message.to for message in mailoutbox] == [
        ["one@example.org"],
        ["two@example.org"],
        ["three@example.org"],
    ]


def test_email_is_stored_in_lower_case_and_a_second_active_booking_is_refused(surgery):
    book(surgery, "Pat.Tester@Example.org")
    before = snapshot(surgery)
    with pytest.raises(services.BookingError) as refused:
        book(surgery, "pat.tester@example.ORG")
    assert refused.value.code == "duplicate"
    assert "already have a booking" in refused.value.message
    assert snapshot(surgery) == before


def test_booking_again_after_cancelling_is_allowed(surgery):
    booking = book(surgery, "pat@example.org")
    services.cancel(booking.pk)
    again = book(surgery, "pat@example.org")
    assert again.status == "confirmed"


def test_the_database_refuses_two_active_bookings_for_one_email(surgery):
    BookingFactory(surgery=surgery, email="same@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(surgery=surgery, email="same@example.org", status=Booking.Status.WAITLISTED)
    # Cancelled bookings and walk-ins without an email do not count.
    BookingFactory(surgery=surgery, email="same@example.org", status=Booking.Status.CANCELLED)
    BookingFactory(surgery=surgery, email="", is_walk_in=True, status=Booking.Status.ATTENDED)
    BookingFactory(surgery=surgery, email="", is_walk_in=True, status=Booking.Status.ATTENDED)


def test_an_integrity_error_becomes_already_booked(surgery, monkeypatch):
    """If a duplicate ever slipped past the lock, the unique index turns it into the same
    clear refusal, not a server error."""
    BookingFactory(surgery=surgery, email="slipped@example.org")
    monkeypatch.setattr(
        services.Booking.objects, "filter", _no_duplicates_found(services.Booking.objects.filter)
    )
    with pytest.raises(services.BookingError) as refused:
        book(surgery, "slipped@example.org")
    monkeypatch.undo()
    assert refused.value.code == "duplicate"
    assert Booking.objects.filter(email="slipped@example.org").count() == 1


def _no_duplicates_found(real_filter):
    def fake_filter(*args, **kwargs):
        queryset = real_filter(*args, **kwargs)
        if "email" in kwargs:
            return queryset.none()
        return queryset

    return fake_filter


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"start": timezone.now() - timedelta(hours=1)}, "already taken place"),
        ({"status": SurgeryPage.Status.CANCELLED}, "cancelled"),
        ({"booking_closes": timezone.now() - timedelta(minutes=1)}, "closed"),
        ({"booking_opens": timezone.now() + timedelta(days=1)}, "opens on"),
    ],
)
def test_closed_surgeries_refuse_bookings_and_change_nothing(index, fields, message):
    surgery = make_surgery(index, **fields)
    with pytest.raises(services.BookingError) as refused:
        book(surgery, "late@example.org")
    assert message in refused.value.message
    assert Booking.objects.count() == 0


def test_unpublished_surgery_cannot_be_booked(index):
    surgery = make_surgery(index, publish=False)
    with pytest.raises(services.BookingError) as refused:
        book(surgery, "early@example.org")
    assert refused.value.code == "not_found"


def test_staff_only_surgery_takes_allowed_domains_and_their_subdomains(index, staff_domains):
    surgery = make_surgery(index, audience=Audience.STAFF, capacity=5)
    assert book(surgery, "officer@devon.gov.uk").status == "confirmed"
    assert book(surgery, "librarian@libraries.devon.gov.uk").status == "confirmed"
    for email in ("someone@gmail.com", "officer@notdevon.gov.uk", "officer@devon.gov.uk.evil.example"):
        with pytest.raises(services.BookingError) as refused:
            book(surgery, email)
        assert refused.value.code == "not_allowed"
        assert "council email address" in refused.value.message
    assert Booking.objects.filter(surgery=surgery).count() == 2


def test_full_staff_only_surgery_waitlists_staff_and_refuses_others(index, staff_domains):
    surgery = make_surgery(index, audience=Audience.STAFF, capacity=1)
    book(surgery, "first@devon.gov.uk")
    before = snapshot(surgery)
    with pytest.raises(services.BookingError):
        book(surgery, "member.of.public@example.org")
    assert snapshot(surgery) == before
    assert book(surgery, "second@kirklees.gov.uk").status == "waitlisted"


def test_public_and_mixed_surgeries_take_any_address(index):
    for audience in (Audience.PUBLIC, Audience.BOTH):
        surgery = make_surgery(index, audience=audience)
        assert book(surgery, "resident@example.org").status == "confirmed"


def test_allowed_domain_is_normalised_when_saved(db):
    domain = AllowedEmailDomain.objects.create(domain=" @Lewisham.GOV.uk. ")
    assert domain.domain == "lewisham.gov.uk"
    assert services.email_domain_is_allowed("x@lewisham.gov.uk")


def test_cancelling_a_place_promotes_the_longest_waiting(
    surgery, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = book(surgery, "a@example.org"), book(surgery, "b@example.org")
    waiting_first, waiting_second = book(surgery, "c@example.org"), book(surgery, "d@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        result = services.cancel(first.pk)
    assert result.promoted == [waiting_first.pk]
    statuses = dict(Booking.objects.values_list("email", "status"))
    assert statuses == {
        "a@example.org": "cancelled",
        "b@example.org": "confirmed",
        "c@example.org": "confirmed",
        "d@example.org": "waitlisted",
    }
    assert Booking.objects.get(pk=waiting_first.pk).confirmed_at is not None
    subjects = {message.to[0]: message.subject for message in mailoutbox}
    assert subjects["c@example.org"].startswith("A place is yours")
    assert subjects["a@example.org"].startswith("Booking cancelled")
    assert second.pk and waiting_second.pk


def test_cancelling_twice_cancels_once_and_promotes_once(surgery):
    first = book(surgery, "a@example.org")
    book(surgery, "b@example.org")
    book(surgery, "c@example.org")
    book(surgery, "d@example.org")
    services.cancel(first.pk)
    with pytest.raises(services.BookingError) as refused:
        services.cancel(first.pk)
    assert refused.value.code == "gone"
    assert Booking.objects.filter(status="confirmed").count() == 2
    assert Booking.objects.filter(status="waitlisted").count() == 1


def test_leaving_the_waitlist_promotes_nobody(surgery):
    book(surgery, "a@example.org")
    book(surgery, "b@example.org")
    waiting = book(surgery, "c@example.org")
    later = book(surgery, "d@example.org")
    assert services.cancel(waiting.pk).promoted == []
    assert Booking.objects.get(pk=later.pk).status == "waitlisted"


def test_raising_the_capacity_and_publishing_fills_places_from_the_waitlist(
    surgery, django_capture_on_commit_callbacks
):
    for letter in "abcde":
        book(surgery, f"{letter}@example.org")
    surgery.capacity = 4
    with django_capture_on_commit_callbacks(execute=True):
        surgery.save_revision().publish()
    assert list(Booking.objects.order_by("pk").values_list("status", flat=True)) == [
        "confirmed",
        "confirmed",
        "confirmed",
        "confirmed",
        "waitlisted",
    ]


def test_nobody_is_promoted_once_the_surgery_has_started(index):
    surgery = make_surgery(index, capacity=1)
    first = BookingFactory(surgery=surgery)
    waiting = BookingFactory(surgery=surgery, status=Booking.Status.WAITLISTED, confirmed_at=None)
    SurgeryPage.objects.filter(pk=surgery.pk).update(start=timezone.now() - timedelta(minutes=5))
    with pytest.raises(services.BookingError):
        services.cancel(first.pk)  # too late to cancel through the link
    assert services.promote_waitlist(surgery.pk) == []
    assert Booking.objects.get(pk=waiting.pk).status == "waitlisted"


def test_walk_ins_take_no_booked_place(mid_morning, index):
    surgery = make_surgery(index, capacity=1, start=timezone.now() + timedelta(minutes=30))
    services.add_walk_in(surgery.pk, name="Walk In", email="")
    assert book(surgery, "booker@example.org").status == "confirmed"


def test_update_booking_changes_details_but_not_email_or_status(surgery):
    booking = book(surgery, "pat@example.org", organisation="Old org")
    services.update_booking(booking.pk, name="Pat Changed", organisation="New org", help_wanted="Blogs")
    booking.refresh_from_db()
    assert (booking.name, booking.organisation, booking.help_wanted) == ("Pat Changed", "New org", "Blogs")
    assert (booking.email, booking.status) == ("pat@example.org", "confirmed")
