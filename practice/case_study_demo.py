"""Demo case studies, grounded in the seed notes (LocalGovCamp 2009's "50 hurdles" session, the
Enhancing Local Democracy workshop, the Listen → Participate → Transform framework).

Three are the pilots the notes describe (Ofqual's report on a blog, Devon's internal network,
Brighton mapping what young people do online); the rest are illustrative stories of the kind
the sessions discussed, with illustrative figures. ``load_case_studies`` creates what is missing
and leaves what exists alone.
"""

import datetime
from decimal import Decimal

from cms.demo_content import ensure_child_page, get_home_page
from cms.models import Council, Platform, Topic

from .models import (
    BarrierPage,
    CaseStudyBarrier,
    CaseStudyIndexPage,
    CaseStudyOutcome,
    CaseStudyPage,
    CaseStudyTopic,
    KnowledgeBaseIndexPage,
    MentorPage,
)

INDEX_INTRO = (
    "What councils like yours actually did with social media: what they tried, what came of it, and "
    "the barriers they got past. The demonstration stories here draw on practitioners' notes from "
    "2009 and 2010; names of councils are real, details and figures are illustrative."
)

# The barriers the demo case studies overcame. The knowledge base's demo content owns barriers
# and uses these slugs: a barrier is found by slug, and only created (with the knowledge base's
# title and summary) when the knowledge base has not made it.
DEMO_BARRIERS = [
    (
        "blocked-internet-access",
        "Social media sites are blocked at work",
        BarrierPage.Category.TECHNOLOGY,
        "Council networks block the sites where residents talk, so staff cannot see, try or show the "
        "tools they are asked to consider.",
    ),
    (
        "risk-assessments-used-to-keep-control",
        "Risk assessments used to keep control",
        BarrierPage.Category.RISK,
        "A risk assessment becomes the reason to say no: it is used to re-assert officer control "
        "rather than to manage real risks.",
    ),
    (
        "fear-of-children-being-identified",
        "Fear that children and young people will be identified",
        BarrierPage.Category.SAFEGUARDING,
        "Service managers worry that children and young people will be identified, so even recordings "
        "of their voices are not allowed to be used.",
    ),
    (
        "dont-call-it-a-website",
        "It gets treated as “a website”",
        BarrierPage.Category.LANGUAGE,
        "Call it a website and it must be fixed, complete and signed off, and it ends up in the "
        "communications team's queue.",
    ),
    (
        "waiting-for-the-corporate-strategy",
        "Waiting for the corporate strategy",
        BarrierPage.Category.CULTURE,
        "Nothing can start until there is a corporate social media strategy, and changing that "
        "strategy is slow.",
    ),
    (
        "senior-managers-do-not-see-the-point",
        "Senior managers do not see the point",
        BarrierPage.Category.CULTURE,
        "The people who decide have not used social media and cannot see what it would do for their "
        "services.",
    ),
    (
        "no-link-to-what-the-council-is-trying-to-do",
        "No link to what the council is trying to achieve",
        BarrierPage.Category.CULTURE,
        "Social media looks like a side project because nobody has connected it to the vision and "
        "objectives the council already has.",
    ),
    (
        "no-evidence-anyone-is-there",
        "No evidence that residents are there",
        BarrierPage.Category.EVIDENCE,
        "Without numbers, managers assume local people are not on social media, and there is no "
        "empirical evidence to push further.",
    ),
    (
        "value-of-citizen-time-is-not-counted",
        "The business case cannot count what citizens contribute",
        BarrierPage.Category.EVIDENCE,
        "We know what a service costs to deliver ourselves, but not the value of citizens' time when "
        "they help deliver it, so co-production has no business case.",
    ),
    (
        "staff-lack-skills-and-confidence",
        "Staff lack the skills and confidence",
        BarrierPage.Category.SKILLS,
        "People have not used the tools themselves, and you can only understand their value by "
        "actually using them.",
    ),
    (
        "the-council-wants-to-control-the-space",
        "The council wants to control the conversation",
        BarrierPage.Category.CULTURE,
        "The council wants to own and control the social media space, so the ways residents can engage "
        "with it stay limited.",
    ),
    (
        "teams-work-in-silos",
        "Communications, engagement and democracy work in silos",
        BarrierPage.Category.RESOURCES,
        "Three teams deal with the public in parallel and separately, so the council's voice online is "
        "out of step and skills stay where they are.",
    ),
]


