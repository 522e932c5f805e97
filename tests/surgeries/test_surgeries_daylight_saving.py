"""A surgery at 10:00 London time on a day the clocks change shows 10:00 everywhere: on the
page, in the email and in the .ics (parsed with the icalendar library)."""

from datetime import UTC, datetime

import pytest
from django.test import Client
from icalendar import Calendar

from surgeries import services
from surgeries.ics import booking_calendar
from surgeries.models import SurgeryPage
from tests.surgeries.factories import BookingFactory, london, make_surgery

pytestmark = pytest.mark.django_db

CLOCK_CHANGES = [
    # (the Sunday, what the page says, UTC hour of 10:00 London)
    ((2027, 3, 28), "Sunday 28 March 2027", 9),  # clocks go forward at 01:00 UTC: BST, UTC+1
    ((2027, 10, 31), "Sunday 31 October 2027", 10),  # clocks go back at 01:00 UTC: GMT, UTC+0
]


def event_of(ics_bytes):
    calendar = Calendar.from_ical(ics_bytes)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    (event,) = calendar.walk("VEVENT")
    return event


def assert_ten_to_twelve_london(event, day):
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert (start.year, start.month, start.day, start.hour, start.minute) == (*day, 10, 0)
    assert (end.hour, end.minute) == (12, 0)
    assert start == london(*day, 10)


@pytest.mark.parametrize(("day", "label", "utc_hour"), CLOCK_CHANGES)
def test_ten_oclock_stays_ten_oclock_on_page_email_and_ics(
    index, day, label, utc_hour, mailoutbox, django_capture_on_commit_callbacks
):
    surgery = make_surgery(index, title="Clock change clinic", start=london(*day, 10), end=london(*day, 12))
    stored = SurgeryPage.objects.get(pk=surgery.pk).start
    assert stored.astimezone(UTC).hour == utc_hour  # stored in UTC

    html = Client().get(surgery.url).content.decode()
    assert f"{label}, 10:00</time> to <time" in html
    assert "12:00</time>" in html

    with django_capture_on_commit_callbacks(execute=True):
        services.book(surgery.pk, name="Pat", email="pat@example.org")
    (message,) = mailoutbox
    assert f"When: {label}, 10:00 to 12:00 (UK time)" in message.body
    assert_ten_to_twelve_london(event_of(message.attachments[0][1]), day)

    feed = event_of(Client().get("/surgeries/feed.ics").content)
    assert_ten_to_twelve_london(feed, day)


def test_past_clock_change_2026_shows_ten_oclock_and_its_ics_too(index):
    day = (2026, 10, 25)
    surgery = make_surgery(index, start=london(*day, 10), end=london(*day, 12))
    assert SurgeryPage.objects.get(pk=surgery.pk).start == datetime(2026, 10, 25, 10, tzinfo=UTC)
    html = Client().get(surgery.url).content.decode()
    assert "Sunday 25 October 2026, 10:00</time>" in html
    booking = BookingFactory(surgery=surgery)
    assert_ten_to_twelve_london(event_of(booking_calendar(booking)), day)


def test_admin_enters_london_time_and_it_is_stored_in_utc(index):
    """The editor types 10:00 on the day the clocks go forward; it is 09:00 UTC."""
    form_class = SurgeryPage.get_edit_handler().get_form_class()
    page = SurgeryPage(title="Typed in", slug="typed-in")
    form = form_class(
        {
            "title": "Typed in",
            "slug": "typed-in",
            "start": "2027-03-28 10:00",
            "end": "2027-03-28 12:00",
            "status": "scheduled",
            "format": "in_person",
            "venue": "Town hall",
            "audience": "both",
            "capacity": "10",
        },
        instance=page,
        for_user=None,
        parent_page=index,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start"] == datetime(2027, 3, 28, 9, tzinfo=UTC)
