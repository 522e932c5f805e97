"""The demo knowledge base: barriers and fixes written from the project's source notes.

Every barrier and fix below comes from the notes in shared/seeds, and says which in its
``source`` field: above all the LocalGovCamp 2009 session on the "50 hurdles" (seed 003), and
the blog posts on local government and social media around it (seeds 000–002). Where the notes
name a council (Devon, Brighton, Ofqual) the fix carries it. Endorsements come from demo members
at the demo councils, so the ranking on each barrier page has something to rank.
"""

from cms.models import Council, Topic

LOCALGOVCAMP = "LocalGovCamp 2009 session notes: overcoming the 50 hurdles (20 June 2009)"
KEY_QUESTIONS = "Blog post: Key questions, local government and social media (2009)"
MAKE_IT_USEFUL = "Blog post: communications, engagement and democratic services (2009)"
LOCAL_DEMOCRACY = "Workshop notes: Enhancing Local Democracy conference (2010)"

# Demo members who endorse fixes and barriers: one at each of these councils.
ENDORSERS = [
    ("jo-devon", "Jo", "Hartley", "Devon County Council"),
    ("priya-brighton", "Priya", "Shah", "Brighton & Hove City Council"),
    ("tom-birmingham", "Tom", "Okafor", "Birmingham City Council"),
    ("helen-kirklees", "Helen", "Marsh", "Kirklees Council"),
    ("dev-lewisham", "Dev", "Patel", "London Borough of Lewisham"),
    ("sarah-lichfield", "Sarah", "Lowe", "Lichfield District Council"),
    ("gareth-monmouthshire", "Gareth", "Evans", "Monmouthshire County Council"),
    ("anna-northumberland", "Anna", "Reed", "Northumberland County Council"),
    ("mike-norfolk", "Mike", "Barnes", "Norfolk County Council"),
    ("lucy-warwickshire", "Lucy", "Grant", "Warwickshire County Council"),
    ("kate-frome", "Kate", "Ellis", "Frome Town Council"),
    ("raj-ofqual", "Raj", "Singh", "Ofqual"),
]
# Short names for the councils, used in the tables below.
AT = {
    "devon": "Devon County Council",
    "brighton": "Brighton & Hove City Council",
    "birmingham": "Birmingham City Council",
    "kirklees": "Kirklees Council",
    "lewisham": "London Borough of Lewisham",
    "lichfield": "Lichfield District Council",
    "monmouthshire": "Monmouthshire County Council",
    "northumberland": "Northumberland County Council",
    "norfolk": "Norfolk County Council",
    "warwickshire": "Warwickshire County Council",
    "frome": "Frome Town Council",
    "ofqual": "Ofqual",
}


def step(title, detail=""):
    return ("step", {"title": title, "detail": detail})


def tip(text, title=""):
    return ("callout", {"kind": "tip", "title": title, "text": text})


def para(html):
    return ("paragraph", html)


def quote(text, attribution):
    return ("quote", {"quote": text, "attribution": attribution})


