"""The parts of pages that are the same for everyone (listings, the header's sections, the site,
view restrictions) come from the fragment cache for members too, and are never stale: a booking,
a publish or a new restriction shows on the very next page."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from practice.services import endorsements
from surgeries import services
from tests.factories import UserFactory
from tests.practice.knowledge_factories import FixFactory, knowledge_base  # noqa: F401 (a fixture)
from tests.practice.knowledge_factories import barrier as barrier  # a fixture
from tests.practice.mentor_factories import MentorPageFactory, make_mentor_index
from tests.surgeries.factories import make_surgery, surgery_index

pytestmark = pytest.mark.django_db(transaction=True)


pytestmark = [pytestmark, pytest.mark.usefixtures("fragment_cache_on")]


@pytest.fixture
def member():
    client = Client()
    client.force_login(UserFactory())
    return client


def page_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_surgery_listing_shows_places_left_after_a_booking(member, home_page):
    index = surgery_index(home_page)
    surgery = make_surgery(index, title="Facebook for parish councils", capacity=2)
    assert "2 of 2 places left" in page_of(member, index.url)
    assert "2 of 2 places left" in page_of(member, index.url)  # now from the cache

    services.book(surgery.pk, name="Pat", email="pat@example.org")

    listing = page_of(member, index.url)
    assert "1 of 2 places left" in listing and "2 of 2 places left" not in listing


def test_the_mentor_listing_shows_a_newly_published_mentor(member, home_page):
    index = make_mentor_index(home_page)
    MentorPageFactory(parent=index, title="Alex First")
    assert "Alex First" in page_of(member, index.url)

    MentorPageFactory(parent=index, title="Bea Second", revision=True)

    listing = page_of(member, index.url)
    assert "Alex First" in listing and "Bea Second" in listing


def test_listings_are_kept_per_query(member, home_page):
    index = make_mentor_index(home_page)
    alex = MentorPageFactory(parent=index, title="Alex First", council__region="wales")
    MentorPageFactory(parent=index, title="Bea Second", council__region="london")
    assert "2 mentors" in page_of(member, index.url)
    filtered = page_of(member, index.url + f"?region={alex.council.region}")
    assert "1 mentor " in filtered and "Bea Second" not in filtered


def test_a_bad_filter_is_still_reported_when_the_listing_comes_from_the_cache(member, home_page):
    index = make_mentor_index(home_page)
    assert member.get(index.url + "?topic=no-such-topic").status_code == 400
    assert member.get(index.url + "?topic=no-such-topic").status_code == 400


@pytest.fixture
def endorser_and_other(barrier):
    """Two signed-in members: the first endorsed the barrier's one fix, the other did not."""
    fix = FixFactory(parent=barrier, title="Ask IT for a social media exception")
    one, other = UserFactory(), UserFactory()
    endorsements.toggle_fix_endorsement(fix, one)
    first, second = Client(), Client()
    first.force_login(one)
    second.force_login(other)
    return first, second


def test_a_members_own_endorsement_shows_although_the_ranked_fixes_are_shared(barrier, endorser_and_other):
    first, second = endorser_and_other
    assert "including you" in page_of(first, barrier.url)
    assert "including you" not in page_of(second, barrier.url)  # the same ranked list, cached
    assert "including you" in page_of(first, barrier.url)
    assert "including you" not in page_of(Client(), barrier.url)  # nor a visitor


def own_marks_asked(client, path):
    """Whether the page asked for the member's own endorsements on their own."""
    with CaptureQueriesContext(connection) as queries:
        page = page_of(client, path)
    return page, any('"practice_fixendorsement"."fix_id" IN' in query["sql"] for query in queries)


def test_the_member_who_ranks_the_fixes_afresh_keeps_their_mark_out_of_the_shared_list(
    barrier, endorser_and_other
):
    """The ranking worked out for a member carries their marks in the same query: those marks
    must reach only their own page, whoever reads the list next."""
    first, second = endorser_and_other
    caches["pages"].clear()
    page, asked = own_marks_asked(first, barrier.url)
    assert "including you" in page and not asked  # ranked afresh, marked in the same query
    page, asked = own_marks_asked(first, barrier.url)
    assert "including you" in page and asked  # the shared list, from the cache
    assert "including you" not in page_of(second, barrier.url)
    assert "including you" not in page_of(Client(), barrier.url)
    caches["pages"].clear()
    assert "including you" not in page_of(second, barrier.url)  # ranked afresh for the other
    assert "including you" in page_of(first, barrier.url)


def test_the_header_shows_a_newly_published_section(member, home_page):
    assert 'href="/impact/"' not in page_of(member, "/")
    from surgeries.models import ImpactPage

    impact = ImpactPage(title="Our impact", slug="impact", show_in_menus=True)
    home_page.add_child(instance=impact)
    impact.save_revision().publish()

    assert '<a href="/impact/">Our impact</a>' in page_of(member, "/")


def test_breadcrumbs_found_while_routing_match_the_tree(member, barrier):
    fix = FixFactory(parent=barrier, title="Ask IT for a social media exception")
    page = page_of(member, fix.url)
    trail = page[page.index('class="breadcrumbs"') :]
    trail = trail[: trail.index("</nav>")]
    expected = [ancestor.title for ancestor in fix.get_ancestors()[1:]]
    assert [part.split(">")[1] for part in trail.split("<a ")[1:]] == [f"{title}</a" for title in expected]


def route_lookups(client, path):
    """How many times serving ``path`` looked its pages up by url_path (cms/routing.py)."""
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return sum('"url_path" IN' in query["sql"] for query in queries.captured_queries)


