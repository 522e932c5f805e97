"""Surgeries in the site search: only upcoming, scheduled surgeries are found, and a joining link
never appears. Surgeries live on another branch: these tests are skipped until it is merged, then
hold the merge to its promise (``SurgeryPage.filter_search_results``, see cms/search/views.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.cms.site_search_factories import result_titles

surgery_factories = pytest.importorskip(
    "tests.surgeries.factories", reason="the surgeries app's pages are not on this branch yet"
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def surgeries(home_page):
    from surgeries.models import Format, SurgeryPage

    index = surgery_factories.surgery_index(home_page)
    now = timezone.now()
    make = surgery_factories.make_surgery
    return {
        "upcoming": make(
            index,
            title="Quarry surgery online",
            format=Format.ONLINE,
            joining_link="https://meet.example.org/zqxjroom-upcoming",
            description="Bring your quarry questions.",
        ),
        "past": make(
            index,
            title="Quarry surgery last month",
            start=now - timedelta(days=30),
            end=now - timedelta(days=30) + timedelta(hours=2),
        ),
        "cancelled": make(index, title="Quarry surgery cancelled", status=SurgeryPage.Status.CANCELLED),
    }


def test_only_upcoming_scheduled_surgeries_are_found(client, surgeries):
    html = client.get("/search/", {"q": "quarry surgery"}).content.decode()

    assert result_titles(html) == ["Quarry surgery online"]
    assert 'Surgeries <span class="search-facets__count">(1)</span>' in html


def test_a_joining_link_is_never_shown_or_searchable(client, surgeries):
    html = client.get("/search/", {"q": "quarry surgery online"}).content.decode()

    assert "Quarry surgery online" in result_titles(html)
    assert "zqxjroom" not in html and "meet.example.org" not in html
    assert result_titles(client.get("/search/", {"q": "zqxjroom"}).content.decode()) == []
