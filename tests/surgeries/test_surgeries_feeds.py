"""The iCalendar feeds of upcoming surgeries: all of them, and one mentor's."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from surgeries.models import Format, SurgeryPage
from tests.surgeries.factories import BookingFactory, make_mentor, make_surgery

pytestmark = pytest.mark.django_db


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_feed_has_upcoming_surgeries_without_private_details(client, index):
    online = make_surgery(
        index, title="Online one", format=Format.ONLINE, joining_link="https://meet.example.org/feed-secret"
    )
    BookingFactory(surgery=online, name="Private Person", email="private@example.org")
    make_surgery(index, title="In person one")
    make_surgery(index, title="Called off", status=SurgeryPage.Status.CANCELLED)
    make_surgery(index, title="Last year", start=timezone.now() - timedelta(days=300))
    make_surgery(index, title="Draft", publish=False)

    response = client.get("/surgeries/feed.ics")
    found = events(response)
    assert set(found) == {
        "Social media surgery: Online one",
        "Social media surgery: In person one",
        "Social media surgery: Called off",
    }
    assert str(found["Social media surgery: Called off"]["STATUS"]) == "CANCELLED"
    body = response.content.decode()
    for private in ("feed-secret", "Private Person", "private@example.org"):
        assert private not in body


def test_mentor_feed_has_only_their_surgeries(client, index, home_page):
    carl, dana = make_mentor(home_page, title="Carl"), make_mentor(home_page, title="Dana")
    make_surgery(index, title="With Carl", mentors=[carl])
    make_surgery(index, title="With Dana", mentors=[dana])
    make_surgery(index, title="With both", mentors=[carl, dana])
    assert set(events(client.get(f"/surgeries/mentors/{carl.slug}/feed.ics"))) == {
        "Social media surgery: With Carl",
        "Social media surgery: With both",
    }
    assert set(events(client.get(f"/surgeries/feed.ics?mentor={dana.slug}"))) == {
        "Social media surgery: With Dana",
        "Social media surgery: With both",
    }


def test_unknown_mentor_feed_is_404(client, index):
    assert client.get("/surgeries/mentors/nobody/feed.ics").status_code == 404
    assert client.get("/surgeries/feed.ics?mentor=" + "x" * 3000).status_code == 404


def test_feed_query_count_does_not_grow(client, index, home_page, django_assert_max_num_queries):
    mentor = make_mentor(home_page)
    make_surgery(index, mentors=[mentor])
    with django_assert_max_num_queries(15) as small:
        client.get("/surgeries/feed.ics")
    for _ in range(10):
        make_surgery(index, mentors=[mentor])
    with django_assert_max_num_queries(15) as large:
        client.get("/surgeries/feed.ics")
    assert len(large.captured_queries) == len(small.captured_queries)