def text(*paragraphs):
    return ("text", "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs))


def quote(words, attribution):
    return ("quote", {"quote": words, "attribution": attribution})


def risk(what, handling):
    return ("risk", {"risk": what, "handling": handling})


CASE_STUDIES = [
    {
        "slug": "chief-regulators-report-on-a-blog",
        "title": "The Chief Regulator's report, published as a blog",
        "council": "Ofqual",
        "service_area": "Corporate communications",
        "platforms": ["blogs"],
        "stage": CaseStudyPage.Stage.PARTICIPATE,
        "date": datetime.date(2009, 6, 20),
        "summary": (
            "Ofqual put the Chief Regulator's annual report on a blog as a proof of concept, hosted "
            "outside the organisation's network to get past the IT restrictions, so that readers could "
            "comment on each section."
        ),
        "body": [
            text(
                "An annual report is usually a PDF nobody answers. The team asked what would happen if "
                "each chapter were a blog post that readers could comment on.",
                "The internal servers would not host a blog, so the pilot was hosted externally as a "
                "proof of concept, and moved to an internal test server once it had shown its worth.",
            ),
            quote(
                "Did it as proof of concept. Hosted externally to get around it.", "LocalGovCamp notes, 2009"
            ),
        ],
        "outcomes": [
            ("Readers of the report in its first month", Decimal(4200), CaseStudyOutcome.Unit.PEOPLE_REACHED),
            ("Comments on chapters", Decimal(138), CaseStudyOutcome.Unit.RESPONSES),
            ("Design and print costs avoided", Decimal(6500), CaseStudyOutcome.Unit.MONEY_SAVED),
        ],
        "lessons": "<ul><li>Call it a pilot and give it an end date: it is easier to say yes to.</li>"
        "<li>Host it where you can, then bring it inside once it has earned its place.</li></ul>",
        "risks": [
            risk(
                "Hosting outside the organisation's network",
                "Only published material went on the blog, and no personal data was collected beyond "
                "a commenter's chosen name.",
            ),
            risk("Hostile or off-topic comments", "A short moderation policy was published before launch."),
        ],
        "barriers": ["blocked-internet-access", "dont-call-it-a-website"],
        "topics": ["blogging", "internet-access"],
    },
    {
        "slug": "internal-social-network-pilot",
        "title": "An internal social network, tied to the council's strategy",
        "council": "Devon County Council",
        "service_area": "Organisational development",
        "platforms": ["internal-network", "blogs"],
        "stage": CaseStudyPage.Stage.TRANSFORM,
        "date": datetime.date(2009, 9, 14),
        "summary": (
            "Devon's web team read the corporate strategy, found the commitments social tools could "
            "serve, and ran an internal social networking pilot to show the connection to the top of "
            "the organisation."
        ),
        "body": [
            text(
                "Rather than wait for a social media strategy, the team became the link between what the "
                "business strategy already said and the opportunities on the ground.",
                "They set up an internal network for staff working on the same problems in different "
                "services, and used what the pilot taught them to put the real barriers in front of chief "
                "officers.",
            ),
            quote(
                "Be persistent, be shameless: promote it, explain it, and say that if we don't do it we're "
                "not delivering on our strategy.",
                "Carl Haggerty, Devon County Council",
            ),
        ],
        "outcomes": [
            ("Staff who joined the network", Decimal(1350), CaseStudyOutcome.Unit.PEOPLE_REACHED),
            ("Staff hours saved finding answers", Decimal(900), CaseStudyOutcome.Unit.STAFF_HOURS_SAVED),
        ],
        "lessons": "<ul><li>Read your strategy and draw on what is already in it.</li>"
        "<li>Understand the chief executive's priorities and show how the pilot serves them.</li>"
        "<li>Persistence is the key.</li></ul>",
        "risks": [
            risk(
                "Staff spending work time chatting",
                "The pilot measured time saved finding answers and colleagues, and reported it.",
            ),
        ],
        "barriers": ["no-link-to-what-the-council-is-trying-to-do", "waiting-for-the-corporate-strategy"],
        "topics": ["internal-networks", "strategy", "culture-change"],
    },
    {
        "slug": "mapping-young-people-online",
        "title": "Mapping what young people do online before writing the strategy",
        "council": "Brighton & Hove City Council",
        "service_area": "Youth services",
        "platforms": ["facebook", "forums"],
        "stage": CaseStudyPage.Stage.LISTEN,
        "date": datetime.date(2009, 11, 2),
        "summary": (
            "Before choosing any platform, Brighton & Hove mapped where young people in the city "
            "actually spend time online, and built its youth social media strategy on what it found."
        ),
        "body": [
            text(
                "The youth service ran a mapping exercise with young people: which sites, which groups, at "
                "what times. Facebook's advertising tool gave the size of local audiences by interest "
                "without collecting anyone's data.",
                "The map showed conversations already happening in places the council had never looked.",
            ),
        ],
        "outcomes": [
            ("Young people who took part in the mapping", Decimal(640), CaseStudyOutcome.Unit.PEOPLE_REACHED),
            ("Survey and workshop responses", Decimal(410), CaseStudyOutcome.Unit.RESPONSES),
            ("Hours young people gave to the mapping", Decimal(320), CaseStudyOutcome.Unit.CITIZEN_HOURS),
        ],
        "lessons": "<ul><li>Map the audience first; the platform follows.</li>"
        "<li>Young people are willing to give time to things they are interested in.</li></ul>",
        "risks": [
            risk(
                "Identifying children",
                "The mapping recorded places and habits, never names; workshop notes were anonymous.",
            ),
        ],
        "barriers": ["fear-of-children-being-identified", "no-evidence-anyone-is-there"],
        "topics": ["young-people", "listening", "strategy"],
    },
    {
        "slug": "real-time-feedback-from-twitter",
        "title": "Real-time feedback from Twitter, joined up with the contact centre",
        "council": "Kirklees Council",
        "service_area": "Customer services",
        "platforms": ["twitter"],
        "stage": CaseStudyPage.Stage.TRANSFORM,
        "date": datetime.date(2010, 12, 20),
        "summary": (
            "Kirklees logged service comments made on Twitter in the same system as phone calls, so "
            "feedback in the stream changed how bin and gritting rounds were run."
        ),
        "body": [
            text(
                "During the snow, residents tweeted which roads had not been gritted long before anyone "
                "phoned. The contact centre started answering on Twitter and logging each report as a "
                "case, so evaluation in the stream fed straight into the service.",
            ),
            quote(
                "Evaluation in the stream is going to replace auditing services.",
                "Enhancing Local Democracy workshop, 2010",
            ),
        ],
        "outcomes": [
            ("Reports handled on Twitter", Decimal(2300), CaseStudyOutcome.Unit.RESPONSES),
            (
                "Calls the contact centre did not need to take",
                Decimal(310),
                CaseStudyOutcome.Unit.STAFF_HOURS_SAVED,
            ),
            ("Followers during the snow", Decimal(8900), CaseStudyOutcome.Unit.PEOPLE_REACHED),
        ],
        "lessons": "<p>Join engagement to the customer system from day one, or tweets become a second, "
        "unanswered inbox.</p>",
        "risks": [
            risk(
                "Promising replies out of hours",
                "The account said plainly when it was staffed, and pointed to the phone line otherwise.",
            ),
        ],
        "barriers": ["teams-work-in-silos", "blocked-internet-access"],
        "topics": ["twitter", "metrics", "co-production"],
    },
    {
        "slug": "listening-before-the-budget-consultation",
        "title": "Listening to what residents already say, before the budget consultation",
        "council": "Birmingham City Council",
        "service_area": "Policy and consultation",
        "platforms": ["twitter", "blogs", "forums"],
        "stage": CaseStudyPage.Stage.LISTEN,
        "date": datetime.date(2010, 9, 6),
        "summary": (
            "Before asking residents about budget cuts, the consultation team spent six weeks finding "
            "where people were already discussing council services online, and who the local "
            "influencers were."
        ),
        "body": [
            text(
                "People are talking: they are just not talking to you. The team aggregated mentions from "
                "Twitter, local blogs and forums into one place, drilled down by service, and found the "
                "people whose posts others followed.",
                "The consultation then went to those places, instead of asking people to come to the "
                "council's own form.",
            ),
        ],
        "outcomes": [
            ("Conversations about services found", Decimal(1750), CaseStudyOutcome.Unit.OTHER),
            ("Residents reached by the consultation", Decimal(23000), CaseStudyOutcome.Unit.PEOPLE_REACHED),
            ("Consultation responses", Decimal(3100), CaseStudyOutcome.Unit.RESPONSES),
        ],
        "lessons": "<ul><li>Listen first: you will find the questions residents are already asking.</li>"
        "<li>Show the dangers of not acting: one false Facebook group had more members than the "
        "council's page.</li></ul>",
        "risks": [
            risk(
                "Seeming to watch residents",
                "Only public posts were read, and the team said openly what it was doing and why.",
            ),
        ],
        "barriers": ["no-evidence-anyone-is-there", "senior-managers-do-not-see-the-point"],
        "topics": ["listening", "metrics", "twitter"],
    },
    {
        "slug": "co-producing-the-park-clean-up",
        "title": "Co-producing a park clean-up, and counting citizens' time",
        "council": "London Borough of Lewisham",
        "service_area": "Parks and open spaces",
        "platforms": ["facebook", "flickr"],
        "stage": CaseStudyPage.Stage.TRANSFORM,
        "date": datetime.date(2010, 6, 12),
        "summary": (
            "Lewisham worked with a residents' Facebook group that was already tidying a park, and "
            "recorded the hours volunteers gave, so citizens' time appeared in the business case for "
            "the service."
        ),
        "body": [
            text(
                "Rather than create a new volunteer scheme, the parks team found the group already doing "
                "the work and asked how the council could help: tools, skips, and a ranger on Saturdays.",
                "Volunteers logged their hours on the group's page, and photos of each session went on "
                "Flickr.",
            ),
            quote(
                "We know the costs of delivering a service ourselves but not the costs of supporting "
                "someone else doing it, or the savings that can bring.",
                "Enhancing Local Democracy workshop, 2010",
            ),
        ],
        "outcomes": [
            ("Hours volunteers gave", Decimal(1480), CaseStudyOutcome.Unit.CITIZEN_HOURS),
            ("Contractor costs avoided", Decimal(18500), CaseStudyOutcome.Unit.MONEY_SAVED),
            ("Members of the group", Decimal(620), CaseStudyOutcome.Unit.PEOPLE_REACHED),
        ],
        "lessons": "<ul><li>Connect to what communities already do instead of creating something new.</li>"
        "<li>Tone matters: collaborate, and deliver outcomes, not services.</li></ul>",
        "risks": [
            risk(
                "Volunteers' safety",
                "The ranger ran a short safety briefing at every session and the council's insurance "
                "covered registered volunteers.",
            ),
            risk(
                "Being seen to replace paid staff",
                "Unions were briefed early: the group did extra work, not the contracted rounds.",
            ),
        ],
        "barriers": ["value-of-citizen-time-is-not-counted", "risk-assessments-used-to-keep-control"],
        "topics": ["co-production", "community-groups", "metrics", "facebook"],
    },
    {
        "slug": "councillors-on-twitter",
        "title": "Councillors on Twitter: a member-led pilot",
        "council": "Lichfield District Council",
        "service_area": "Democratic services",
        "platforms": ["twitter", "blogs"],
        "stage": CaseStudyPage.Stage.PARTICIPATE,
        "date": datetime.date(2010, 3, 8),
        "summary": (
            "Six councillors asked to use Twitter and blogs with their wards; democratic services "
            "supported them with a one-page guide instead of a long risk assessment."
        ),
        "body": [
            text(
                "Sometimes councillors want this more than officers do. Here the pressure came from "
                "members, and the risk assessment drafted by officers would have stopped it.",
                "A one-page guide on the code of conduct and pre-election periods replaced it, with a "
                "named officer to call.",
            ),
        ],
        "outcomes": [
            ("Residents following their councillor", Decimal(2100), CaseStudyOutcome.Unit.PEOPLE_REACHED),
            ("Casework questions received online", Decimal(260), CaseStudyOutcome.Unit.RESPONSES),
        ],
        "lessons": "<ul><li>Get councillors involved: they can unblock what officers cannot.</li>"
        "<li>A short guide people read beats a long policy nobody does.</li></ul>",
        "risks": [
            risk(
                "Pre-election publicity rules",
                "The guide spelled out what changes in the weeks before an election.",
            ),
        ],
        "barriers": ["risk-assessments-used-to-keep-control", "senior-managers-do-not-see-the-point"],
        "topics": ["councillors", "twitter", "risk-assessment"],
    },
    {
        "slug": "budget-conversation-with-citizens",
        "title": "A budget conversation with citizens, not a consultation to them",
        "council": "Monmouthshire County Council",
        "service_area": "Finance",
        "platforms": ["blogs", "youtube"],
        "stage": CaseStudyPage.Stage.PARTICIPATE,
        "date": datetime.date(2011, 1, 24),
        "summary": (
            "Facing cuts, Monmouthshire explained its choices in short videos and a blog where the "
            "finance team answered questions, moving from delivering services to people towards "
            "delivering them with people."
        ),
        "body": [
            text(
                "Each video took one hard choice and explained it in two minutes. Below each, the finance "
                "team answered questions in their own names.",
                "Residents said the quality of the dialogue mattered more than whether they agreed with "
                "the outcome.",
            ),
        ],
        "outcomes": [
            ("Video views", Decimal(15400), CaseStudyOutcome.Unit.PEOPLE_REACHED),
            ("Questions answered by the finance team", Decimal(380), CaseStudyOutcome.Unit.RESPONSES),
        ],
        "lessons": "<p>Put the people who make the decisions in the conversation; a press office voice "
        "does not build trust.</p>",
        "risks": [
            risk(
                "Officers saying something political",
                "Answers stuck to facts and choices; councillors answered the political questions.",
            ),
        ],
        "barriers": ["the-council-wants-to-control-the-space", "dont-call-it-a-website"],
        "topics": ["co-production", "video", "blogging"],
    },
    {
        "slug": "social-media-surgeries-for-community-groups",
        "title": "Social media surgeries for community groups",
        "council": "Northumberland County Council",
        "service_area": "Community development",
        "platforms": ["blogs", "facebook"],
        "stage": CaseStudyPage.Stage.PARTICIPATE,
        "date": datetime.date(2010, 10, 18),
        "summary": (
            "Volunteer digital mentors ran monthly drop-in surgeries in libraries where community "
            "groups set up blogs and Facebook pages, and council staff learned alongside them."
        ),
        "body": [
            text(
                "Some surgeries were for insiders, some for outsiders and some for both. Staff who came to "
                "help found they learned as much as the groups they were helping.",
            ),
        ],
        "outcomes": [
            ("Community groups helped", Decimal(85), CaseStudyOutcome.Unit.PEOPLE_REACHED),
            ("Hours mentors volunteered", Decimal(240), CaseStudyOutcome.Unit.CITIZEN_HOURS),
        ],
        "lessons": "<ul><li>You can only understand its value by actually using it.</li>"
        "<li>Offer people the basics: it is never too basic.</li></ul>",
        "risks": [],
        "barriers": ["staff-lack-skills-and-confidence"],
        "topics": ["skills", "community-groups", "blogging"],
    },
    {
        "slug": "finding-a-way-through-the-blocks",
        "title": "Finding a way through the blocks",
        "council": "Norfolk County Council",
        "service_area": "ICT and communications",
        "platforms": ["youtube", "facebook", "twitter"],
        "stage": CaseStudyPage.Stage.LISTEN,
        "date": datetime.date(2009, 8, 3),
        "summary": (
            "Norfolk's web team listed what staff could reach through the filters, showed managers what "
            "residents were saying on the blocked sites, and agreed access by role instead of a blanket "
            "ban."
        ),
        "body": [
            text(
                "The team started with what could be shown: shared calendars and video that got through "
                "the filter. Then they showed managers a false Facebook group about a local school with "
                "more members than the council's own page.",
            ),
        ],
        "outcomes": [
            ("Staff given access by role", Decimal(740), CaseStudyOutcome.Unit.PEOPLE_REACHED),
            (
                "Help-desk hours no longer spent on access requests",
                Decimal(150),
                CaseStudyOutcome.Unit.STAFF_HOURS_SAVED,
            ),
        ],
        "lessons": "<p>Find out what you can access through the blocks, and show people what you can.</p>",
        "risks": [
            risk(
                "Bandwidth and security",
                "Access was granted by role and reviewed after three months; no incidents were recorded.",
            ),
        ],
        "barriers": ["blocked-internet-access", "senior-managers-do-not-see-the-point"],
        "topics": ["internet-access", "culture-change"],
    },
    {
        "slug": "young-peoples-voices-in-a-podcast",
        "title": "Young people's voices in a podcast, with consent",
        "council": "Warwickshire County Council",
        "service_area": "Children's services",
        "platforms": ["podcasts", "youtube"],
        "stage": CaseStudyPage.Stage.PARTICIPATE,
        "date": datetime.date(2010, 4, 26),
        "summary": (
            "After recordings were shelved because young people might be identified, Warwickshire's "
            "youth council designed its own consent and anonymity rules and made a podcast series."
        ),
        "body": [
            text(
                "Earlier audio recordings could not be used: managers feared the children would be "
                "identified. This time young people wrote the rules: first names only, no schools, no "
                "places, and a right to withdraw a recording at any time.",
            ),
        ],
        "outcomes": [
            ("Listens to the series", Decimal(5200), CaseStudyOutcome.Unit.PEOPLE_REACHED),
            ("Young people who took part", Decimal(34), CaseStudyOutcome.Unit.OTHER),
        ],
        "lessons": "<p>Let young people set the safeguards: they were stricter than the managers.</p>",
        "risks": [
            risk(
                "A child being identified",
                "Consent from young people and parents, first names only, and every episode checked by a "
                "safeguarding lead before publishing.",
            ),
        ],
        "barriers": ["fear-of-children-being-identified", "risk-assessments-used-to-keep-control"],
        "topics": ["young-people", "video", "risk-assessment"],
    },
    {
        "slug": "answering-in-the-communitys-facebook-group",
        "title": "Answering questions in the community's own Facebook group",
        "council": "Frome Town Council",
        "service_area": "Town services",
        "platforms": ["facebook"],
        "stage": CaseStudyPage.Stage.PARTICIPATE,
        "date": datetime.date(2010, 11, 29),
        "summary": (
            "Instead of starting its own page, Frome's town council joined the busy community "
            "Facebook group residents already used, and answered questions there."
        ),
        "body": [
            text(
                "We don't understand what is already being done by our communities: we need to listen, "
                "and connect to that. The group's volunteer admins agreed a simple rule: the clerk posts "
                "answers and events, never adverts.",
            ),
        ],
        "outcomes": [
            ("Members of the group", Decimal(4800), CaseStudyOutcome.Unit.PEOPLE_REACHED),
            ("Questions answered by the clerk", Decimal(190), CaseStudyOutcome.Unit.RESPONSES),
        ],
        "lessons": "<p>Go where the conversation already is; you do not have to own the space.</p>",
        "risks": [
            risk(
                "Not controlling the group",
                "The council agreed with the admins how it would take part and what it would not do.",
            ),
        ],
        "barriers": ["the-council-wants-to-control-the-space"],
        "topics": ["facebook", "community-groups", "listening"],
    },
]


def ensure_demo_barriers(home):
    """The demo barriers, by slug: the knowledge base's demo content wins where it made them."""
    knowledge_base = KnowledgeBaseIndexPage.objects.first() or ensure_child_page(
        home,
        KnowledgeBaseIndexPage,
        "barriers",
        title="Barriers and fixes",
        intro="What holds councils back from using social media well, and what got others past it.",
        show_in_menus=False,
    )
    barriers = {}
    for slug, title, category, summary in DEMO_BARRIERS:
        barriers[slug] = BarrierPage.objects.filter(slug=slug).first() or ensure_child_page(
            knowledge_base,
            BarrierPage,
            slug,
            title=title,
            category=category,
            summary=summary,
            source="LocalGovCamp 2009, 50 hurdles session",
        )
    return barriers


def load_case_studies(command):
    home = get_home_page()
    index = ensure_child_page(
        home,
        CaseStudyIndexPage,
        "case-studies",
        title="Case studies",
        intro=INDEX_INTRO,
        show_in_menus=True,
        search_description="What councils like yours did, and the barriers they got past.",
    )
    barriers = ensure_demo_barriers(home)
    councils = {council.name: council for council in Council.objects.all()}
    platforms = {platform.slug: platform for platform in Platform.objects.all()}
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    mentor = MentorPage.objects.live().filter(user__username="mentor").first()

    created = 0
    for study in CASE_STUDIES:
        if index.get_children().filter(slug=study["slug"]).exists():
            continue
        ensure_child_page(
            index,
            CaseStudyPage,
            study["slug"],
            title=study["title"],
            council=councils[study["council"]],
            service_area=study["service_area"],
            platforms=[platforms[slug] for slug in study["platforms"]],
            stage=study["stage"],
            summary=study["summary"],
            body=study["body"],
            lessons_learned=study["lessons"],
            risks=study["risks"],
            published_date=study["date"],
            contact_mentor=mentor,
            tagged_topics=[CaseStudyTopic(tag=topics[slug]) for slug in study["topics"]],
            outcomes=[
                CaseStudyOutcome(label=label, value=value, unit=unit)
                for label, value, unit in study["outcomes"]
            ],
            barrier_links=[CaseStudyBarrier(barrier=barriers[slug]) for slug in study["barriers"]],
        )
        created += 1
    command.stdout.write(f"  practice: case studies ({created} new, {len(CASE_STUDIES)} in the demo)")
