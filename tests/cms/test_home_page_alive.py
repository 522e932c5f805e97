"""The home page shows what is alive: the stuck form, impact figures, upcoming surgeries with
places left, latest case studies, most-endorsed fixes and mentors; bounded queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from surgeries.impact import default_period, headline_figures
from surgeries.models import HelpRecord, ImpactPage
from tests.practice.case_study_factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.practice.knowledge_factories import BarrierFactory, FixFactory, KnowledgeBaseIndexFactory
from tests.surgeries.factories import BookingFactory, make_mentor, make_surgery, surgery_index

pytestmark = pytest.mark.django_db


def section(html, heading_id):
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


def populate(home_page, size, start=0):
    kb = KnowledgeBaseIndexFactory(parent=home_page, publish=True) if start == 0 else None
    from practice.models import KnowledgeBaseIndexPage

    kb = kb or KnowledgeBaseIndexPage.objects.get()
    cases = CaseStudyIndexPageFactory(parent=home_page) if start == 0 else None
    from practice.models import CaseStudyIndexPage

    cases = cases or CaseStudyIndexPage.objects.get()
    index = surgery_index(home_page)
    now = timezone.now()
    for n in range(start, start + size):
        barrier = BarrierFactory(parent=kb, title=f"Barrier {n}", publish=True)
        FixFactory(parent=barrier, title=f"Fix {n}", publish=True)
        CaseStudyPageFactory(parent=cases, title=f"Case {n}")
        mentor = make_mentor(home_page, title=f"Mentor {n}")
        make_surgery(
            index, title=f"Upcoming {n}", mentors=[mentor], capacity=5, start=now + timedelta(days=n + 1)
        )
        past = make_surgery(index, title=f"Past {n}", start=now - timedelta(days=n + 2))
        booking = BookingFactory(surgery=past, status="attended", name=f"Private Name {n}")
        HelpRecord.objects.create(surgery=past, booking=booking, mentor=mentor, barrier=barrier, minutes=30)


@pytest.fixture
def impact_page(home_page):
    page = ImpactPage(title="Our impact", slug="impact")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_home_page_shows_what_is_alive(client, home_page, impact_page):
    populate(home_page, 4)
    html = client.get("/").content.decode()
    assert 'action="/stuck/"' in html and "Barrier 0" in html
    figures = headline_figures(default_period())
    assert figures["surgeries"] == 4 and figures["people"] == 4
    assert f"<strong>{figures['people']}</strong> people helped" in html
    assert f"<strong>{figures['hours']}</strong> mentor hours" in html
    assert "/impact/" in html
    surgeries = section(html, "home-surgeries-heading")
    assert "Upcoming 0" in surgeries and "Upcoming 2" in surgeries and "Upcoming 3" not in surgeries
    assert "5 places left" in surgeries and "Past" not in surgeries
    assert "Case 3" in section(html, "home-cases-heading")
    assert "Fix 3" in section(html, "home-fixes-heading")
    assert "Mentor" in section(html, "home-mentors-heading")
    assert "Private Name" not in html


def test_a_full_surgery_shows_the_waitlist(client, home_page):
    index = surgery_index(home_page)
    full = make_surgery(index, title="Packed", capacity=1)
    BookingFactory(surgery=full)
    html = client.get("/").content.decode()
    assert "Full — <a" in html and "join the waitlist" in html


def test_home_page_queries_do_not_grow(client, home_page, impact_page):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/").status_code == 200
        return len(ctx.captured_queries)

    populate(home_page, 3)
    count()
    few = count()
    populate(home_page, 8, start=3)
    many = count()
    assert many == few, (few, many)


def test_featured_mentors_most_people_helped_first_newest_among_equals(home_page, django_assert_num_queries):
    from practice.models import MentorPage
    from practice.templatetags.home_tags import featured_mentors

    index = surgery_index(home_page)
    now = timezone.now()

    def mentor(title, helped, days_old, **fields):
        page = make_mentor(home_page, title=title, **fields)
        MentorPage.objects.filter(pk=page.pk).update(first_published_at=now - timedelta(days=days_old))
        if helped:
            past = make_surgery(index, mentors=[page], start=now - timedelta(days=3))
            for _ in range(helped):
                BookingFactory(surgery=past, status="attended")
        return page.title

    mentor("Older of two", 2, days_old=20)
    mentor("Newer of two", 2, days_old=10)
    mentor("Newest, nobody yet", 0, days_old=1)
    mentor("Most helped", 5, days_old=30)
    mentor("No surgeries offered", 9, days_old=5, offers_surgeries=False)

    # The view restrictions (read once for the whole page when rendering one), every candidate's
    # people helped, the mentors shown, their next surgeries.
    with django_assert_num_queries(4):
        shown = featured_mentors(limit=3)
    assert [(page.title, activity.people_helped) for page, activity in shown] == [
        ("Most helped", 5),
        ("Newer of two", 2),
        ("Older of two", 2),
    ]
    assert [page.title for page, _ in featured_mentors(limit=4)][3] == "Newest, nobody yet"
