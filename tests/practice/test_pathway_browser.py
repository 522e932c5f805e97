"""In a real browser: from the home page's "I'm stuck with…" to a barrier's pathway, to booking a
place at a surgery run by a mentor who knows the topic; axe-core on the home page, the barrier
page and /impact/."""

import pytest

from surgeries.models import ImpactPage
from tests.factories import TopicFactory
from tests.practice.knowledge_factories import BarrierFactory, KnowledgeBaseIndexFactory
from tests.surgeries.factories import make_mentor, make_surgery, surgery_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pathway(home_page):
    twitter = TopicFactory(name="twitter")
    knowledge_base = KnowledgeBaseIndexFactory(parent=home_page)
    barrier = BarrierFactory(
        parent=knowledge_base,
        title="Nobody answers our tweets",
        summary="We post service updates on Twitter and nobody replies or shares them.",
        topics=[twitter],
        publish=True,
    )
    mentor = make_mentor(home_page, title="Amira Khan")
    mentor.topics.set([twitter])
    mentor.save_revision().publish()
    surgery = make_surgery(
        surgery_index(home_page),
        title="Twitter that people answer",
        capacity=5,
        mentors=[mentor],
        topics=[twitter],
    )
    impact = ImpactPage(title="Our impact", slug="impact", intro="What the help added up to.")
    home_page.add_child(instance=impact)
    impact.save_revision().publish()
    return barrier, surgery


def test_from_stuck_to_a_barrier_to_booking_a_surgery(browser_page, pathway, axe):
    barrier, surgery = pathway
    page = browser_page
    page.goto("/")
    axe(page)

    page.get_by_label("Or describe it in your own words").fill("nobody answers our tweets")
    page.get_by_role("button", name="Show me the way past it").click()
    assert page.locator("h1").inner_text() == barrier.title
    axe(page)

    panel = page.locator("section.who-can-help")
    assert "Amira Khan" in panel.inner_text()
    panel.get_by_role("link", name=f"Book a place at {surgery.title}").click()
    assert page.locator("h1").inner_text() == surgery.title

    page.get_by_label("Your name").fill("Pat Pathway")
    page.get_by_label("Your email address").fill("pat.pathway@example.org")
    page.get_by_role("button", name="Book a place").click()
    assert "Your place is booked" in page.locator(".messages").inner_text()
    assert "4 of 5 places left" in page.content()


def test_impact_report_has_no_axe_violations(browser_page, pathway, axe):
    browser_page.goto("/impact/")
    assert browser_page.locator("h1").inner_text() == "Our impact"
    axe(browser_page)
