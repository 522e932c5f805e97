"""The surgery index and a surgery's page: what people see, filters, the archive, query counts,
and that the joining link never appears."""

from datetime import timedelta

import pytest
from django.utils import timezone

from surgeries.models import Audience, Booking, Format, SurgeryPage
from tests.factories import TopicFactory
from tests.surgeries.factories import BookingFactory, make_mentor, make_surgery

pytestmark = pytest.mark.django_db


def test_index_lists_upcoming_soonest_first_with_places_left(client, index):
    later = make_surgery(index, title="Later surgery", start=timezone.now() + timedelta(days=20), capacity=12)
    sooner = make_surgery(index, title="Sooner surgery", start=timezone.now() + timedelta(days=2), capacity=2)
    make_surgery(index, title="Old surgery", start=timezone.now() - timedelta(days=20))
    for _ in range(8):
        BookingFactory(surgery=later)
    BookingFactory(surgery=later, status=Booking.Status.WAITLISTED)  # takes no place
    BookingFactory(surgery=later, status=Booking.Status.CANCELLED)
    BookingFactory(surgery=sooner)
    BookingFactory(surgery=sooner)

    response = client.get("/surgeries/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Sooner surgery") < html.index("Later surgery")
    assert "Old surgery" not in html
    assert "4 of 12 places left" in html
    assert "Full — join the waitlist" in html
    assert 'type="text/calendar"' in html


def test_past_surgeries_are_in_the_archive_latest_first(client, index):
    make_surgery(index, title="Last month", start=timezone.now() - timedelta(days=30))
    make_surgery(index, title="Last week", start=timezone.now() - timedelta(days=7))
    make_surgery(index, title="Next week")
    html = client.get("/surgeries/past/").content.decode()
    assert html.index("Last week") < html.index("Last month")
    assert "Next week" not in html
    assert "<h1>Past surgeries</h1>" in html


def test_filters_by_audience_format_topic_and_region(client, index):
    twitter = TopicFactory(name="twitter")
    make_surgery(
        index, title="Staff in Devon", audience=Audience.STAFF, region="south_west", topics=[twitter]
    )
    make_surgery(index, title="Public online", audience=Audience.PUBLIC, format=Format.ONLINE)
    make_surgery(
        index, title="Everyone hybrid", audience=Audience.BOTH, format=Format.HYBRID, region="london"
    )

    def titles(query):
        html = client.get(f"/surgeries/?{query}").content.decode()
        return {title for title in ("Staff in Devon", "Public online", "Everyone hybrid") if title in html}

    assert titles("audience=staff") == {"Staff in Devon", "Everyone hybrid"}
    assert titles("audience=public") == {"Public online", "Everyone hybrid"}
    assert titles("format=online") == {"Public online", "Everyone hybrid"}
    assert titles("format=in_person") == {"Staff in Devon", "Everyone hybrid"}
    assert titles("topic=twitter") == {"Staff in Devon"}
    assert titles("region=london") == {"Everyone hybrid"}
    assert titles("audience=public&format=hybrid") == {"Everyone hybrid"}


def test_a_long_listing_links_a_few_pages_around_the_current_one(client, index, monkeypatch):
    monkeypatch.setattr(type(index.specific), "PER_PAGE", 1)
    for day in range(1, 13):
        make_surgery(
            index, title=f"Surgery {day}", start=timezone.now() + timedelta(days=day), format=Format.ONLINE
        )
    html = client.get("/surgeries/?format=online&page=6").content.decode()
    assert '<nav aria-label="Pages of surgeries">' in html
    assert '<span aria-current="page"><span class="visually-hidden">Page </span>6</span>' in html
    assert 'href="?format=online&amp;page=5" rel="prev"' in html
    assert 'href="?format=online&amp;page=7" rel="next"' in html
    linked = {number for number in range(1, 13) if f'href="?format=online&amp;page={number}"' in html}
    assert linked == {1, 4, 5, 7, 8, 12}  # the ends and two either side; gaps between
    assert html.count('<span class="pagination__gap">…</span>') == 2


