"""The "Who can help" panel: matching mentors (most help on this barrier first), their next
surgeries with places left and the right path to book, in a bounded number of queries; and the
same panel fitted to a case study and to a mentor's profile."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from practice.models import BarrierPage, MentorPage
from surgeries.models import Booking, HelpRecord
from tests.factories import TopicFactory
from tests.practice.case_study_factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.practice.knowledge_factories import BarrierFactory, KnowledgeBaseIndexFactory
from tests.surgeries.factories import BookingFactory, make_mentor, make_surgery, surgery_index

pytestmark = pytest.mark.django_db


def mentor_with(home_page, title, topics, publish=True):
    mentor = make_mentor(home_page, title=title)
    mentor.topics.set(topics)
    mentor.save_revision().publish()
    if not publish:
        mentor.unpublish()
    return mentor


def record_help(surgery, mentor, barrier, times=1):
    for _ in range(times):
        booking = BookingFactory(surgery=surgery, status=Booking.Status.ATTENDED)
        HelpRecord.objects.create(
            surgery=surgery, booking=booking, mentor=mentor, barrier=barrier, minutes=30
        )


def panel(html):
    match = re.search(r'<section class="section who-can-help".*?</section>', html, re.S)
    assert match, "no Who can help panel"
    return match.group(0)


@pytest.fixture
def scene(home_page):
    twitter, metrics = TopicFactory(name="twitter"), TopicFactory(name="metrics")
    kb = KnowledgeBaseIndexFactory(parent=home_page)
    barrier = BarrierFactory(parent=kb, title="Nobody answers tweets", topics=[twitter], publish=True)
    index = surgery_index(home_page)
    amira = mentor_with(home_page, "Amira Khan", [twitter])
    bob = mentor_with(home_page, "Bob Jones", [twitter, metrics])
    carol = mentor_with(home_page, "Carol Metrics", [metrics])
    hidden = mentor_with(home_page, "Dana Draft", [twitter], publish=False)
    now = timezone.now()
    past = make_surgery(index, title="Last month", start=now - timedelta(days=30), mentors=[amira, bob])
    record_help(past, bob, barrier, times=2)
    record_help(past, amira, barrier, times=1)
    surgeries = {
        "open": make_surgery(index, title="Open surgery", capacity=3, mentors=[amira]),
        "full": make_surgery(
            index, title="Full surgery", capacity=1, mentors=[bob], start=now + timedelta(days=3)
        ),
        "closed": make_surgery(
            index,
            title="Closed surgery",
            mentors=[amira],
            start=now + timedelta(days=2),
            booking_closes=now - timedelta(hours=1),
        ),
        "cancelled": make_surgery(index, title="Cancelled surgery", mentors=[bob], status="cancelled"),
        "other": make_surgery(index, title="Carol's surgery", mentors=[carol]),
        "hidden": make_surgery(index, title="Dana's surgery", mentors=[hidden]),
        "draft": make_surgery(index, title="Draft surgery", mentors=[amira], publish=False),
    }
    BookingFactory(surgery=surgeries["full"])
    BookingFactory(surgery=surgeries["open"])
    return {"barrier": BarrierPage.objects.get(pk=barrier.pk), "surgeries": surgeries, "past": past}


def test_barrier_panel_lists_exactly_matching_mentors_most_help_first(client, scene):
    html = panel(client.get(scene["barrier"].url).content.decode())
    mentors = re.findall(r'<ul class="who-can-help__mentors">(.*?)</ul>', html, re.S)[0]
    names = re.findall(r">([^<]+)</a>", mentors)
    assert names == ["Bob Jones", "Amira Khan"]
    assert "helped with this 2 times" in mentors and "helped with this 1 time)" in mentors


def test_barrier_panel_lists_upcoming_surgeries_with_the_right_path_to_book(client, scene):
    html = panel(client.get(scene["barrier"].url).content.decode())
    surgeries = scene["surgeries"]
    items = re.findall(r'<li class="who-can-help__surgery">(.*?)</li>', html, re.S)
    titles = [re.search(r">([^<]+)</a>", item).group(1) for item in items]
    assert titles == ["Closed surgery", "Full surgery", "Open surgery"]
    closed, full, open_ = items
    assert 'data-availability="closed"' in closed and "#book" not in closed
    assert 'data-availability="waitlist"' in full and "join the waitlist" in full
    assert f'href="{surgeries["full"].url}#book"' in full and "Book<" not in full
    assert 'data-availability="open"' in open_ and "2 places left" in open_
    assert f'href="{surgeries["open"].url}#book"' in open_
    for absent in ("Last month", "Cancelled surgery", "Carol&#x27;s surgery", "Dana", "Draft surgery"):
        assert absent not in html


def test_the_booking_link_leads_to_the_booking_form(client, scene):
    html = client.get(scene["surgeries"]["open"].url).content.decode()
    assert 'id="book"' in html and "<form" in html


def test_barrier_panel_lists_its_case_studies_too(client, scene):
    html = client.get(scene["barrier"].url).content.decode()
    assert "Councils that got past this" in html


def surgery_items(panel_html):
    """(title, availability) of each surgery in the panel, in the order shown."""
    items = re.findall(r'<li class="who-can-help__surgery">(.*?)</li>', panel_html, re.S)
    return [
        (re.search(r">([^<]+)</a>", item).group(1), re.search(r'data-availability="(\w+)"', item).group(1))
        for item in items
    ]


def test_mentor_profile_shows_the_barriers_they_helped_with_most(client, scene):
    bob = scene["past"].mentors.get(title="Bob Jones")
    html = panel(client.get(bob.url).content.decode())
    barriers = re.findall(r'<ul class="who-can-help__barriers">(.*?)</ul>', html, re.S)[0]
    assert re.findall(r">([^<]+)</a>", barriers) == ["Nobody answers tweets"]
    assert "(2 times)" in barriers
    # Only Bob's own upcoming surgery: not the past one, not the cancelled one, not Amira's.
    assert surgery_items(html) == [("Full surgery", "waitlist")]
    assert "join the waitlist" in html and "Book<" not in html
    for absent in ("Last month", "Cancelled surgery", "Open surgery"):
        assert absent not in html


@pytest.fixture
def case_study(scene, home_page):
    """A case study on metrics that got past the barrier (and past a draft barrier too).
    Carol has helped with that barrier three times, more than Bob."""
    metrics = TopicFactory(name="metrics")  # the scene's, found by its slug
    carol = MentorPage.objects.get(title="Carol Metrics")
    carols_past = make_surgery(
        surgery_index(home_page),
        title="Carol's last month",
        start=timezone.now() - timedelta(days=20),
        mentors=[carol],
    )
    record_help(carols_past, carol, scene["barrier"], times=3)
    draft_barrier = BarrierFactory(
        parent=scene["barrier"].get_parent(), title="Draft barrier", topics=[metrics], live=False
    )
    return CaseStudyPageFactory(
        parent=CaseStudyIndexPageFactory(parent=home_page),
        title="Counting replies in Kirklees",
        topics=[metrics],
        barriers=[scene["barrier"], draft_barrier],
        publish=True,
    )


def test_case_study_panel_lists_exactly_matching_mentors_barriers_and_upcoming_surgeries(
    client, scene, case_study
):
    """Mentors share the case study's topics (most help with the barriers it overcame first);
    their surgeries are upcoming only, and a full one offers the waitlist, not a booking."""
    html = client.get(case_study.url).content.decode()
    overcame = re.findall(r'<ul class="barrier-links">(.*?)</ul>', html, re.S)[0]
    assert re.findall(r'<a href="[^"]+">([^<]+)</a>', overcame) == ["Nobody answers tweets"]

    who = panel(html)
    assert '<h2 id="who-can-help-heading">Who can help</h2>' in who
    mentors = re.findall(r'<ul class="who-can-help__mentors">(.*?)</ul>', who, re.S)[0]
    # Carol (helped three times with the barrier) before Bob (twice); Amira and Dana know
    # twitter only, and Dana is not published.
    assert re.findall(r">([^<]+)</a>", mentors) == ["Carol Metrics", "Bob Jones"]
    assert "helped with this 3 times" in mentors and "helped with this 2 times" in mentors

    assert surgery_items(who) == [("Full surgery", "waitlist"), ("Carol&#x27;s surgery", "open")]
    full, carols = re.findall(r'<li class="who-can-help__surgery">(.*?)</li>', who, re.S)
    assert "join the waitlist" in full and "Book<" not in full
    assert f'href="{scene["surgeries"]["full"].url}#book"' in full
    assert "10 places left" in carols and f'href="{scene["surgeries"]["other"].url}#book"' in carols
    for absent in ("ast month", "Cancelled surgery", "Open surgery", "Closed surgery", "Dana", "Draft"):
        assert absent not in who


def _add_mentors(home_page, barrier, count):
    topic = barrier.tagged_topics.first().tag
    index = surgery_index(home_page)
    for number in range(count):
        mentor = mentor_with(home_page, f"Extra mentor {number}", [topic])
        make_surgery(index, title=f"Extra surgery {number}", mentors=[mentor])


def test_barrier_panel_queries_do_not_grow(client, scene, home_page, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(scene["barrier"].url).status_code == 200
        return len(ctx.captured_queries)

    queries()  # warm the site-root caches
    few = queries()
    _add_mentors(home_page, scene["barrier"], 10)
    more = queries()
    assert more == few, (few, more)
    with django_assert_max_num_queries(few):
        client.get(scene["barrier"].url)