def test_a_page_is_routed_from_the_cache_until_content_changes(member, barrier):
    fix = FixFactory(parent=barrier, title="Ask IT for a social media exception")
    assert route_lookups(member, fix.url) == 1
    assert route_lookups(member, fix.url) == 0
    assert "Ask IT for a social media exception" in page_of(member, fix.url)

    old_url = fix.url
    fix.slug = "ask-it-nicely"
    fix.save_revision().publish()

    moved = member.get(old_url)  # Wagtail's redirect to the new address, not the cached page
    assert moved.status_code == 301 and moved["Location"].endswith("/ask-it-nicely/")
    assert "Ask IT for a social media exception" in page_of(member, barrier.url + "ask-it-nicely/")
    fix.refresh_from_db()
    fix.unpublish()
    assert member.get(barrier.url + "ask-it-nicely/").status_code == 404


def test_made_up_addresses_are_not_kept(member, barrier):
    assert member.get(barrier.url + "no-such-fix/").status_code == 404
    assert route_lookups(member, barrier.url + "no-such-fix/") == 1  # looked up again, not kept

    def kept_routes():
        return [key for key in caches["pages"]._cache if ":route:" in key]

    assert kept_routes() == []
    page_of(member, barrier.url)
    assert len(kept_routes()) == 1  # an address that names a page is kept


PASSWORD_FORM = "Password required"


def test_a_new_restriction_applies_at_once(member, barrier):
    fix = FixFactory(parent=barrier)
    assert PASSWORD_FORM not in page_of(member, fix.url)
    assert PASSWORD_FORM not in page_of(member, fix.url)  # the site's restrictions now from the cache

    PageViewRestriction.objects.create(
        page=barrier, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    assert PASSWORD_FORM in page_of(member, fix.url)
    assert PASSWORD_FORM in page_of(Client(), barrier.url)


def test_an_alias_of_a_restricted_page_is_restricted_too(member, barrier, home_page):
    PageViewRestriction.objects.create(
        page=barrier, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    alias = barrier.create_alias(parent=home_page, update_slug="blocked-alias")
    assert PASSWORD_FORM in page_of(member, alias.url)
    assert PASSWORD_FORM in page_of(member, alias.url)


def test_a_changed_site_name_shows_at_once(member, home_page):
    page_of(member, "/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Practice Hub North"
    site.save()
    response = member.get("/")
    assert response.wsgi_request._wagtail_site.site_name == "Practice Hub North"


def test_each_member_gets_their_own_council_chosen_in_the_cached_endorsement_form(barrier):
    from tests.factories import CouncilFactory

    first_council, second_council = CouncilFactory(name="Aylesbury Vale"), CouncilFactory(name="Bolsover")
    first, second = Client(), Client()
    first.force_login(UserFactory(council=first_council))
    second.force_login(UserFactory(council=second_council))
    for client, council in ((first, first_council), (second, second_council), (first, first_council)):
        page = page_of(client, barrier.url)
        assert f'<option value="{council.pk}" selected>' in page


def test_a_refused_booking_never_leaves_its_answers_in_the_cached_form(home_page):
    surgery = make_surgery(surgery_index(home_page), title="Facebook for parish councils")
    page_of(Client(), surgery.url)  # the empty form's fields are now kept
    refused = Client().post(f"{surgery.url}book/", {"name": "Distinctive Name", "email": "not-an-email"})
    assert refused.status_code == 400 and "Distinctive Name" in refused.content.decode()
    assert "Distinctive Name" not in page_of(Client(), surgery.url)


def test_the_frame_of_a_page_outlives_a_scheduled_change_that_cannot_change_it(member, barrier, home_page):
    """A surgery starting changes what surgery listings say, not where a fix lives or which
    sections the header shows: those stay cached, the time-bound parts are worked out again."""
    fix = FixFactory(parent=barrier)
    starts = timezone.now() + timedelta(minutes=2)
    make_surgery(surgery_index(home_page), start=starts)
    page_of(member, fix.url)
    assert route_lookups(member, fix.url) == 0

    with time_machine.travel(starts + timedelta(seconds=1), tick=False):
        assert route_lookups(member, fix.url) == 0  # routed from the cache, past the start
        kept = [key for key in caches["pages"]._cache if ":route:" in key or ":navigation:" in key]
        assert kept


def test_a_part_that_shows_the_clock_is_forgotten_when_a_scheduled_change_passes(home_page):
    from cms.cache import remember

    starts = timezone.now() + timedelta(minutes=2)
    make_surgery(surgery_index(home_page), start=starts)
    worked_out = []

    def timed():
        worked_out.append("timed")
        return "upcoming surgeries"

    def timeless():
        worked_out.append("timeless")
        return "case studies"

    fragments = Template(
        '{% load content_cache %}{% cache_until_changed "timed" %}{{ timed }}{% end_cache_until_changed %}'
        '{% cache_until_changed "timeless" timeless %}{{ timeless }}{% end_cache_until_changed %}'
    )

    def render():
        return fragments.render(Context({"timed": timed, "timeless": timeless}))

    for _ in range(2):
        remember(None, "timed-part", timed)
        remember(None, "timeless-part", timeless, timeless=True)
        assert render() == "upcoming surgeriescase studies"
    assert worked_out == ["timed", "timeless"] * 2

    with time_machine.travel(starts + timedelta(seconds=1), tick=False):
        remember(None, "timed-part", timed)
        remember(None, "timeless-part", timeless, timeless=True)
        render()
    assert worked_out == ["timed", "timeless"] * 2 + ["timed", "timed"]
