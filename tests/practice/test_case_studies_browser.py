"""Case studies in a real browser: finding one with the filters, reading it, following a barrier
link; with and without JavaScript; axe-core on the index and a case study."""

import datetime

import pytest
from playwright.sync_api import expect

from cms.models import Council
from tests.factories import CouncilFactory, PlatformFactory, TopicFactory
from tests.practice.case_study_factories import (
    BarrierPageFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    KnowledgeBaseIndexPageFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(home_page):
    index = CaseStudyIndexPageFactory(parent=home_page, publish=True)
    knowledge_base = KnowledgeBaseIndexPageFactory(parent=home_page, publish=True)
    blocked = BarrierPageFactory(
        parent=knowledge_base,
        title="Social media sites are blocked at work",
        summary="Staff cannot see the sites residents use.",
        publish=True,
    )
    twitter = PlatformFactory(name="Twitter / X", slug="twitter")
    blogs = PlatformFactory(name="Blogs", slug="blogs")
    kirklees = CouncilFactory(
        name="Kirklees Council", kind=Council.Kind.METROPOLITAN, region=Council.Region.YORKSHIRE
    )
    norfolk = CouncilFactory(
        name="Norfolk County Council", kind=Council.Kind.COUNTY, region=Council.Region.EAST
    )
    metrics = TopicFactory(name="metrics")
    common = {"topics": [metrics], "publish": True}
    CaseStudyPageFactory(
        parent=index,
        title="Real-time feedback from Twitter",
        council=kirklees,
        platforms=[twitter],
        stage="transform",
        barriers=[blocked],
        published_date=datetime.date(2010, 12, 20),
        outcomes=[("Reports handled on Twitter", 2300, "responses")],
        **common,
    )
    CaseStudyPageFactory(
        parent=index,
        title="Finding a way through the blocks",
        council=norfolk,
        platforms=[twitter, blogs],
        stage="listen",
        barriers=[blocked],
        published_date=datetime.date(2009, 8, 3),
        outcomes=[("Staff given access", 740, "people_reached"), ("Saved", 1500, "money_saved")],
        body=[
            ("text", "<p>We listed what staff could reach.</p>"),
            ("quote", {"quote": "Show what you can.", "attribution": "Web team"}),
        ],
        lessons_learned="<ul><li>Find out what you can access through the blocks.</li></ul>",
        risks=[("risk", {"risk": "Bandwidth", "handling": "Access by role, reviewed after three months."})],
        **common,
    )
    CaseStudyPageFactory(
        parent=index,
        title="A blog for the budget",
        council=norfolk,
        platforms=[blogs],
        stage="participate",
        published_date=datetime.date(2011, 1, 24),
        **common,
    )
    return index


def filter_by_platform_and_stage(page):
    page.goto("/case-studies/")
    page.get_by_label("Platform").select_option("twitter")
    page.get_by_label("Stage").select_option("listen")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/case-studies/?platform=twitter&stage=listen")
    assert page.locator("#results-heading").inner_text() == "1 case study"


def test_find_a_case_study_read_it_and_follow_a_barrier(browser_page, site):
    filter_by_platform_and_stage(browser_page)
    browser_page.get_by_role("link", name="Finding a way through the blocks").click()
    assert browser_page.locator("h1").inner_text() == "Finding a way through the blocks"
    facts = browser_page.locator(".case-study__facts")
    assert "Norfolk County Council" in facts.inner_text()
    assert "£1,500" in browser_page.locator("table.outcomes").inner_text()

    browser_page.get_by_role("link", name="Social media sites are blocked at work").click()
    assert browser_page.locator("h1").inner_text() == "Social media sites are blocked at work"
    # ...and the barrier lists both case studies that overcame it, linking back.
    expect(browser_page.locator(".barrier-case-studies .card__title")).to_have_text(
        ["Real-time feedback from Twitter", "Finding a way through the blocks"]
    )


def test_filters_work_without_javascript(no_js_page, site):
    filter_by_platform_and_stage(no_js_page)
    no_js_page.get_by_role("link", name="Platform: Twitter / X (remove this filter)").click()
    assert no_js_page.locator("#results-heading").inner_text() == "1 case study"
    assert no_js_page.url.endswith("/case-studies/?stage=listen")


def test_filters_can_be_used_with_the_keyboard_alone(browser_page, site):
    browser_page.goto("/case-studies/")
    browser_page.get_by_label("Stage").focus()
    browser_page.keyboard.press("ArrowDown")  # a closed <select> changes value with the arrow keys
    browser_page.get_by_role("button", name="Apply filters").focus()
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_url("**/case-studies/?stage=*")
    assert browser_page.locator("#results-heading").inner_text() == "1 case study"


def test_index_has_no_axe_violations(browser_page, site, axe):
    browser_page.goto("/case-studies/")
    axe(browser_page)
    browser_page.goto("/case-studies/?platform=twitter&stage=participate&topic=nope")  # empty, with a notice
    assert "No case studies match" in browser_page.locator("#results-heading").inner_text()
    axe(browser_page)


def test_case_study_has_no_axe_violations(browser_page, site, axe):
    browser_page.goto("/case-studies/finding-a-way-through-the-blocks/")
    assert browser_page.locator("h1").inner_text() == "Finding a way through the blocks"
    axe(browser_page)
