"""A busy morning of bookings forgets pages (places left must be right) but not the parts only
content can change: the case-study listing, a barrier's ranked fixes, routes. They are kept by
the version less the bumps made only for bookings, attendance, help records and feedback, which
every other change moves on (a bump by older code during a deploy too)."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.cache import ACTIVITY_MODELS, content_changed, remember
from cms.models import ContentVersion, Topic
from practice.case_study_filters import CaseStudyFinder
from surgeries import feedback as feedback_answers
from surgeries import services
from surgeries.models import Booking, SurgeryFeedback
from tests.factories import UserFactory
from tests.practice.case_study_factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.surgeries.factories import BookingFactory, make_surgery, surgery_index

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("fragment_cache_on")]


def counters():
    """(the version pages are kept by, the count timeless parts are kept by)."""
    row = ContentVersion.objects.get(pk=1)
    return row.value, row.value - row.activity_bumps


def page_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.fixture
def listings_worked_out(monkeypatch):
    """How many times the case-study finder has worked out a listing."""
    made = []
    original = CaseStudyFinder.__init__

    def counted(self, *args, **kwargs):
        made.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(CaseStudyFinder, "__init__", counted)
    return made


def test_the_activity_models_are_real_models():
    assert all(apps.get_model(label) for label in ACTIVITY_MODELS)


def test_a_booking_shows_places_left_at_once_and_keeps_the_case_study_listing(
    home_page, listings_worked_out, settings
):
    settings.PAGE_CACHE_SECONDS = 300  # visitors' pages stored whole, as in production
    member = Client()
    member.force_login(UserFactory())
    case_studies = CaseStudyIndexPageFactory(parent=home_page)
    CaseStudyPageFactory(parent=case_studies, title="Ofqual's blog pilot")
    surgery = make_surgery(surgery_index(home_page), title="Facebook for parish councils", capacity=2)
    assert "Ofqual" in page_of(member, case_studies.url)
    assert "2 of 2 places left" in page_of(member, surgery.url)
    visitor_page = Client().get(surgery.url)
    assert "2 of 2 places left" in visitor_page.content.decode()
    assert Client().get(surgery.url)["X-Page-Cache"] == "hit"  # a visitor's page is stored
    assert len(listings_worked_out) == 1

    value, content_value = counters()
    services.book(surgery.pk, name="Pat", email="pat@example.org")

    assert counters() == (value + 1, content_value)
    assert "1 of 2 places left" in page_of(member, surgery.url)
    assert "1 of 2 places left" in page_of(Client(), surgery.url)  # the stored page is forgotten
    assert "Ofqual" in page_of(member, case_studies.url)
    assert len(listings_worked_out) == 1  # the listing came from the cache

    CaseStudyPageFactory(parent=case_studies, title="Devon's internal social network", publish=True)

    listing = page_of(member, case_studies.url)
    assert "Ofqual" in listing and "Devon" in listing
    assert len(listings_worked_out) == 2


def test_cancelling_promotes_the_waitlist_and_keeps_timeless_parts(home_page):
    surgery = make_surgery(surgery_index(home_page), capacity=1)
    first = services.book(surgery.pk, name="Pat", email="pat@example.org")
    waiting = services.book(surgery.pk, name="Sam", email="sam@example.org")
    assert Booking.objects.get(pk=waiting.pk).status == Booking.Status.WAITLISTED
    value, content_value = counters()

    services.cancel(first.pk)

    assert Booking.objects.get(pk=waiting.pk).status == Booking.Status.CONFIRMED
    assert counters() == (value + 1, content_value)  # the cancellation and the promotion: one bump


def test_help_records_and_feedback_answers_keep_timeless_parts(home_page):
    surgery = make_surgery(surgery_index(home_page), start=timezone.now() - timedelta(hours=3))
    booking = BookingFactory(surgery=surgery)
    SurgeryFeedback.objects.create(booking=booking)
    value, content_value = counters()

    services.record_help(booking, minutes=20)
    assert counters() == (value + 1, content_value)
    feedback, stored = feedback_answers.record_answer(feedback_answers.make_token(booking.pk, "yes"))
    assert stored and counters() == (value + 2, content_value)


def test_a_bump_by_older_code_forgets_timeless_parts(home_page):
    """During a deploy, workers still on the code before this counter raise the version alone."""
    worked_out = []

    def listing():
        worked_out.append(1)
        return "case studies"

    remember(None, "listing", listing, timeless=True)
    ContentVersion.objects.filter(pk=1).update(value=F("value") + 1)
    remember(None, "listing", listing, timeless=True)
    assert len(worked_out) == 2


@pytest.mark.parametrize("booking_first", [True, False])
def test_a_transaction_that_also_changes_content_forgets_timeless_parts(home_page, booking_first):
    surgery = make_surgery(surgery_index(home_page))
    value, content_value = counters()

    with transaction.atomic():
        if booking_first:
            BookingFactory(surgery=surgery)
        Topic.objects.create(name="Instagram", slug="instagram")
        if not booking_first:
            BookingFactory(surgery=surgery)

    assert counters() == (value + 1, content_value + 1)


def test_a_timeless_part_outlives_a_booking_and_a_timed_part_does_not(home_page):
    surgery = make_surgery(surgery_index(home_page))
    worked_out = []

    def part(name):
        def compute():
            worked_out.append(name)
            return name

        return compute

    def ask_both():
        remember(None, "timed", part("timed"))
        remember(None, "timeless", part("timeless"), timeless=True)

    ask_both()
    ask_both()
    assert worked_out == ["timed", "timeless"]

    services.book(surgery.pk, name="Pat", email="pat@example.org")
    ask_both()
    assert worked_out == ["timed", "timeless", "timed"]

    with transaction.atomic():
        content_changed()
    ask_both()
    assert worked_out == ["timed", "timeless", "timed", "timed", "timeless"]


def test_the_counters_are_read_in_the_one_query_for_the_version(home_page):
    surgery = make_surgery(surgery_index(home_page))
    services.book(surgery.pk, name="Pat", email="pat@example.org")
    member = Client()
    member.force_login(UserFactory())
    page_of(member, surgery.url)

    with CaptureQueriesContext(connection) as queries:
        page_of(member, surgery.url)

    version_reads = [query for query in queries.captured_queries if "cms_contentversion" in query["sql"]]
    assert len(version_reads) == 1 and "activity_bumps" in version_reads[0]["sql"]
