"""In a real browser, as a signed-in member: from a barrier's topic chip to its topic page and
Follow, then a pledge for the member's council on the Charter of Engagement; axe-core on the
topic page and each charter page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.models import TopicFollow
from practice.models import CharterPledge
from tests.factories import CouncilFactory, TopicFactory, UserFactory
from tests.practice.case_study_factories import CaseStudyIndexPageFactory, CaseStudyPageFactory
from tests.practice.knowledge_factories import BarrierFactory, KnowledgeBaseIndexFactory
from tests.practice.test_knowledge_browser import sign_in
from tests.surgeries.factories import make_surgery, surgery_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def engage(home_page):
    """A barrier on Twitter, a Kirklees case study that got past it (the pledge's evidence), a
    surgery on Twitter, and a member of Kirklees."""
    twitter = TopicFactory(name="twitter")
    kirklees = CouncilFactory(name="Kirklees Council")
    barrier = BarrierFactory(
        parent=KnowledgeBaseIndexFactory(parent=home_page),
        title="Nobody answers our tweets",
        topics=[twitter],
        publish=True,
    )
    BarrierFactory(parent=barrier.get_parent(), title="Waiting for the corporate strategy", publish=True)
    case_study = CaseStudyPageFactory(
        parent=CaseStudyIndexPageFactory(parent=home_page),
        title="Real-time feedback from Twitter",
        council=kirklees,
        topics=[twitter],
        barriers=[barrier],
        publish=True,
    )
    make_surgery(surgery_index(home_page), title="Twitter that people answer", topics=[twitter])
    member = UserFactory(council=kirklees)
    return {"barrier": barrier, "case_study": case_study, "council": kirklees, "member": member}


def test_member_follows_a_topic_and_pledges_on_the_charter(browser_page, live_server, engage, axe):
    page = browser_page
    sign_in(page, live_server, engage["member"])

    page.goto(engage["barrier"].url)
    page.get_by_role("link", name="twitter", exact=True).click()
    assert page.locator("h1").inner_text() == "twitter"
    assert "Real-time feedback from Twitter" in page.content()
    assert "Twitter that people answer" in page.content()
    axe(page)

    page.get_by_role("button", name="Follow twitter").click()
    assert "You follow twitter" in page.locator(".messages").inner_text()
    assert page.get_by_role("button", name="Unfollow twitter").is_visible()
    assert list(TopicFollow.objects.values_list("user_id", "topic__slug")) == [
        (engage["member"].pk, "twitter")
    ]
    axe(page)

    page.goto("/charter/")
    assert "No council has pledged yet." in page.content()
    axe(page)
    page.get_by_role("link", name="Pledge for your council").click()
    assert page.locator("h1").inner_text() == "Pledge for your council"
    axe(page)

    due = timezone.localdate() + timedelta(days=120)
    page.get_by_label("Nobody answers our tweets").check()
    page.get_by_label("By when").fill(due.strftime("%d/%m/%Y"))
    page.get_by_label("Who is responsible").fill("The chief executive")
    page.get_by_label("Your pledge, in plain words").fill("We will answer every tweet within a day.")
    page.get_by_role("button", name="Make the pledge").click()

    assert page.locator("h1").inner_text() == "Kirklees Council's pledges"
    assert "Your council's pledge is on the charter." in page.locator(".messages").inner_text()
    pledge = CharterPledge.objects.get()
    assert (pledge.council, pledge.pledged_by, pledge.due_date) == (
        engage["council"],
        engage["member"],
        due,
    )
    assert [barrier.pk for barrier in pledge.barriers.all()] == [engage["barrier"].pk]
    # Progress: the council's case study on the barrier is linked as evidence.
    page.get_by_role("link", name="Real-time feedback from Twitter").wait_for()
    axe(page)

    page.goto("/charter/")
    page.get_by_role("link", name="Kirklees Council").wait_for()
    axe(page)
    page.goto(engage["barrier"].url)
    assert "Councils pledged to tackle this" in page.content()
