"""Pages for the site search tests: a little of each page type this branch has, written like
the demo content (the knowledge base's "risk assessment" barrier and its fixes, mentors, an
about page), and helpers to read the results page."""

import re
from dataclasses import dataclass
from html import unescape

from django.utils import timezone
from django.utils.text import slugify

from cms.models import StandardPage
from practice.models import BarrierPage
from tests.factories import CouncilFactory, TopicFactory
from tests.practice.knowledge_factories import BarrierFactory, FixFactory, KnowledgeBaseIndexFactory
from tests.practice.mentor_factories import MentorPageFactory, make_mentor_index


def step(title, detail=""):
    return ("step", {"title": title, "detail": detail})


def make_standard_page(parent, title, intro="", body_text="Plain words about the site.", **fields):
    """A live standard page (pass ``live=False`` for a draft), added as Wagtail adds one in code."""
    if fields.get("live", True):
        fields.setdefault("first_published_at", timezone.now())
        fields.setdefault("last_published_at", fields["first_published_at"])
    page = StandardPage(
        title=title,
        slug=fields.pop("slug", slugify(title)),
        intro=intro,
        body=[("paragraph", f"<p>{body_text}</p>")],
        **fields,
    )
    parent.add_child(instance=page)
    return page


@dataclass
class SearchSite:
    knowledge_base: object
    risk_barrier: object
    blocked_barrier: object
    councillors_fix: object
    not_acting_fix: object
    mentor_index: object
    aisha: object
    tom: object
    about: object


def build_search_site(home_page):
    """Two barriers with fixes, two mentors and an about page, live and indexed."""
    risk, councillors, facebook, listening, access = (
        TopicFactory(name=name)
        for name in ("risk-assessment", "councillors", "facebook", "listening", "internet-access")
    )
    knowledge_base = KnowledgeBaseIndexFactory(parent=home_page)
    risk_barrier = BarrierFactory(
        parent=knowledge_base,
        title="Risk assessments used to keep control",
        slug="risk-assessments-used-to-keep-control",
        category=BarrierPage.Category.RISK,
        summary="A risk assessment becomes the reason to say no: it is used to re-assert officer "
        "control rather than to manage real risks.",
        description=[
            (
                "paragraph",
                "<p>In the 2009 session officers described risk management exercises that focused on "
                "what might go wrong if third parties placed content on social media sites, and noted "
                "that risk assessments were sometimes being used to re-assert officer control.</p>",
            )
        ],
        topics=[risk, councillors],
    )
    blocked_barrier = BarrierFactory(
        parent=knowledge_base,
        title="Social media sites are blocked at work",
        slug="blocked-internet-access",
        category=BarrierPage.Category.TECHNOLOGY,
        summary="Council networks block the sites where residents talk, so staff cannot see, try or "
        "show the tools they are asked to consider.",
        topics=[access],
    )
    councillors_fix = FixFactory(
        parent=risk_barrier,
        title="Get councillors involved",
        slug="get-councillors-involved",
        summary="Sometimes councillors want this more than officers do: bring them in, and the risk "
        "conversation changes.",
        steps=[
            step("Find the councillors already using social media, or curious about it"),
            step(
                "Involve them early, when the risk assessment is being written",
                "<p>Elected members can weigh the democratic risk of not being in the conversation.</p>",
            ),
            step("Ask them to champion a first, small use of the tools"),
        ],
        where_it_worked="Raised in the LocalGovCamp 2009 session.",
        topics=[councillors, risk],
    )
    not_acting_fix = FixFactory(
        parent=risk_barrier,
        title="Put the risk of not acting in the assessment",
        slug="show-the-dangers-of-not-acting",
        summary="Show the dangers of staying out: a false or wrong Facebook group about a council "
        "service is a risk too.",
        steps=[
            step(
                "Search for what is already being said about the service",
                "<p>The session's example was a Facebook group that was false or wrong.</p>",
            ),
            step("Add “we are not there to answer it” to the risk register"),
            step("Compare it honestly with the risks of taking part"),
        ],
        topics=[risk, facebook, listening],
    )
    mentor_index = make_mentor_index(home_page)
    aisha = MentorPageFactory(
        parent=mentor_index,
        title="Aisha Okafor",
        role="Youth services digital lead",
        council=CouncilFactory(name="London Borough of Lewisham"),
        bio="<p>Aisha wrote Lewisham's safeguarding guidance for working with young people online.</p>",
        topics=[facebook],
        offers_calls=True,
        contact_email="aisha.okafor@zqxjprivate.example",
    )
    tom = MentorPageFactory(
        parent=mentor_index,
        title="Tom Hedley",
        role="ICT security adviser",
        council=CouncilFactory(name="Northumberland County Council"),
        bio="<p>Tom helped unblock social sites for 5,000 staff with an acceptable-use policy.</p>",
        topics=[access],
        contact_email="tom.hedley@zqxjprivate.example",
    )
    about = make_standard_page(
        home_page,
        "About Practice Hub",
        intro="Councils learning from each other how to use social media well.",
        slug="about",
    )
    return SearchSite(
        knowledge_base=knowledge_base,
        risk_barrier=risk_barrier,
        blocked_barrier=blocked_barrier,
        councillors_fix=councillors_fix,
        not_acting_fix=not_acting_fix,
        mentor_index=mentor_index,
        aisha=aisha,
        tom=tom,
        about=about,
    )


# --- reading the results page ------------------------------------------------------------------

_RESULT = re.compile(r'<li class="search-result">(.*?)</li>\s*(?=<li class="search-result">|</ol>)', re.S)
_TITLE = re.compile(r'<h3 class="search-result__title"><a href="([^"]*)">(.*?)</a></h3>', re.S)
_TYPE = re.compile(r'<p class="search-result__type">(.*?)</p>', re.S)


def result_titles(html):
    """The titles of the (non-promoted) results, in order."""
    return [unescape(_TITLE.search(item).group(2)) for item in _RESULT.findall(html)]


def result_item(html, title):
    """The HTML of the result titled ``title``."""
    for item in _RESULT.findall(html):
        if unescape(_TITLE.search(item).group(2)) == title:
            return item
    raise AssertionError(f"No result titled {title!r} in {result_titles(html)}")


def result_types(html):
    return [unescape(_TYPE.search(item).group(1)) for item in _RESULT.findall(html)]


def results_html(html):
    """The part of the page between the results heading and the end of the results list."""
    start = html.index('id="search-results-heading"')
    return html[start : html.index("</section>", start)]