@pytest.mark.parametrize(
    "query",
    [
        "audience=nonsense",
        "format=%3Cscript%3E",
        "topic=" + "x" * 5000,
        "page=999",
        "page=abc",
        "region=mars",
    ],
)
def test_bad_filters_and_pages_never_error(client, index, query):
    make_surgery(index, title="Still listed")
    response = client.get(f"/surgeries/?{query}")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_surgery_page_shows_details_in_london_time_and_the_booking_form(client, index, home_page):
    mentor = make_mentor(home_page, title="Carl Mentor")
    surgery = make_surgery(
        index,
        title="Facebook for community groups",
        description="Bring your laptop.",
        mentors=[mentor],
        topics=[TopicFactory(name="facebook")],
        capacity=12,
        walk_ins_welcome=True,
    )
    BookingFactory(surgery=surgery)
    html = client.get(surgery.url).content.decode()
    assert "<h1>Facebook for community groups</h1>" in html
    assert "11 of 12 places left" in html
    assert "10:00" in html and "12:00" in html and "(UK time)" in html
    assert "Carl Mentor" in html and "facebook" in html
    assert "Walk-ins" in html and "Welcome" in html
    assert "remove them 90 days after it" in html
    assert 'action="/surgeries/' in html and "Book a place" in html
    assert 'name="email"' in html


def test_staff_only_surgery_says_who_may_book(client, index):
    surgery = make_surgery(index, audience=Audience.STAFF)
    html = client.get(surgery.url).content.decode()
    assert "For council staff: book with your council email address." in html
    assert "Your council email address" in html


def test_full_surgery_offers_the_waitlist(client, index):
    surgery = make_surgery(index, capacity=1)
    BookingFactory(surgery=surgery)
    html = client.get(surgery.url).content.decode()
    assert "Full — join the waitlist" in html
    assert "Join the waitlist</button>" in html


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"status": SurgeryPage.Status.CANCELLED}, "This surgery has been cancelled."),
        ({"start": timezone.now() - timedelta(days=3)}, "This surgery has taken place."),
        ({"booking_closes": timezone.now() - timedelta(hours=1)}, "Booking has closed."),
        ({"booking_opens": timezone.now() + timedelta(days=2)}, "Booking opens on"),
    ],
)
def test_surgery_page_without_booking_says_why(client, index, fields, text):
    surgery = make_surgery(index, **fields)
    html = client.get(surgery.url).content.decode()
    assert text in html
    assert 'name="email"' not in html


def test_joining_link_is_never_on_a_public_page_feed_or_in_search_and_api_fields(client, index):
    surgery = make_surgery(index, format=Format.ONLINE, joining_link="https://meet.example.org/very-secret")
    BookingFactory(surgery=surgery, email="attendee@example.org")
    for url in ("/surgeries/", surgery.url, "/surgeries/feed.ics", "/surgeries/past/"):
        body = client.get(url).content.decode()
        assert "very-secret" not in body, url
    assert "joining_link" not in {field.field_name for field in SurgeryPage.search_fields}
    assert "joining_link" not in {field.name for field in SurgeryPage.api_fields}
    # The site search index holds only the indexed fields.
    assert not SurgeryPage.objects.live().search("very-secret")


def test_index_query_count_does_not_grow_with_surgeries_and_bookings(
    client, index, home_page, django_assert_max_num_queries
):
    mentor = make_mentor(home_page)
    topic = TopicFactory(name="blogging")

    def add(number):
        for _ in range(number):
            surgery = make_surgery(index, mentors=[mentor], topics=[topic])
            for _ in range(3):
                BookingFactory(surgery=surgery)

    add(2)
    with django_assert_max_num_queries(20) as small:
        assert client.get("/surgeries/").status_code == 200
    add(10)
    with django_assert_max_num_queries(20) as large:
        assert client.get("/surgeries/").status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_surgery_page_query_count_does_not_grow_with_bookings(
    client, index, home_page, django_assert_max_num_queries
):
    mentors = [make_mentor(home_page) for _ in range(2)]
    surgery = make_surgery(index, mentors=mentors, topics=[TopicFactory(name="video")], capacity=100)
    BookingFactory(surgery=surgery)
    with django_assert_max_num_queries(25) as small:
        assert client.get(surgery.url).status_code == 200
    for _ in range(40):
        BookingFactory(surgery=surgery)
    with django_assert_max_num_queries(25) as large:
        assert client.get(surgery.url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_index_is_in_the_menu_and_limited_to_one(index):
    from surgeries.models import SurgeryIndexPage

    assert index.show_in_menus and index.url == "/surgeries/"
    assert not SurgeryIndexPage.can_create_at(index.get_parent())
