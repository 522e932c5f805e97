"""Demo content of the shared base, and the helpers every app's demo content uses.

``manage.py load_demo_content`` calls ``load(command)`` in the ``demo_content`` module of each
installed project app, in INSTALLED_APPS order (cms first). Every helper here creates what is
missing and leaves what exists alone, so running the command twice changes nothing.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Site

from .models import Council, HomePage, Platform, StandardPage, Topic

DEMO_PASSWORD = "practice-hub-demo"  # noqa: S105 - printed on purpose: demo sign-in only

COUNCILS = [
    ("Devon County Council", Council.Kind.COUNTY, Council.Region.SOUTH_WEST, "https://www.devon.gov.uk"),
    (
        "Brighton & Hove City Council",
        Council.Kind.UNITARY,
        Council.Region.SOUTH_EAST,
        "https://www.brighton-hove.gov.uk",
    ),
    (
        "Birmingham City Council",
        Council.Kind.METROPOLITAN,
        Council.Region.WEST_MIDLANDS,
        "https://www.birmingham.gov.uk",
    ),
    ("Kirklees Council", Council.Kind.METROPOLITAN, Council.Region.YORKSHIRE, "https://www.kirklees.gov.uk"),
    (
        "London Borough of Lewisham",
        Council.Kind.LONDON_BOROUGH,
        Council.Region.LONDON,
        "https://lewisham.gov.uk",
    ),
    (
        "Lichfield District Council",
        Council.Kind.DISTRICT,
        Council.Region.WEST_MIDLANDS,
        "https://www.lichfielddc.gov.uk",
    ),
    (
        "Monmouthshire County Council",
        Council.Kind.UNITARY,
        Council.Region.WALES,
        "https://www.monmouthshire.gov.uk",
    ),
    (
        "Northumberland County Council",
        Council.Kind.UNITARY,
        Council.Region.NORTH_EAST,
        "https://www.northumberland.gov.uk",
    ),
    ("Norfolk County Council", Council.Kind.COUNTY, Council.Region.EAST, "https://www.norfolk.gov.uk"),
    (
        "Warwickshire County Council",
        Council.Kind.COUNTY,
        Council.Region.WEST_MIDLANDS,
        "https://www.warwickshire.gov.uk",
    ),
    (
        "Frome Town Council",
        Council.Kind.TOWN_PARISH,
        Council.Region.SOUTH_WEST,
        "https://www.frometowncouncil.gov.uk",
    ),
    (
        "Ofqual",
        Council.Kind.OTHER,
        Council.Region.NATIONAL,
        "https://www.gov.uk/government/organisations/ofqual",
    ),
]

TOPICS = [
    ("twitter", "Using Twitter (now X) for service updates, conversation and listening."),
    ("facebook", "Facebook pages, groups and adverts data."),
    ("blogging", "Blogs as a fast, conversational way to publish."),
    ("risk-assessment", "Risk assessments, policies and governance for social media."),
    ("young-people", "Reaching and safeguarding children and young people online."),
    ("metrics", "Measuring reach, outcomes and value, including citizen time."),
    ("culture-change", "Changing how the organisation thinks about the social web."),
    ("councillors", "Elected members using social media."),
    ("internet-access", "Getting past blocked sites and locked-down equipment."),
    ("co-production", "Designing and delivering services with citizens."),
    ("listening", "Finding and following the conversations already happening."),
    ("internal-networks", "Social tools inside the organisation."),
    ("strategy", "Linking social media to the council's strategy and priorities."),
    ("skills", "Digital skills and confidence for staff and citizens."),
    ("community-groups", "Working with hyperlocal sites and community groups."),
    ("video", "Video and audio, from YouTube to short clips."),
]

PLATFORMS = [
    ("Twitter / X", "twitter"),
    ("Facebook", "facebook"),
    ("Blogs", "blogs"),
    ("YouTube", "youtube"),
    ("Flickr", "flickr"),
    ("LinkedIn", "linkedin"),
    ("Instagram", "instagram"),
    ("Internal social network", "internal-network"),
    ("Online forums", "forums"),
    ("Podcasts", "podcasts"),
]

DEMO_USERS = [
    # (username, first, last, group, council, is_superuser)
    ("admin", "Ada", "Admin", None, "Devon County Council", True),
    ("moderator", "Morgan", "Moderator", "Moderators", "Kirklees Council", False),
    ("author", "Alex", "Author", "Authors", "Brighton & Hove City Council", False),
    ("author2", "Sam", "Second-Author", "Authors", "Norfolk County Council", False),
    ("mentor", "Carl", "Mentor", "Mentors", "Devon County Council", False),
    ("member", "Mel", "Member", None, "Lichfield District Council", False),
]

STANDARD_PAGES = [
    (
        "about",
        "About Practice Hub",
        "Practice Hub is where people in UK councils learn from each other how to use social media well.",
        [
            ("heading", {"text": "Why it exists", "level": "h2"}),
            (
                "paragraph",
                "<p>In 2009 council officers at LocalGovCamp listed fifty hurdles that stopped them using "
                "social media: blocked internet access, risk assessments used to keep control, fear of "
                "children being identified, and being told not to call it a website. They also shared the "
                "tips that got them past. Practice Hub keeps that knowledge alive and adds to it: case "
                "studies, a moderated knowledge base, social media surgeries and digital mentors.</p>",
            ),
            (
                "quote",
                {
                    "quote": "Support would include identifying digital mentors in your teams and offering social "
                    "media surgeries, some for insiders, some for outsiders and some for both.",
                    "attribution": "Key questions: local government and social media",
                },
            ),
        ],
    ),
    (
        "accessibility",
        "Accessibility statement",
        "We want as many people as possible to be able to use Practice Hub.",
        [
            (
                "paragraph",
                "<p>This statement applies to Practice Hub. It aims to meet the Web Content Accessibility "
                "Guidelines (WCAG) 2.2 at level AA, as the Public Sector Bodies (Websites and Mobile "
                "Applications) (No. 2) Accessibility Regulations 2018 require of councils.</p>"
                "<ul><li>every page works with a keyboard alone and without JavaScript</li>"
                "<li>text can be zoomed to 400% without loss of content</li>"
                "<li>pages are tested automatically with axe-core on every change</li></ul>",
            ),
            ("heading", {"text": "Reporting problems", "level": "h2"}),
            (
                "paragraph",
                "<p>If you find a problem, tell a moderator through the About page, and we will reply "
                "within 5 working days.</p>",
            ),
        ],
    ),
    (
        "privacy",
        "Privacy notice",
        "What we keep about you, why, and for how long.",
        [
            (
                "paragraph",
                "<p>When you book a surgery place we keep your name, email address, organisation and what "
                "you want help with, so the mentors can prepare and we can send you reminders. Only you, "
                "the surgery's mentors and the site's administrators can see them. We remove these "
                "details after the surgery, keeping only anonymous counts for the impact report.</p>"
                "<p>Mentors' email addresses are never shown: messages are relayed to them.</p>",
            ),
        ],
    ),
]


def get_home_page():
    site = Site.objects.get(is_default_site=True)
    return site.root_page.specific


def ensure_child_page(parent, model, slug, **fields):
    """Return the live child of ``parent`` with ``slug``, creating and publishing it if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_user(username, *, first_name, last_name, group=None, council=None, is_superuser=False):
    """Create a demo member with a verified email address, so they can sign in straight away."""
    user_model = get_user_model()
    email = f"{username}@practicehub.localhost"
    user, created = user_model.objects.get_or_create(
        username=username,
        defaults={
            "email": email,
            "first_name": first_name,
            "last_name": last_name,
            "council": council,
            "is_superuser": is_superuser,
            "is_staff": is_superuser,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        if group:
            user.groups.add(Group.objects.get(name=group))
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    return user


def load(command):
    councils = {}
    for name, kind, region, website in COUNCILS:
        councils[name], _ = Council.objects.get_or_create(
            name=name, defaults={"kind": kind, "region": region, "website": website}
        )
    for name, description in TOPICS:
        Topic.objects.get_or_create(slug=name, defaults={"name": name, "description": description})
    for name, slug in PLATFORMS:
        Platform.objects.get_or_create(slug=slug, defaults={"name": name})

    for username, first, last, group, council, is_superuser in DEMO_USERS:
        ensure_user(
            username,
            first_name=first,
            last_name=last,
            group=group,
            council=councils[council],
            is_superuser=is_superuser,
        )

    home = get_home_page()
    if isinstance(home, HomePage) and not home.body:
        home.body = [
            (
                "paragraph",
                "<p>People are talking about your council online: they are just not talking to you. "
                "Practice Hub helps you join in, with what other councils learned the hard way.</p>",
            )
        ]
        home.save_revision().publish()

    for slug, title, intro, body in STANDARD_PAGES:
        ensure_child_page(home, StandardPage, slug, title=title, intro=intro, body=body, show_in_menus=False)
    command.stdout.write("  cms: councils, topics, platforms, demo users and standard pages")


def credentials():
    """The demo sign-in details, printed by the command so a new user can try every role."""
    return [
        (username, group or ("site admin" if superuser else "member"))
        for username, _, _, group, _, superuser in DEMO_USERS
    ]


__all__ = ["DEMO_PASSWORD", "credentials", "ensure_child_page", "ensure_user", "get_home_page", "load"]
