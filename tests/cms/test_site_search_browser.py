"""The site search in a real browser: searching from the header, filtering by type and opening a
result without JavaScript; axe-core on the search pages."""

import pytest
from playwright.sync_api import expect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.cms.site_search_factories import build_search_site
from tests.practice.knowledge_factories import BarrierFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def search_site(home_page):
    site = build_search_site(home_page)
    for number in range(10):  # enough risk barriers for a second page of results
        BarrierFactory(
            parent=site.knowledge_base,
            title=f"Risk register number {number}",
            summary="Another risk that keeps councils off social media.",
        )
    SearchPromotion.objects.create(
        query=Query.get("risk"), page=site.about, description="How Practice Hub works.", sort_order=0
    )
    return site


def test_search_from_the_header_filter_by_type_and_open_a_result(no_js_page, search_site):
    page = no_js_page
    page.goto("/")
    page.get_by_label("Search Practice Hub").fill("risk")
    page.get_by_label("Search Practice Hub").press("Enter")

    assert page.locator("h1").inner_text() == "Search"
    assert page.locator("#search-results-heading").inner_text() == "13 results for “risk”, page 1 of 2"
    assert (
        page.get_by_label("Search case studies, barriers, fixes, mentors and surgeries").input_value()
        == "risk"
    )
    expect(page.locator(".search-promoted h3")).to_have_text(["About Practice Hub"])

    page.get_by_role("navigation", name="Filter by type").get_by_role("link", name="Fixes (2)").click()

    assert page.locator("#search-results-heading").inner_text() == "2 fixes match “risk”"
    expect(page.locator(".search-result__type")).to_have_text(["Fix", "Fix"])
    assert page.locator("[aria-current='true']").inner_text() == "Fixes (2)"

    page.get_by_role("link", name="Get councillors involved").click()

    assert page.locator("h1").inner_text() == "Get councillors involved"
    assert page.url.endswith(search_site.councillors_fix.url)


def test_the_search_pages_have_no_axe_violations(browser_page, search_site, axe):
    page = browser_page
    page.goto("/search/")
    axe(page)

    page.goto("/search/?q=risk")
    assert page.locator(".search-promoted").is_visible()
    assert page.locator("nav[aria-label='Pages of results']").is_visible()
    assert page.locator("mark").count() > 0
    axe(page)

    page.goto("/search/?q=risk&type=fix")
    axe(page)

    page.goto("/search/?q=councillo")
    assert page.get_by_text("Did you mean one of these?").is_visible()
    axe(page)


def test_on_a_narrow_screen_the_filters_come_before_the_results(browser_page, search_site):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/search/?q=risk")

    filters = page.locator(".search-facets").bounding_box()
    results = page.locator(".search-main").bounding_box()
    assert filters["y"] + filters["height"] <= results["y"]
    assert results["width"] <= 375