# Each barrier: slug, title, category, summary, description, source, topics, who faces it,
# and its fixes. Each fix: slug, title, summary, steps, where it worked, the author's council
# (short name or None), source, topics, and the councils it also worked for (endorsements).
BARRIERS = [
    {
        "slug": "blocked-internet-access",
        "title": "Social media sites are blocked at work",
        "category": "technology",
        "summary": "Council networks block the sites where residents talk, so staff cannot see, "
        "try or show the tools they are asked to consider.",
        "description": [
            para(
                "<p>Blocked internet access was one of the first of the fifty hurdles council officers "
                "listed at LocalGovCamp in 2009. If staff cannot open the sites at work, they cannot "
                "listen to what residents say there, learn how the tools work, or show a manager "
                "what they mean.</p>"
            ),
            quote(
                "Oh, and open up internet access to council staff.",
                "Key questions: local government and social media",
            ),
        ],
        "source": LOCALGOVCAMP,
        "topics": ["internet-access", "culture-change"],
        "faced_by": ["lichfield", "kirklees", "norfolk", "frome", "monmouthshire", "northumberland"],
        "fixes": [
            {
                "slug": "show-what-you-can-reach-through-the-blocks",
                "title": "Show people what you can reach through the blocks",
                "summary": "Find out which useful tools are not blocked and demonstrate those, so the "
                "conversation starts from what people can already see.",
                "steps": [
                    step(
                        "List what is actually reachable from a council computer",
                        "<p>Try the tools one by one from your own desk: some shared calendars and "
                        "documents (the session mentioned Google Calendar) get through when the big "
                        "networks do not.</p>",
                    ),
                    step("Show managers something useful working on their own screens"),
                    step(
                        "Use the demonstration to ask for the next site to be opened",
                        "<p>A concrete example of a tool helping a team is easier to agree to than "
                        "“social media” in general.</p>",
                    ),
                ],
                "where": "Shared in the LocalGovCamp 2009 session as a tip for officers working "
                "behind a corporate web filter.",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["internet-access"],
                "worked_for": ["lichfield", "frome", "kirklees"],
            },
            {
                "slug": "host-a-proof-of-concept-outside-the-network",
                "title": "Host a proof of concept outside the council network",
                "summary": "Put one real piece of work on an externally hosted blog as a proof of concept, "
                "then bring it in-house once it has shown its worth.",
                "steps": [
                    step(
                        "Pick one real publication to try it with",
                        "<p>Ofqual put the chief regulator's report onto a blog.</p>",
                    ),
                    step("Host it externally, to get around the internal restrictions"),
                    step(
                        "Move it to an internal test server once it has proved the point",
                        "<p>The proof of concept is the argument: people have seen it work.</p>",
                    ),
                ],
                "where": "Ofqual, as reported in the LocalGovCamp 2009 session: the chief regulator's "
                "report went onto a blog hosted externally, then onto a test server to host internally.",
                "council": "ofqual",
                "source": LOCALGOVCAMP,
                "topics": ["internet-access", "blogging"],
                "worked_for": ["warwickshire", "birmingham"],
            },
            {
                "slug": "open-up-access-for-your-own-staff-first",
                "title": "Make the case for opening access to all staff",
                "summary": "Argue that staff are the first audience: if the people the council employs "
                "get the social web, they reach many others in the area.",
                "steps": [
                    step(
                        "Point out how many local people the council employs",
                        "<p>Councils employ a good share of the people in work in their area; what "
                        "staff learn reaches families and neighbours.</p>",
                    ),
                    step("Ask for access together with organised, informal help to use it well"),
                    step("Reward the staff who share what they know"),
                ],
                "where": "Recommended in answer to the IDeA Strategy Unit's question on helping people "
                "become digitally enabled: “start with your own staff”.",
                "council": None,
                "source": KEY_QUESTIONS,
                "topics": ["internet-access", "skills"],
                "worked_for": ["northumberland"],
            },
        ],
    },
    {
        "slug": "risk-assessments-used-to-keep-control",
        "title": "Risk assessments used to keep control",
        "category": "risk",
        "summary": "A risk assessment becomes the reason to say no: it is used to re-assert officer "
        "control rather than to manage real risks.",
        "description": [
            para(
                "<p>In the 2009 session officers described risk management exercises that focused on "
                "what might go wrong if third parties placed content on social media sites, and noted "
                "that risk assessments were sometimes being used to re-assert officer control.</p>"
            ),
        ],
        "source": LOCALGOVCAMP,
        "topics": ["risk-assessment", "councillors"],
        "faced_by": ["birmingham", "lewisham", "norfolk", "warwickshire"],
        "fixes": [
            {
                "slug": "get-councillors-involved",
                "title": "Get councillors involved",
                "summary": "Sometimes councillors want this more than officers do: bring them in, and "
                "the risk conversation changes.",
                "steps": [
                    step("Find the councillors already using social media, or curious about it"),
                    step(
                        "Involve them early, when the risk assessment is being written",
                        "<p>Elected members can weigh the democratic risk of not being in the "
                        "conversation.</p>",
                    ),
                    step("Ask them to champion a first, small use of the tools"),
                ],
                "where": "Raised in the LocalGovCamp 2009 session: “Sometimes councillors want this "
                "more than officers do.”",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["councillors", "risk-assessment"],
                "worked_for": ["lewisham", "kirklees", "monmouthshire"],
            },
            {
                "slug": "show-the-dangers-of-not-acting",
                "title": "Put the risk of not acting in the assessment",
                "summary": "Show the dangers of staying out: a false or wrong Facebook group about a "
                "council service is a risk too.",
                "steps": [
                    step(
                        "Search for what is already being said about the service",
                        "<p>The session's example was a Facebook group that was false or wrong.</p>",
                    ),
                    step("Add “we are not there to answer it” to the risk register"),
                    step("Compare it honestly with the risks of taking part"),
                ],
                "where": "Suggested twice in the 2009 notes: “Show the dangers of not acting” and "
                "“Demonstrate the dangers of not engaging in these worlds.”",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["risk-assessment", "facebook", "listening"],
                "worked_for": ["birmingham", "norfolk"],
            },
            {
                "slug": "own-up-to-risks",
                "title": "Own up to risks and set them beside the ones you already take",
                "summary": "Be honest that not everything will work first time, and present the risks "
                "against those the public sector already takes every day.",
                "steps": [
                    step("Name the risks openly instead of leaving them unspoken"),
                    step("Set them beside the risks the council already takes in its services"),
                    step(
                        "Say that you will learn from what does not work",
                        "<p>The culture of the social web is oriented towards learning and honest "
                        "failure: build on that mindset.</p>",
                    ),
                ],
                "where": "From Tony Bovaird's session on co-production at the Enhancing Local Democracy "
                "conference.",
                "council": None,
                "source": LOCAL_DEMOCRACY,
                "topics": ["risk-assessment", "co-production"],
                "worked_for": ["warwickshire"],
            },
        ],
    },
    {
        "slug": "fear-of-children-being-identified",
        "title": "Fear that children and young people will be identified",
        "category": "safeguarding",
        "summary": "Service managers worry that children and young people will be identified, so "
        "even recordings of their voices are not allowed to be used.",
        "description": [
            para(
                "<p>One team at the 2009 session had made audio recordings with children and young "
                "people and was not allowed to use their voices. Safeguarding matters; the barrier is "
                "when worry stops a service from reaching young people where they already are.</p>"
            ),
        ],
        "source": LOCALGOVCAMP,
        "topics": ["young-people", "risk-assessment"],
        "faced_by": ["brighton", "lewisham", "devon", "birmingham", "northumberland"],
        "fixes": [
            {
                "slug": "map-what-young-people-do-online",
                "title": "Map what young people already do online",
                "summary": "Carry out a mapping exercise of where young people go online and what they "
                "do there, and build the strategy from that.",
                "steps": [
                    step("Ask young people where they spend time online and what they do there"),
                    step("Map the places and the audiences, service by service"),
                    step(
                        "Build the social media strategy, and its safeguards, from the map",
                        "<p>Decisions rest on evidence about real behaviour rather than fear of the "
                        "unknown.</p>",
                    ),
                ],
                "where": "Brighton was carrying out a mapping exercise of what young people do online, "
                "and using it to build its strategy (LocalGovCamp 2009).",
                "council": "brighton",
                "source": LOCALGOVCAMP,
                "topics": ["young-people", "strategy", "listening"],
                "worked_for": ["lewisham", "devon", "northumberland"],
            },
            {
                "slug": "demonstrate-the-dangers-of-not-engaging",
                "title": "Show where young people are talking without you",
                "summary": "Demonstrate the dangers of not engaging in the spaces young people use: "
                "they are talking already, just not to the council.",
                "steps": [
                    step("Collect examples of young people discussing the service online"),
                    step("Show managers what is being said, and that no one from the council answers"),
                    step("Propose one safe, supervised way to take part"),
                ],
                "where": "From Tom Gaskin's notes of the 2009 session: “Demonstrate the dangers of not "
                "engaging in these worlds.”",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["young-people", "listening"],
                "worked_for": ["birmingham"],
            },
        ],
    },
    {
        "slug": "dont-call-it-a-website",
        "title": "It gets treated as “a website”",
        "category": "language",
        "summary": "Call it a website and it must be fixed, complete and signed off, and it ends up "
        "in the communications team's queue.",
        "description": [
            para(
                "<p>Websites have to be fixed and complete; social media is a conversation, not "
                "publishing. The 2009 session agreed that the word itself can be the barrier.</p>"
            ),
            quote(
                "Call it a service… whatever NOT a website or it will end up in Comms!",
                "Notes from the LocalGovCamp 2009 session",
            ),
        ],
        "source": LOCALGOVCAMP,
        "topics": ["culture-change", "strategy"],
        "faced_by": ["kirklees", "warwickshire", "lichfield"],
        "fixes": [
            {
                "slug": "call-it-a-service-not-a-website",
                "title": "Call it a service or a conversation, not a website",
                "summary": "Get the language right from the start: describe what you are building as a "
                "service or a conversation, never as a website.",
                "steps": [
                    step("Describe what people will be able to do, not the technology"),
                    step(
                        "Explain that it is never finished",
                        "<p>Social media, like government, is never finished, so do not behave as if "
                        "it should be.</p>",
                    ),
                    step("Keep it with the service team that will hold the conversation"),
                ],
                "where": "Agreed in the LocalGovCamp 2009 session: “Don't call what you are building a "
                "website; get the language right.”",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["culture-change"],
                "worked_for": ["kirklees", "lichfield", "warwickshire", "frome"],
            },
            {
                "slug": "use-the-language-leaders-like",
                "title": "Use the words your leaders already like",
                "summary": "Fashionable language is your friend: local government and councillors like "
                "it, so frame the work in the terms they already use.",
                "steps": [
                    step("Note the phrases in current plans and speeches"),
                    step("Describe your project in those terms"),
                    step(
                        "Be politically savvy",
                        "<p>The session's advice: use services to build support, and increase the "
                        "persuasive skills of those who get this stuff.</p>",
                    ),
                ],
                "where": "A tip from the 2009 session notes, put more bluntly there.",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["councillors", "strategy"],
                "worked_for": ["birmingham"],
            },
        ],
    },
    {
        "slug": "waiting-for-the-corporate-strategy",
        "title": "Waiting for the corporate strategy",
        "category": "culture",
        "summary": "Nothing can start until there is a corporate social media strategy, and changing "
        "that strategy is slow.",
        "description": [
            para(
                "<p>There may be corporate strategies for social media, but each service is different "
                "and some move at different speeds. Waiting for corporate strategy to change before "
                "acting will be slow.</p>"
            ),
        ],
        "source": LOCALGOVCAMP,
        "topics": ["strategy", "culture-change"],
        "faced_by": ["norfolk", "warwickshire", "kirklees", "lichfield", "northumberland"],
        "fixes": [
            {
                "slug": "nibble-away-from-the-bottom-up",
                "title": "Nibble away at small issues from the bottom up",
                "summary": "While the culture changes at the top, work on the small issues you can fix "
                "now, service by service.",
                "steps": [
                    step("Pick one service that is ready to move"),
                    step("Solve one small problem for it with social media"),
                    step("Share what happened, and pick the next"),
                ],
                "where": "From the general discussion at LocalGovCamp 2009: “we can also nibble away at "
                "small issues, and work from the bottom up.”",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["culture-change"],
                "worked_for": ["kirklees", "norfolk", "frome", "lichfield"],
            },
            {
                "slug": "run-pilots-and-take-the-lessons-to-the-top",
                "title": "Support some pilots and take the lessons to the top",
                "summary": "Run a few pilots that connect social media to the council's priorities, and "
                "use what they teach to show senior leaders where the barriers are.",
                "steps": [
                    step("Run a few pilots that connect to a stated priority"),
                    step("Write down every barrier the pilots hit"),
                    step(
                        "Take the lessons to the top of the organisation",
                        "<p>Use them to highlight the barriers, framed by the chief executive's "
                        "priorities.</p>",
                    ),
                ],
                "where": "Devon, as shared at LocalGovCamp 2009: support some pilots, use the lessons to "
                "highlight the barriers to the top of the organisation.",
                "council": "devon",
                "source": LOCALGOVCAMP,
                "topics": ["strategy", "culture-change"],
                "worked_for": ["monmouthshire", "warwickshire"],
            },
            {
                "slug": "lead-until-someone-says-stop",
                "title": "Lead on projects until someone tells you not to",
                "summary": "Be a little subversive: start, and keep going until you are told to stop.",
                "steps": [
                    step("Start with something small and clearly useful"),
                    step("Keep a record of what it achieves"),
                    step("If you are asked to stop, you will have evidence to discuss"),
                ],
                "where": "From Tom Gaskin's notes of the 2009 session: “Could be very subversive. Lead "
                "on projects until someone tells you not to.”",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["culture-change"],
                "worked_for": ["frome"],
            },
        ],
    },
    {
        "slug": "senior-managers-do-not-see-the-point",
        "title": "Senior managers do not see the point",
        "category": "culture",
        "summary": "The people who decide have not used social media and cannot see what it would do "
        "for their services.",
        "description": [
            para(
                "<p>Much of the 2009 discussion turned to the importance of top-down strategy, values "
                "and culture: cultural change is crucially important, and it depends on the people at "
                "the top.</p>"
            ),
        ],
        "source": LOCALGOVCAMP,
        "topics": ["culture-change", "strategy"],
        "faced_by": ["lichfield", "norfolk", "birmingham", "frome", "monmouthshire", "lewisham", "kirklees"],
        "fixes": [
            {
                "slug": "send-managers-the-case-studies",
                "title": "Get managers reading the case studies",
                "summary": "Sign managers up to the newsletters that share case studies and guidance at "
                "senior management level, such as the IDeA's.",
                "steps": [
                    step("Find the newsletters that carry local government case studies"),
                    step("Sign your managers up, or forward the best items with a line on why"),
                    step(
                        "Find an example of somewhere that has already made a move",
                        "<p>Work out how it would help your own service.</p>",
                    ),
                ],
                "where": "A tip from the LocalGovCamp 2009 session's “tips and little things”.",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["culture-change"],
                "worked_for": ["lichfield", "norfolk"],
            },
            {
                "slug": "talk-to-chief-officers",
                "title": "Talk to chief officers, not middle managers",
                "summary": "Try to change the people at the top: middle managers implement change "
                "passed down to them, chief officers are the level to talk to.",
                "steps": [
                    step(
                        "Go to the chief officers",
                        "<p>Middle managers are there to continue the course and implement the change "
                        "passed down to them.</p>",
                    ),
                    step("Engage the chief executive and gain their support"),
                    step("Understand the chief executive's priorities and speak to them"),
                ],
                "where": "From the LocalGovCamp 2009 session, and Devon's experience shared there.",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["culture-change", "strategy"],
                "worked_for": ["birmingham", "monmouthshire", "devon"],
            },
            {
                "slug": "be-persistent-and-shameless",
                "title": "Be persistent, and shameless about promoting it",
                "summary": "Persistence was key: promote it, explain it, and say that if we do not do "
                "it we are not delivering on our strategy.",
                "steps": [
                    step("Shamelessly promote what you are doing"),
                    step("Explain it again, to everyone who will listen"),
                    step("Tie it to the strategy: not doing it means not delivering"),
                ],
                "where": "Carl Haggerty, Devon, at LocalGovCamp 2009: “Be persistent, be shameless - "
                "promote it.”",
                "council": "devon",
                "source": LOCALGOVCAMP,
                "topics": ["culture-change", "strategy"],
                "worked_for": ["kirklees", "lewisham", "frome"],
            },
        ],
    },
    {
        "slug": "no-link-to-what-the-council-is-trying-to-do",
        "title": "No link to what the council is trying to achieve",
        "category": "culture",
        "summary": "Social media looks like a side project because nobody has connected it to the "
        "vision and objectives the council already has.",
        "description": [
            para(
                "<p>The session's advice: articulate a vision, identify what in the current situation "
                "is in the way of it, and link the vision to organisational objectives.</p>"
            ),
        ],
        "source": LOCALGOVCAMP,
        "topics": ["strategy"],
        "faced_by": ["warwickshire", "devon", "norfolk"],
        "fixes": [
            {
                "slug": "read-your-strategy-and-be-the-link",
                "title": "Be the link between the strategy and the opportunities",
                "summary": "Read your council's strategy, find what it already says about engaging "
                "people, and connect it to what social media can do on the ground.",
                "steps": [
                    step(
                        "Read the strategy and find what you can draw on",
                        "<p>For example: “asking young people this… engaging with these…” references "
                        "are often already there.</p>",
                    ),
                    step("Make the connection explicit in every proposal"),
                    step("Run a few pilots to show how social media supports those priorities"),
                ],
                "where": "Devon (Carl Haggerty), at LocalGovCamp 2009: “It is helpful to be the link "
                "between what business strategy says and opportunities on the ground.”",
                "council": "devon",
                "source": LOCALGOVCAMP,
                "topics": ["strategy"],
                "worked_for": ["warwickshire", "norfolk", "monmouthshire", "northumberland"],
            },
            {
                "slug": "articulate-a-vision",
                "title": "Articulate a vision, then name what is in its way",
                "summary": "Start with a vision of where you want to get to, link it to the "
                "organisation's objectives, and list what stands between you and it.",
                "steps": [
                    step("Write down where you want to get to, in a sentence or two"),
                    step("Link it to the council's own objectives"),
                    step("Identify what in the current situation is in the way"),
                ],
                "where": "The first of the big cultural change tips at LocalGovCamp 2009.",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["strategy", "culture-change"],
                "worked_for": ["lewisham"],
            },
            {
                "slug": "a-charter-of-engagement",
                "title": "Ask leaders to sign a charter of engagement",
                "summary": "A charter that councils and chief executives sign, saying who will overcome "
                "which obstacles by when, turns good intentions into dates.",
                "steps": [
                    step("Draft the charter with the obstacles your council faces"),
                    step("Name who will overcome each one, and by when"),
                    step("Ask the chief executive to sign it publicly"),
                ],
                "where": "Proposed in the LocalGovCamp 2009 session: “A Charter of Engagement may help.”",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["strategy"],
                "worked_for": [],
            },
        ],
    },
    {
        "slug": "no-evidence-anyone-is-there",
        "title": "No evidence that residents are there",
        "category": "evidence",
        "summary": "Without numbers, managers assume local people are not on social media, and "
        "there is no empirical evidence to push further.",
        "description": [
            para(
                "<p>Officers at the 2009 session were interested in how the services were being used "
                "as marketing tools, and agreed they needed empirical evidence to push their use "
                "further.</p>"
            ),
        ],
        "source": LOCALGOVCAMP,
        "topics": ["metrics", "listening"],
        "faced_by": ["frome", "lichfield", "norfolk", "monmouthshire"],
        "fixes": [
            {
                "slug": "size-your-audience-with-facebook-ads",
                "title": "Use Facebook's advert tool to size your local audience",
                "summary": "Go through the steps of setting up a Facebook advert: before you pay, it "
                "tells you how many people in your area have a given interest.",
                "steps": [
                    step("Open the Ads link on Facebook, as if you were going to set up an advert"),
                    step("Choose your area and the interests your service relates to"),
                    step(
                        "Note the audience size it reports, and stop there",
                        "<p>You now have a local number to put in front of managers.</p>",
                    ),
                ],
                "where": "Tim Davies' tip at LocalGovCamp 2009, for discovering local use.",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["metrics", "facebook"],
                "worked_for": ["frome", "lichfield", "monmouthshire", "norfolk", "kirklees"],
            },
            {
                "slug": "get-the-metrics",
                "title": "Get the metrics: show who is using these sites",
                "summary": "Gather the statistics on who uses the sites, bring them into one place, "
                "drill down, and find the local influencers.",
                "steps": [
                    step("Collect the sites' own statistics, such as Facebook's"),
                    step(
                        "Aggregate them in one place",
                        "<p>The session mentioned Radian6 for bringing the information together and "
                        "drilling down into media types.</p>",
                    ),
                    step("Find the influencers in your area's conversations"),
                ],
                "where": "From the LocalGovCamp 2009 session's tips.",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["metrics", "listening"],
                "worked_for": ["birmingham", "warwickshire"],
            },
            {
                "slug": "map-the-audience",
                "title": "Map the audience and where it goes online",
                "summary": "Map who your audiences are and where they go online, and use that to build "
                "a social media strategy.",
                "steps": [
                    step("List the audiences each service needs to reach"),
                    step("Find where each one is active online"),
                    step("Build the strategy around those places"),
                ],
                "where": "A tip from the LocalGovCamp 2009 session, as Brighton did for young people.",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["strategy", "listening"],
                "worked_for": ["brighton"],
            },
        ],
    },
    {
        "slug": "value-of-citizen-time-is-not-counted",
        "title": "The business case cannot count what citizens contribute",
        "category": "evidence",
        "summary": "We know what a service costs to deliver ourselves, but not the value of citizens' "
        "time when they help deliver it, so co-production has no business case.",
        "description": [
            para(
                "<p>How outcomes are affected by citizen activity is big but not really measured. How "
                "do we bring “citizen time” into the value model? This is a problem we urgently need a "
                "solution to.</p>"
            ),
        ],
        "source": LOCAL_DEMOCRACY,
        "topics": ["metrics", "co-production"],
        "faced_by": ["kirklees", "birmingham", "devon"],
        "fixes": [
            {
                "slug": "evaluation-in-the-stream",
                "title": "Treat real-time feedback as evaluation",
                "summary": "Evaluation in the stream will replace auditing services: use the real-time "
                "feedback people give on services like Twitter as evidence of outcomes.",
                "steps": [
                    step("Follow what people say about the service as it happens"),
                    step("Record it alongside the service's own measures"),
                    step("Join it up with customer relationship management and engagement work"),
                ],
                "where": "From the Enhancing Local Democracy workshop: real-time feedback is where CRM "
                "and engagement need to join up.",
                "council": None,
                "source": LOCAL_DEMOCRACY,
                "topics": ["metrics", "twitter", "listening"],
                "worked_for": ["kirklees"],
            },
        ],
    },
    {
        "slug": "staff-lack-skills-and-confidence",
        "title": "Staff lack the skills and confidence",
        "category": "skills",
        "summary": "People have not used the tools themselves, and you can only understand their value "
        "by actually using them.",
        "description": [
            para(
                "<p>Many people just do not use this stuff yet, and it is hard to see its value without "
                "using it. We need to keep repeating the basics.</p>"
            ),
        ],
        "source": LOCALGOVCAMP,
        "topics": ["skills", "internal-networks"],
        "faced_by": ["lichfield", "frome", "norfolk", "monmouthshire", "northumberland", "warwickshire"],
        "fixes": [
            {
                "slug": "try-the-tools-inside-the-council-first",
                "title": "Try the tools inside the council first",
                "summary": "Run a trial of internal social networking tools, so staff learn to use them "
                "professionally before facing the public in similar spaces.",
                "steps": [
                    step("Set up an internal social network for a trial group of staff"),
                    step(
                        "Engage staff in new ways through it",
                        "<p>“If we could learn to professionally experience social networking inside "
                        "the council… it wouldn't be too much of a step to engage with the public in "
                        "similar spaces.”</p>",
                    ),
                    step("Then bring communications, engagement and democratic services together"),
                ],
                "where": "Devon: Carl Haggerty's trial of internal social networking tools.",
                "council": "devon",
                "source": MAKE_IT_USEFUL,
                "topics": ["internal-networks", "skills"],
                "worked_for": ["norfolk", "warwickshire", "northumberland"],
            },
            {
                "slug": "offer-surgeries-and-digital-mentors",
                "title": "Offer social media surgeries and find digital mentors",
                "summary": "Identify digital mentors in your teams and run social media surgeries: some "
                "for insiders, some for outsiders and some for both.",
                "steps": [
                    step("Find the people in each team who already use the tools well"),
                    step("Give them permission and time to help colleagues"),
                    step(
                        "Run surgeries: organised, yet informal help",
                        "<p>Some for insiders, some for outsiders and some for both. Don't "
                        "underestimate how much people enjoy using the social web.</p>",
                    ),
                ],
                "where": "Recommended in “Key questions: local government and social media”, answering "
                "how councils can help people become digitally enabled.",
                "council": None,
                "source": KEY_QUESTIONS,
                "topics": ["skills", "community-groups"],
                "worked_for": ["lichfield", "frome", "monmouthshire", "birmingham"],
            },
            {
                "slug": "get-familiar-in-your-own-time",
                "title": "Get familiar with the tools in your own time",
                "summary": "Use the social networks yourself outside work: you can only understand their "
                "value by actually using them.",
                "steps": [
                    step("Join one network as yourself, not as the council"),
                    step("Follow people who work in local government"),
                    step("Bring what you learn back to your team"),
                ],
                "where": "A tip from the LocalGovCamp 2009 session.",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["skills"],
                "worked_for": ["kirklees"],
            },
            {
                "slug": "keep-repeating-the-basics",
                "title": "Keep repeating the basics",
                "summary": "Offer people information about the basics, and keep offering it: many people "
                "just do not use this stuff yet.",
                "steps": [
                    step("Write a one-page introduction to each tool you use"),
                    step("Repeat it at team meetings and in inductions"),
                    step("Share more, and show the good practice"),
                ],
                "where": "From the LocalGovCamp 2009 tips, and the Enhancing Local Democracy workshop.",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["skills"],
                "worked_for": [],
            },
        ],
    },
    {
        "slug": "councillors-use-it-to-broadcast",
        "title": "Councillors use it only to broadcast",
        "category": "skills",
        "summary": "Elected members who do use social media treat it as a one-way broadcast, and gain "
        "little from it.",
        "description": [
            para(
                "<p>The key is not the tools but the habits. If councillors use the tools as a one-way "
                "broadcast mechanism they won't gain much benefit from social media.</p>"
            ),
        ],
        "source": KEY_QUESTIONS,
        "topics": ["councillors", "twitter"],
        "faced_by": ["birmingham", "lewisham", "monmouthshire"],
        "fixes": [
            {
                "slug": "two-messages-for-elected-members",
                "title": "Give members two messages about why it matters",
                "summary": "What happens online is very real to people, and people are talking: they "
                "are just not talking to you (and probably talking about you).",
                "steps": [
                    step("Explain that what happens online is real to people and their communities"),
                    step("Show them that people are talking, just not to the council"),
                    step("Ask how the democratic system should accommodate that"),
                ],
                "where": "From the workshop at the Enhancing Local Democracy conference, on communicating "
                "the urgency to elected members.",
                "council": None,
                "source": LOCAL_DEMOCRACY,
                "topics": ["councillors", "listening"],
                "worked_for": ["lewisham", "monmouthshire"],
            },
            {
                "slug": "habits-not-tools",
                "title": "Build habits, not tool skills",
                "summary": "Encourage members to take part in the conversation as normal people, seek "
                "help from their networks and help others in turn.",
                "steps": [
                    step("Join conversations as a person, not a press release"),
                    step("Ask your network for help, and help people in it"),
                    step(
                        "Let the social capital build",
                        "<p>That is core to being a leader, and makes members more accountable.</p>",
                    ),
                ],
                "where": "From “Key questions: local government and social media”, on how councillors "
                "can develop their leadership and communication skills.",
                "council": None,
                "source": KEY_QUESTIONS,
                "topics": ["councillors"],
                "worked_for": ["birmingham"],
            },
        ],
    },
    {
        "slug": "the-council-wants-to-control-the-space",
        "title": "The council wants to control the conversation",
        "category": "culture",
        "summary": "The council wants to own and control the social media space, so the ways residents "
        "can engage with it stay limited.",
        "description": [
            para(
                "<p>Control was named as the issue: local authorities want to control the social media "
                "space, the way the public engages is controlled and limited, and it is not very easy "
                "to make comments.</p>"
            ),
        ],
        "source": LOCALGOVCAMP,
        "topics": ["community-groups", "listening"],
        "faced_by": ["devon", "kirklees", "brighton", "frome"],
        "fixes": [
            {
                "slug": "go-where-the-conversations-are",
                "title": "Go to where the networks already are",
                "summary": "Do not build a council space and expect people to come: join the local "
                "networks that have already sprung up, and be sincerely part of them.",
                "steps": [
                    step("Find the local blogs, groups and people already talking about your area"),
                    step("Join in as a member of the network, not as the one in charge"),
                    step(
                        "Negotiate what is best, together",
                        "<p>You wouldn't blunder into your knitting club and announce how things will "
                        "be because you are in charge.</p>",
                    ),
                ],
                "where": "From “Key questions: local government and social media”, on creating space "
                "for community conversations without overpowering them.",
                "council": None,
                "source": KEY_QUESTIONS,
                "topics": ["community-groups"],
                "worked_for": ["frome", "brighton", "devon"],
            },
            {
                "slug": "listen-to-what-communities-already-do",
                "title": "Listen first to what communities already do",
                "summary": "Work out what is already being done by your communities and connect to it, "
                "rather than trying to create something new.",
                "steps": [
                    step("Listen: find out what residents are already doing for each other"),
                    step("Connect the council's work to it"),
                    step("Design services with people, not for them"),
                ],
                "where": "From the co-production session at the Enhancing Local Democracy conference.",
                "council": None,
                "source": LOCAL_DEMOCRACY,
                "topics": ["listening", "co-production"],
                "worked_for": ["kirklees"],
            },
        ],
    },
    {
        "slug": "teams-work-in-silos",
        "title": "Communications, engagement and democracy work in silos",
        "category": "resources",
        "summary": "Three teams deal with the public in parallel and separately, so the council's "
        "voice online is out of step and skills stay where they are.",
        "description": [
            para(
                "<p>Communications teams need to learn to manage interaction, engagement teams to "
                "produce engaging content online, and all of them to use formal democracy so the "
                "public are not disappointed. This is about internal knowledge management and skills "
                "exchange.</p>"
            ),
        ],
        "source": MAKE_IT_USEFUL,
        "topics": ["co-production", "councillors"],
        "faced_by": ["warwickshire", "norfolk", "lewisham"],
        "fixes": [
            {
                "slug": "sit-the-three-teams-down-together",
                "title": "Sit the three teams down together",
                "summary": "Bring communications, citizen engagement and democratic services together to "
                "work out how they want to manage the relationship with the citizen.",
                "steps": [
                    step("Get the three teams in one room"),
                    step("Agree how the council's public persona stays in step across sites"),
                    step("Let individuals keep their own voice, and talk to each other internally"),
                ],
                "where": "Recommended in a 2009 post on the coming together of communications, "
                "engagement and formal democracy.",
                "council": None,
                "source": MAKE_IT_USEFUL,
                "topics": ["co-production"],
                "worked_for": ["warwickshire", "lewisham"],
            },
            {
                "slug": "swap-skills-between-teams",
                "title": "Swap skills between the teams",
                "summary": "Each team needs skills the others have: set up a skills exchange rather than "
                "centralising the work.",
                "steps": [
                    step("List the skills each team needs from the others"),
                    step("Pair people across teams for short exchanges"),
                    step("Keep three strands of work, with shared knowledge"),
                ],
                "where": "From the same 2009 post: “it is about internal knowledge management and skills "
                "exchange.”",
                "council": None,
                "source": MAKE_IT_USEFUL,
                "topics": ["skills"],
                "worked_for": ["norfolk"],
            },
        ],
    },
    {
        "slug": "no-one-to-drive-it",
        "title": "No one has the time or role to drive it",
        "category": "resources",
        "summary": "Social media is nobody's job: there is no budget or post for it, and it depends on "
        "a few enthusiasts in their spare moments.",
        "description": [
            para(
                "<p>The 2009 session called for passionate people to drive the use of social media "
                "further, and for more shared learning: share policy, progress and the barriers faced.</p>"
            ),
        ],
        "source": LOCALGOVCAMP,
        "topics": ["culture-change", "skills"],
        "faced_by": ["frome", "lichfield", "monmouthshire", "northumberland", "norfolk"],
        "fixes": [
            {
                "slug": "find-and-back-the-passionate-people",
                "title": "Find and back the passionate people",
                "summary": "Find the people who are passionate about this, and reward those who share "
                "what they know.",
                "steps": [
                    step("Find the enthusiasts across services"),
                    step("Give them explicit permission to help others"),
                    step("Reward and recognise sharing"),
                ],
                "where": "From the LocalGovCamp 2009 session and “Key questions: local government and "
                "social media”.",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["culture-change", "skills"],
                "worked_for": ["lichfield", "northumberland", "frome"],
            },
            {
                "slug": "share-policy-progress-and-barriers",
                "title": "Share your policy, progress and barriers with other councils",
                "summary": "Do not start from scratch: share more, show the good practice, and learn "
                "from councils that have faced the same barriers.",
                "steps": [
                    step("Publish your social media policy and what you have learned"),
                    step("Join the conversations between councils"),
                    step("Borrow what worked elsewhere, and say where it came from"),
                ],
                "where": "The 2009 session's call for more shared learning and discussion: this "
                "knowledge base is one answer.",
                "council": None,
                "source": LOCALGOVCAMP,
                "topics": ["culture-change"],
                "worked_for": ["monmouthshire", "norfolk"],
            },
        ],
    },
]

