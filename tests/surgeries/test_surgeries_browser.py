"""In a real browser: book a place, open the manage link from the email, cancel; and
axe-core finds nothing on the index, a surgery page, the booking form and the manage page."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail

from surgeries.models import Audience, Booking, Format
from tests.factories import TopicFactory
from tests.surgeries.factories import make_mentor, make_surgery, surgery_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def surgeries(home_page):
    index = surgery_index(home_page)
    mentor = make_mentor(home_page, title="Carl Mentor")
    topics = [TopicFactory(name="twitter"), TopicFactory(name="young-people")]
    main = make_surgery(
        index,
        title="Twitter for service updates",
        description="Bring your questions about tweeting service updates.",
        mentors=[mentor],
        topics=topics,
        capacity=12,
        walk_ins_welcome=True,
    )
    make_surgery(
        index, title="Staff online clinic", audience=Audience.STAFF, format=Format.ONLINE, mentors=[mentor]
    )
    make_surgery(index, title="Full hybrid session", format=Format.HYBRID, capacity=1)
    return main


def manage_path_from_email():
    body = mail.outbox[-1].body
    return urlparse(re.search(r"https?://\S+/surgeries/booking/\S+/", body).group(0)).path


def test_book_open_the_link_from_the_email_and_cancel(browser_page, surgeries, axe, mailoutbox):
    page = browser_page
    page.goto("/surgeries/")
    axe(page)
    page.get_by_role("link", name="Twitter for service updates").click()
    assert page.locator("h1").inner_text() == "Twitter for service updates"
    assert "12 of 12 places left" in page.content()
    axe(page)

    page.get_by_label("Your name").fill("Pat Browser")
    page.get_by_label("Your email address").fill("pat.browser@example.org")
    page.get_by_label("Your council or organisation (optional)").fill("Frome Town Council")
    page.get_by_label("twitter").check()
    page.get_by_role("button", name="Book a place").click()
    assert "Your place is booked" in page.locator(".messages").inner_text()
    assert "11 of 12 places left" in page.content()

    page.goto(manage_path_from_email())
    assert page.locator("h1").inner_text() == "Your booking"
    assert "Your place is confirmed" in page.content()
    axe(page)
    page.get_by_role("button", name="Cancel my booking").click()
    assert page.locator("h1").inner_text() == "Your booking is cancelled"
    assert Booking.objects.get().status == "cancelled"
    axe(page)


def test_booking_form_with_errors_has_no_axe_violations(browser_page, surgeries, axe):
    page = browser_page
    page.goto(surgeries.url)
    page.get_by_label("Your name").fill("<b>Bold</b>")
    page.get_by_label("Your email address").fill("not-an-email")
    page.get_by_role("button", name="Book a place").click()
    summary = page.locator(".error-summary").inner_text()
    assert "Enter an email address in the right format" in summary
    assert "plain text" in summary
    assert page.get_by_label("Your name").input_value() == "<b>Bold</b>"  # kept, escaped, to correct
    axe(page)
    assert Booking.objects.count() == 0


def test_booking_works_without_javascript(no_js_page, surgeries):
    page = no_js_page
    page.goto(surgeries.url)
    page.fill("#id_name", "No Script")
    page.fill("#id_email", "noscript@example.org")
    page.get_by_role("button", name="Book a place").click()
    assert "Your place is booked" in page.locator(".messages").inner_text()
    assert Booking.objects.get().email == "noscript@example.org"


def test_past_archive_and_filters_have_no_axe_violations(browser_page, surgeries, axe):
    browser_page.goto("/surgeries/?audience=staff&format=online")
    assert "Staff online clinic" in browser_page.content()
    assert "Twitter for service updates" not in browser_page.content()
    axe(browser_page)
    browser_page.goto("/surgeries/past/")
    axe(browser_page)
