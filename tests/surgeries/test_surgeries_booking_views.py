"""Booking through the form and managing a booking through its private link, including every
kind of bad input: each gets a clear message and a 4xx, and changes nothing."""

import logging
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from surgeries import services
from surgeries.models import Audience, Booking, ManageToken, SurgeryPage
from tests.factories import TopicFactory
from tests.surgeries.factories import BookingFactory, make_surgery

pytestmark = pytest.mark.django_db

MANAGE_LINK = re.compile(r"https?://\S+(/surgeries/booking/[A-Za-z0-9_-]+/)")


def state():
    return sorted(
        Booking.objects.values_list(
            "pk", "email", "name", "status", "organisation", "help_wanted", "updated_at"
        )
    )


def post_booking(client, surgery, **data):
    fields = {"name": "Pat Tester", "email": "pat@example.org", "organisation": "", "help_wanted": ""}
    fields.update(data)
    return client.post(f"{surgery.url}book/", fields)


def manage_path(mailoutbox, index=-1):
    return MANAGE_LINK.search(mailoutbox[index].body).group(1)


def act(client, path, action, **data):
    """Post a manage-page form: the token goes in the body, not the URL."""
    token = path.rstrip("/").rsplit("/", 1)[1]
    return client.post("/surgeries/booking/", {"token": token, "action": action, **data})


def test_booking_redirects_to_the_page_with_a_confirmation(
    client, surgery, mailoutbox, django_capture_on_commit_callbacks
):
    topic = TopicFactory(name="twitter")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_booking(
            client,
            surgery,
            name="Pat Tester",
            organisation="Frome Town Council",
            help_wanted="Our first tweets",
            topics=[topic.pk],
        )
    assert response.status_code == 303 and response["Location"] == surgery.url
    page = client.get(surgery.url).content.decode()
    assert "Your place is booked" in page and "pat@example.org" in page
    booking = Booking.objects.get()
    assert (booking.name, booking.organisation, booking.help_wanted) == (
        "Pat Tester",
        "Frome Town Council",
        "Our first tweets",
    )
    assert list(booking.topics.all()) == [topic]
    assert len(mailoutbox) == 1


def test_booking_a_full_surgery_says_you_are_on_the_waitlist(client, index):
    surgery = make_surgery(index, capacity=1)
    BookingFactory(surgery=surgery)
    response = post_booking(client, surgery)
    assert response.status_code == 303
    assert "you are on the waitlist" in client.get(surgery.url).content.decode()


@pytest.mark.parametrize(
    ("surgery_fields", "data", "status", "message"),
    [
        ({"start": timezone.now() - timedelta(days=1)}, {}, 400, "already taken place"),
        (
            {"booking_closes": timezone.now() - timedelta(minutes=5)},
            {},
            400,
            "Booking for this surgery has closed.",
        ),
        ({"status": SurgeryPage.Status.CANCELLED}, {}, 400, "has been cancelled"),
        ({}, {"email": "not-an-email"}, 400, "Enter an email address in the right format"),
        ({}, {"email": ""}, 400, "Enter your email address"),
        ({}, {"name": "x" * 10_000}, 400, "Please keep your name under 200 characters."),
        ({}, {"name": "<script>alert(1)</script>"}, 400, "plain text"),
        ({}, {"name": "   "}, 400, "Please enter your name."),
        ({}, {"help_wanted": "y" * 2001}, 400, "under 2,000 characters"),
        ({}, {"topics": ["999999"]}, 400, "Select a valid choice"),
    ],
)
def test_bad_booking_input_gets_a_clear_message_and_changes_nothing(
    client, index, surgery_fields, data, status, message, mailoutbox
):
    surgery = make_surgery(index, **surgery_fields)
    BookingFactory(surgery=surgery, email="existing@example.org")
    before = state()
    response = post_booking(client, surgery, **data)
    assert response.status_code == status
    html = response.content.decode()
    assert message in html
    assert "There is a problem" in html
    assert "<script>alert(1)</script>" not in html
    assert state() == before
    assert mailoutbox == []


def test_full_staff_only_surgery_refuses_a_public_address(client, index, staff_domains):
    surgery = make_surgery(index, audience=Audience.STAFF, capacity=1)
    BookingFactory(surgery=surgery, email="officer@devon.gov.uk")
    before = state()
    response = post_booking(client, surgery, email="resident@example.org")
    assert response.status_code == 400
    assert "for council staff only: please book with your council email address" in response.content.decode()
    assert state() == before


