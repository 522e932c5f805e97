"""Finding a mentor and messaging them in a real browser, with and without JavaScript; axe-core."""

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from tests.factories import CouncilFactory, PlatformFactory, TopicFactory
from tests.practice.mentor_factories import MentorPageFactory, make_mentor_index, make_photo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mentors(home_page):
    cache.clear()
    index = make_mentor_index(home_page, intro="Find someone who has solved your problem before.")
    twitter, video = TopicFactory(name="twitter"), TopicFactory(name="video")
    youtube = PlatformFactory(name="YouTube", slug="youtube")
    lewisham = CouncilFactory(name="London Borough of Lewisham")
    MentorPageFactory(
        parent=index, title="Priya Shah", topics=[twitter], contact_email="priya@mentors.example"
    )
    aisha = MentorPageFactory(
        parent=index,
        title="Aisha Okafor",
        council=lewisham,
        topics=[video, twitter],
        platforms=[youtube],
        photo=make_photo("Aisha"),
        offers_calls=True,
        contact_email="aisha@mentors.example",
        revision=True,
    )
    yield aisha
    cache.clear()


def find_and_message(page):
    page.goto("/mentors/")
    page.select_option("#id_topic", "video")
    page.get_by_role("button", name="Show mentors").click()
    # The list is read only once the filtered page has loaded: a read taken while the new
    # document is still being parsed finds no cards at all.
    expect(page.locator(".mentor-card h3")).to_have_text(["Aisha Okafor"])
    page.get_by_role("link", name="Aisha Okafor").click()
    assert page.locator("h1").inner_text() == "Aisha Okafor"
    page.get_by_role("link", name="Message Aisha Okafor").click()
    page.get_by_label("Your name").fill("Jo Officer")
    page.get_by_label("Your email address").fill("jo.officer@example.gov.uk")
    page.get_by_label("What is it about?").select_option(label="video")
    page.get_by_label("Your message").fill("How do you subtitle short videos?")
    page.get_by_role("button", name="Send message").click()
    assert page.locator("h1").inner_text() == "Message sent"


def test_find_a_mentor_by_topic_and_send_a_message(browser_page, mentors, mailoutbox):
    find_and_message(browser_page)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["aisha@mentors.example"]
    assert mail.outbox[0].reply_to == ["jo.officer@example.gov.uk"]
    assert "How do you subtitle short videos?" in mail.outbox[0].body


def test_the_same_journey_works_without_javascript(no_js_page, mentors, mailoutbox):
    find_and_message(no_js_page)
    assert len(mail.outbox) == 1


def test_mentor_pages_have_no_axe_violations(browser_page, mentors, axe):
    browser_page.goto("/mentors/")
    axe(browser_page)
    browser_page.goto("/mentors/?topic=nope")
    assert "No listed mentor has the topic" in browser_page.locator(".error-summary").inner_text()
    axe(browser_page)
    browser_page.goto("/mentors/aisha-okafor/")
    axe(browser_page)
    browser_page.goto("/mentors/aisha-okafor/message/")
    axe(browser_page)
    browser_page.get_by_role("button", name="Send message").click()
    assert "Enter your name." in browser_page.locator(".error-summary").inner_text()
    axe(browser_page)
    browser_page.goto("/mentors/aisha-okafor/message/sent/")
    axe(browser_page)