# Fixes waiting for a moderator, so the editor's dashboard has something to review:
# (barrier slug, owner username, how it was submitted, fix).
PENDING_FIXES = [
    (
        "risk-assessments-used-to-keep-control",
        "member",
        "suggested on the site",
        {
            "slug": "carry-out-the-risk-management-exercise-together",
            "title": "Carry out the risk management exercise together",
            "summary": "Do the risk management exercise with the service, including the concerns about "
            "third parties placing content, rather than leaving it to be done to you.",
            "steps": [
                step("Ask to take part in the risk management exercise"),
                step("Bring the concerns about third-party content into the open"),
                step("Agree how each concern will be handled, not whether to start"),
            ],
            "where": "From Tom Gaskin's notes of the LocalGovCamp 2009 session, which began with a risk "
            "management exercise.",
            "council": "lichfield",
            "source": LOCALGOVCAMP,
            "topics": ["risk-assessment"],
        },
    ),
    (
        "staff-lack-skills-and-confidence",
        "author2",
        "submitted in the editor",
        {
            "slug": "digital-literacy-for-staff",
            "title": "Teach critical skills for handling information",
            "summary": "Digital media literacy and refined critical skills for processing information "
            "will be critical: build them into staff training.",
            "steps": [
                step("Treat bloggers, newspapers and academics as sources to weigh alike"),
                step("Teach staff to check before they share"),
            ],
            "where": "From “Key questions: local government and social media”, on next practice.",
            "council": "norfolk",
            "source": KEY_QUESTIONS,
            "topics": ["skills"],
        },
    ),
]


def topics_named(slugs):
    return list(Topic.objects.filter(slug__in=slugs))


def councils_by_short_name():
    names = Council.objects.in_bulk(list(AT.values()), field_name="name")
    return {short: names.get(full) for short, full in AT.items()}