def test_double_submit_books_once_and_says_so(
    client, surgery, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        assert post_booking(client, surgery).status_code == 303
    before = state()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_booking(client, surgery, email="PAT@example.org")
    assert response.status_code == 409
    assert "You already have a booking for this surgery" in response.content.decode()
    assert state() == before
    assert len(mailoutbox) == 1


def test_get_on_the_booking_route_goes_back_to_the_page(client, surgery):
    response = client.get(f"{surgery.url}book/")
    assert response.status_code == 302 and response["Location"].endswith("#book")


def test_booking_without_csrf_token_is_refused(surgery):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        f"{surgery.url}book/", {"name": "Pat", "email": "p@example.org"}
    )
    assert response.status_code == 403
    assert Booking.objects.count() == 0


# --- the private link -----------------------------------------------------------------


@pytest.fixture
def booked(client, surgery, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_booking(client, surgery, name="Pat Tester", organisation="Old org")
    return Booking.objects.get(), manage_path(mailoutbox)


def test_manage_page_shows_the_booking(client, booked):
    booking, path = booked
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your place is confirmed" in html
    assert booking.surgery.title in html and "pat@example.org" in html
    assert 'name="robots" content="noindex, nofollow"' in html


def test_only_a_hash_of_the_token_is_stored(booked):
    booking, path = booked
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 43
    stored = ManageToken.objects.get(booking=booking)
    assert stored.token_hash != token and token not in stored.token_hash
    assert stored.token_hash == ManageToken.hash(token)


def test_update_through_the_link(client, booked):
    booking, path = booked
    response = act(client, path, "update", name="Pat Renamed", organisation="New org", help_wanted="Blogs")
    assert response.status_code == 303
    booking.refresh_from_db()
    assert (booking.name, booking.organisation, booking.help_wanted) == ("Pat Renamed", "New org", "Blogs")
    assert "Your booking details are updated." in client.get(path).content.decode()


def test_bad_update_is_refused_and_changes_nothing(client, booked):
    _, path = booked
    before = state()
    response = act(client, path, "update", name="n" * 10_000)
    assert response.status_code == 400
    assert "Please keep your name under 200 characters." in response.content.decode()
    response = act(client, path, "delete-everything")
    assert response.status_code == 400
    assert client.post(path, {"action": "cancel"}).status_code == 405
    assert state() == before


def test_cancel_through_the_link_then_the_link_is_closed(
    client, booked, mailoutbox, django_capture_on_commit_callbacks
):
    booking, path = booked
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, path, "cancel")
    assert response.status_code == 200
    assert "Your booking is cancelled" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert mailoutbox[-1].subject.startswith("Booking cancelled")
    # The same link, or a second click, is told plainly that it is closed.
    again = act(client, path, "cancel")
    assert again.status_code == 410
    assert "This booking has been cancelled" in again.content.decode()
    assert client.get(path).status_code == 410


def test_link_after_the_surgery_has_ended_is_closed(client, booked):
    booking, path = booked
    SurgeryPage.objects.filter(pk=booking.surgery_id).update(
        start=timezone.now() - timedelta(hours=3), end=timezone.now() - timedelta(hours=1)
    )
    before = state()
    response = act(client, path, "cancel")
    assert response.status_code == 410
    assert "This surgery has taken place" in response.content.decode()
    assert state() == before


@pytest.mark.parametrize(
    "token",
    [
        "forged-token-that-is-long-enough-to-look-real-00000",
        "short",
        "a" * 500,
        "%3Cscript%3E",
        "%E2%9C%93-emoji-%F0%9F%98%80-token",
    ],
)
def test_forged_tokens_get_a_clear_404(client, booked, token):
    before = state()
    for response in (
        client.get(f"/surgeries/booking/{token}/"),
        client.post("/surgeries/booking/", {"token": token, "action": "cancel"}),
        client.post("/surgeries/booking/", {"action": "cancel"}),
    ):
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    assert state() == before


def test_tokens_are_not_written_to_the_logs(client, booked, caplog):
    booking, path = booked
    services.cancel(booking.pk)
    with caplog.at_level(logging.DEBUG):
        assert client.get(path).status_code == 410
        assert client.put(path).status_code == 405
        assert act(client, path, "cancel").status_code == 410
        assert client.get("/surgeries/booking/forged-token-that-is-long-enough-000000/").status_code == 404
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert token not in caplog.text
    assert "forged-token" not in caplog.text


def test_calendar_download_from_the_manage_page_has_no_joining_link(
    client, index, mailoutbox, django_capture_on_commit_callbacks
):
    surgery = make_surgery(index, format="online", joining_link="https://meet.example.org/hidden-room")
    with django_capture_on_commit_callbacks(execute=True):
        post_booking(client, surgery)
    path = manage_path(mailoutbox)
    assert "hidden-room" not in client.get(path).content.decode()
    response = client.get(f"{path}surgery.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content and b"hidden-room" not in response.content
