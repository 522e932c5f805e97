"""The home page's url_path routing (cms/routing.py) answers exactly as Wagtail's walk did."""

import pytest
from wagtail.models import PageViewRestriction

from tests.practice.knowledge_factories import FixFactory

pytestmark = pytest.mark.django_db


def test_a_page_two_levels_down_is_found(client, barrier):
    fix = FixFactory(parent=barrier)
    response = client.get(fix.url)
    assert response.status_code == 200
    assert response.context["page"].pk == fix.pk
    assert response.context["barrier"].pk == barrier.pk  # the parent, from the route


def test_a_routable_page_on_the_way_keeps_its_sub_routes(client, barrier):
    assert client.get(barrier.url + "we-face-this-too/").status_code in (302, 405)
    assert client.get("/barriers/feed/rss/").status_code == 200


def test_missing_pages_and_drafts_are_not_found(client, barrier):
    assert client.get(barrier.url + "no-such-fix/").status_code == 404
    assert client.get("/no-such-section/at-all/").status_code == 404
    fix = FixFactory(parent=barrier)
    url = fix.url
    fix.unpublish()
    assert client.get(url).status_code == 404


def test_a_private_section_still_asks_visitors_to_sign_in(client, barrier, member):
    fix = FixFactory(parent=barrier)
    PageViewRestriction.objects.create(page=barrier, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(fix.url).status_code == 302
    client.force_login(member)
    assert client.get(fix.url).status_code == 200


def test_a_subtree_with_stale_url_paths_is_still_found_by_its_slugs(client, barrier):
    """A slug changed without Wagtail's hooks (a data fix, loaddata) leaves children's url_path
    stale; Wagtail's walk still finds them, so ours must too."""
    from practice.models import BarrierPage

    fix = FixFactory(parent=barrier)
    BarrierPage.objects.filter(pk=barrier.pk).update(
        slug="renamed-barrier", url_path="/home/barriers/renamed-barrier/"
    )
    response = client.get(f"/barriers/renamed-barrier/{fix.slug}/")
    assert response.status_code == 200
    assert response.context["page"].pk == fix.pk
