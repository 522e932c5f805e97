"""Demo digital mentors: a spread of councils, topics, platforms and offers."""

from django.contrib.auth import get_user_model

from cms.demo_content import ensure_child_page, get_home_page
from cms.models import Council, Platform, Topic
from practice.models import MentorIndexPage, MentorPage
from practice.services.mentor_profiles import put_under_moderation

MENTOR_INDEX_INTRO = (
    "Digital mentors are council officers, councillors and community volunteers who have got past "
    "the same hurdles you face. Find one who knows your topic, book a place at their next social media "
    "surgery, or send them a question: we pass it on without showing anyone their email address."
)

# slug: (name, role, council or None, organisation, topics, platforms, offers (surgeries, calls,
#        messages), availability, languages, bio, username of the linked demo member or None)
MENTORS = {
    "carl-mentor": (
        "Carl Mentor",
        "Digital engagement lead",
        "Devon County Council",
        "",
        ["culture-change", "strategy", "internal-networks", "blogging"],
        ["blogs", "internal-network", "twitter"],
        (True, True, True),
        "Thursday afternoons",
        "English",
        "<p>Carl started the council's first staff blog in 2008 and has helped a dozen services open "
        "up since. He is happiest talking about <b>why</b> before <b>how</b>: what the service wants "
        "to change, and who is already talking about it online.</p>",
        "mentor",
    ),
    "priya-shah": (
        "Priya Shah",
        "Social media manager",
        "Birmingham City Council",
        "",
        ["twitter", "listening", "metrics"],
        ["twitter", "facebook", "instagram"],
        (True, True, True),
        "Weekday mornings",
        "English, Gujarati, Hindi",
        "<p>Priya runs the city's corporate accounts and a network of forty service accounts. Ask her "
        "about listening before you post, handling a storm of replies, and reporting reach in a way "
        "directors understand.</p>",
        None,
    ),
    "gareth-jones": (
        "Gareth Jones",
        "Community engagement officer",
        "Monmouthshire County Council",
        "",
        ["community-groups", "co-production", "video"],
        ["facebook", "youtube"],
        (True, False, True),
        "Tuesdays and Wednesdays",
        "English, Welsh",
        "<p>Gareth works with town and community councils and local groups on short videos and "
        "Facebook groups that residents actually run. He has co-produced two library services with "
        "their users.</p>",
        None,
    ),
    "aisha-okafor": (
        "Aisha Okafor",
        "Youth services digital lead",
        "London Borough of Lewisham",
        "",
        ["young-people", "risk-assessment", "video"],
        ["instagram", "youtube"],
        (True, True, True),
        "Monday and Friday afternoons",
        "English, Yoruba",
        "<p>Aisha wrote Lewisham's safeguarding guidance for working with young people online, with "
        "young people. Bring her your risk assessment and she will help you turn it from a reason to "
        "say no into a plan.</p>",
        None,
    ),
    "tom-hedley": (
        "Tom Hedley",
        "ICT security adviser",
        "Northumberland County Council",
        "",
        ["internet-access", "risk-assessment"],
        ["internal-network", "forums"],
        (False, True, True),
        "By arrangement",
        "English",
        "<p>Tom is the person IT teams listen to. He helped unblock social sites for 5,000 staff "
        "with an acceptable-use policy instead of a firewall rule, and can talk your IT team "
        "through it.</p>",
        None,
    ),
    "helen-marsh": (
        "Cllr Helen Marsh",
        "Ward councillor",
        "Kirklees Council",
        "",
        ["councillors", "twitter", "blogging"],
        ["twitter", "blogs"],
        (True, False, True),
        "Friday mornings, outside purdah",
        "English",
        "<p>Helen has blogged her ward surgeries since her first term. She mentors councillors "
        "who want to have conversations online rather than broadcast, and knows the code of "
        "conduct questions that come up.</p>",
        None,
    ),
    "rachel-green": (
        "Rachel Green",
        "Performance and insight analyst",
        "Norfolk County Council",
        "",
        ["metrics", "strategy"],
        ["linkedin", "facebook"],
        (False, True, True),
        "Alternate Wednesdays",
        "English",
        "<p>Rachel measures what social media changes for residents, including the citizen time "
        "saved when a question is answered online. She can help you choose three numbers worth "
        "reporting and drop the rest.</p>",
        None,
    ),
    "sam-okoye": (
        "Sam Okoye",
        "Co-ordinator",
        None,
        "Neighbourhood Blogs Network",
        ["community-groups", "blogging", "skills"],
        ["blogs", "podcasts", "flickr"],
        (True, False, True),
        "Saturday mornings",
        "English",
        "<p>Sam helps residents start hyperlocal blogs and podcasts, and helps councils join those "
        "conversations as a neighbour rather than a broadcaster. He runs surgeries in libraries "
        "for anyone who wants to start.</p>",
        None,
    ),
    "fiona-campbell": (
        "Fiona Campbell",
        "Digital skills trainer",
        "Warwickshire County Council",
        "",
        ["skills", "facebook", "culture-change"],
        ["facebook", "youtube", "linkedin"],
        (True, True, False),
        "School term time",
        "English",
        "<p>Fiona trains frontline staff, from housing repairs to libraries, to use social media "
        "for their work and to pass the skills on to the residents they meet.</p>",
        None,
    ),
    "dev-patel": (
        "Dev Patel",
        "Web and video producer",
        "Brighton & Hove City Council",
        "",
        ["video", "listening", "skills"],
        ["youtube", "instagram", "twitter"],
        (True, False, True),
        "Wednesday afternoons",
        "English, Punjabi",
        "<p>Dev makes short videos on a phone budget: planning notices, bin day changes, "
        "recruitment. He will show you how to film, caption and subtitle one in an afternoon.</p>",
        None,
    ),
}


def load_mentors(command):
    home = get_home_page()
    index = ensure_child_page(
        home,
        MentorIndexPage,
        "mentors",
        title="Digital mentors",
        intro=MENTOR_INDEX_INTRO,
        show_in_menus=True,
    )
    put_under_moderation(index)
    councils = {council.name: council for council in Council.objects.all()}
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    platforms = {platform.slug: platform for platform in Platform.objects.all()}
    existing = set(index.get_children().values_list("slug", flat=True))
    users = get_user_model().objects

    for slug, (
        name,
        role,
        council,
        organisation,
        topic_slugs,
        platform_slugs,
        (surgeries, calls, questions),
        availability,
        languages,
        bio,
        username,
    ) in MENTORS.items():
        if slug in existing:
            continue
        mentor = MentorPage(
            slug=slug,
            title=name,
            role=role,
            council=councils.get(council),
            organisation=organisation,
            bio=bio,
            offers_surgeries=surgeries,
            offers_calls=calls,
            offers_messages=questions,
            availability=availability,
            languages=languages,
            contact_email=f"{slug}@mentors.practicehub.localhost",
            user=users.filter(username=username).first() if username else None,
        )
        mentor.topics.add(*(topics[topic] for topic in topic_slugs))
        mentor.platforms = [platforms[platform] for platform in platform_slugs]
        index.add_child(instance=mentor)
        mentor.save_revision().publish()
    command.stdout.write(f"  practice: {len(MENTORS)} digital mentors at /mentors/")
