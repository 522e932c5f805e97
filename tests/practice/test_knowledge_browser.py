"""The knowledge base in a real browser: endorsing without JavaScript, and axe-core."""

from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

from cms.models import Council
from practice.models import BarrierPage, FixEndorsement
from tests.factories import CouncilFactory, TopicFactory, UserFactory
from tests.practice.knowledge_factories import (
    BarrierAffectedFactory,
    BarrierFactory,
    FixEndorsementFactory,
    FixFactory,
    KnowledgeBaseIndexFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content(home_page):
    """A small knowledge base: two barriers in two categories, fixes with endorsements."""
    knowledge_base = KnowledgeBaseIndexFactory(parent=home_page)
    topic = TopicFactory(name="internet-access")
    devon = CouncilFactory(name="Devon County Council")
    barrier = BarrierFactory(
        parent=knowledge_base,
        title="Social media sites are blocked at work",
        slug="blocked-internet-access",
        category=BarrierPage.Category.TECHNOLOGY,
        summary="Council networks block the sites where residents talk.",
        description=[("paragraph", "<p>One of the fifty hurdles listed at LocalGovCamp 2009.</p>")],
        source="LocalGovCamp 2009 session notes",
        topics=[topic],
    )
    BarrierFactory(parent=knowledge_base, title="Waiting for the corporate strategy", category="culture")
    fix = FixFactory(
        parent=barrier,
        title="Show people what you can reach through the blocks",
        slug="show-what-you-can-reach",
        council=devon,
        steps=[
            ("step", {"title": "List what is reachable", "detail": "<p>Try each tool from your desk.</p>"}),
            ("callout", {"kind": "tip", "title": "Start small", "text": "<p>One useful tool is enough.</p>"}),
            ("step", {"title": "Show managers something working"}),
        ],
        topics=[topic],
    )
    FixFactory(parent=barrier, title="Host a proof of concept outside the network")
    FixEndorsementFactory(fix=fix, council=CouncilFactory(name="Kirklees Council"))
    BarrierAffectedFactory(barrier=barrier, council=devon)
    return {"knowledge_base": knowledge_base, "barrier": barrier, "fix": fix}


def sign_in(page, live_server, user):
    """Give the browser a signed-in session for ``user``, as signing in would."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    host = live_server.url.split("://")[1].split(":")[0]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "domain": host, "path": "/"}]
    )


def test_member_endorses_a_fix_without_javascript_and_the_count_changes(no_js_page, live_server, content):
    member = UserFactory(council=Council.objects.get(name="Devon County Council"))
    sign_in(no_js_page, live_server, member)
    no_js_page.goto(content["fix"].url)
    count = no_js_page.locator("#this-worked-for-us [data-endorse-count]")
    assert count.inner_text() == "1"
    button = no_js_page.get_by_role("button", name="This worked for us")
    assert button.get_attribute("aria-pressed") == "false"
    assert no_js_page.get_by_label("Your council (optional)").input_value() == str(member.council_id)

    button.click()

    no_js_page.wait_for_load_state()
    assert no_js_page.url.endswith("#this-worked-for-us")
    assert count.inner_text() == "2"
    assert "Thank you: you said this fix worked for you." in no_js_page.locator(".messages").inner_text()
    assert no_js_page.get_by_role("button", name="This worked for us").get_attribute("aria-pressed") == "true"
    assert FixEndorsement.objects.get(user=member).council_id == member.council_id

    no_js_page.get_by_role("button", name="This worked for us").click()
    no_js_page.wait_for_load_state()
    assert count.inner_text() == "1"
    assert not FixEndorsement.objects.filter(user=member).exists()


def test_with_javascript_the_count_changes_in_place(browser_page, live_server, content):
    member = UserFactory()
    sign_in(browser_page, live_server, member)
    browser_page.goto(content["barrier"].url)
    count = browser_page.locator("#we-face-this-too [data-endorse-count]")
    assert count.inner_text() == "1"
    browser_page.get_by_role("button", name="We face this too").click()
    browser_page.locator("#we-face-this-too [data-endorse-status]").get_by_text("Noted").wait_for()
    assert count.inner_text() == "2"
    assert browser_page.get_by_role("button", name="We face this too").get_attribute("aria-pressed") == "true"
    assert browser_page.locator(".messages").count() == 0  # no reload happened


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_knowledge_base_pages_have_no_axe_violations(browser_page, live_server, content, axe, signed_in):
    if signed_in:
        sign_in(browser_page, live_server, UserFactory())
    for url in [content["knowledge_base"].url, content["barrier"].url, content["fix"].url]:
        browser_page.goto(url)
        axe(browser_page)


def test_suggest_form_errors_have_no_axe_violations(browser_page, live_server, content, axe):
    sign_in(browser_page, live_server, UserFactory())
    browser_page.goto(content["barrier"].url)
    browser_page.get_by_role("button", name="Send my fix to the moderators").click()
    browser_page.locator(".error-summary").wait_for()
    axe(browser_page)
    browser_page.goto(content["knowledge_base"].url + "?topic=nothing-here")
    axe(browser_page)
