"""Demo surgeries: upcoming and past, for each audience and format, with bookings, a waitlist,
a cancelled surgery, help records and attendees' "did this help?" answers. Running it again
changes nothing: a surgery that exists (by slug) is left alone, bookings are only added to a
surgery created by this run, and a booking that has feedback keeps it."""

from datetime import timedelta

from django.utils import timezone

from cms.demo_content import ensure_child_page, get_home_page
from cms.models import Topic
from practice.models import BarrierPage, FixPage, MentorIndexPage, MentorPage

from .feedback import ASK_AFTER, ASKED_STATUSES
from .models import (
    AllowedEmailDomain,
    Audience,
    Booking,
    Format,
    HelpRecord,
    ImpactPage,
    SurgeryFeedback,
    SurgeryIndexPage,
    SurgeryPage,
)

STAFF_DOMAINS = [
    ("gov.uk", "UK public sector, including most councils"),
    ("devon.gov.uk", "Devon County Council"),
    ("kirklees.gov.uk", "Kirklees Council"),
    ("practicehub.localhost", "Demo accounts"),
]

VENUE_EXETER = "Committee Room 2, County Hall, Topsham Road, Exeter EX2 4QD"
VENUE_HUDDERSFIELD = "Huddersfield Library, Princess Alexandra Walk, Huddersfield HD1 2SU"
VENUE_BRIGHTON = "Jubilee Library, Jubilee Street, Brighton BN1 1GE"

# slug, title, days from today, hour, format, audience, capacity, walk-ins, region, topics,
# mentors (0 = the demo mentor, 1 = another), bookings, status, description
SURGERIES = [
    (
        "twitter-for-service-updates",
        "Twitter for service updates",
        6,
        10,
        Format.IN_PERSON,
        Audience.STAFF,
        8,
        False,
        "south_west",
        ["twitter", "risk-assessment"],
        [0],
        {"confirmed": 5},
        "scheduled",
        "For council officers who want to tweet road closures, bin days and service changes: "
        "accounts, tone, what to do when people reply, and getting sign-off.",
    ),
    (
        "facebook-for-community-groups",
        "Facebook for community groups",
        9,
        18,
        Format.HYBRID,
        Audience.PUBLIC,
        4,
        True,
        "yorkshire",
        ["facebook", "community-groups"],
        [0, 1],
        {"confirmed": 4, "waitlisted": 2},
        "scheduled",
        "Residents' associations, friends-of groups and hyperlocal sites: set up a page, keep it "
        "going, and reach people who never read the council's newsletter.",
    ),
    (
        "blogging-and-measuring-what-works",
        "Blogging and measuring what works",
        16,
        13,
        Format.ONLINE,
        Audience.BOTH,
        12,
        False,
        "",
        ["blogging", "metrics"],
        [1],
        {"confirmed": 3},
        "scheduled",
        "Start a blog, then count what matters: reach, replies and the citizen hours you saved.",
    ),
    (
        "young-people-and-safeguarding",
        "Young people and safeguarding online",
        12,
        15,
        Format.IN_PERSON,
        Audience.STAFF,
        10,
        False,
        "south_east",
        ["young-people"],
        [0],
        {"confirmed": 2},
        "cancelled",
        "How youth services can use social media without putting children at risk.",
    ),
    (
        "getting-past-blocked-sites",
        "Getting past blocked sites",
        -14,
        10,
        Format.IN_PERSON,
        Audience.STAFF,
        8,
        True,
        "south_west",
        ["internet-access", "culture-change"],
        [0],
        {"attended": 4, "no_show": 1, "walk_in": 2},
        "scheduled",
        "What to say to IT and information governance when social media sites are blocked at work.",
    ),
    (
        "video-for-beginners",
        "Video for beginners",
        -40,
        14,
        Format.ONLINE,
        Audience.PUBLIC,
        10,
        False,
        "",
        ["video"],
        [1],
        {"attended": 3, "no_show": 1},
        "scheduled",
        "Short clips on a phone: filming, captions and where to post them.",
    ),
    (
        "councillors-online",
        "Councillors online",
        -70,
        18,
        Format.HYBRID,
        Audience.BOTH,
        10,
        True,
        "west_midlands",
        ["councillors", "listening"],
        [0, 1],
        {"attended": 3},
        "scheduled",
        "For councillors and the officers who support them: listening first, then joining in.",
    ),
]

PEOPLE = [
    ("Sam Patel", "Frome Town Council"),
    ("Jo Williams", "Kirklees Council"),
    ("Alex Chen", "Friends of Greenhead Park"),
    ("Morgan Davies", "Monmouthshire County Council"),
    ("Priya Kaur", "Hove Residents' Association"),
    ("Chris O'Neill", "Devon County Council"),
    ("Taylor Brown", "Lichfield District Council"),
    ("Jamie Roberts", "Norfolk Youth Forum"),
]

WANTS = [
    "Our service updates get no replies: how do we start a conversation?",
    "I have been told we need a risk assessment before we can post anything.",
    "How do I get a page for our group going and keep it going?",
    "What should we measure, and how do we show it to managers?",
    "",
]

# The answers past surgeries' attendees gave to the "did this help?" email, in booking order
# ("" = asked, never answered): mostly yes, as at real surgeries, but not only.
FEEDBACK_ANSWERS = ["yes", "yes", "partly", "", "yes", "no", "yes", "partly"]


def load(command):
    home = get_home_page()
    index = ensure_child_page(
        home,
        SurgeryIndexPage,
        "surgeries",
        title="Social media surgeries",
        intro="Book an hour with a volunteer digital mentor: bring your questions, your phone or laptop, "
        "and the thing that has been holding you back.",
        show_in_menus=True,
    )
    for domain, note in STAFF_DOMAINS:
        AllowedEmailDomain.objects.get_or_create(domain=domain, defaults={"note": note})
    mentors = _demo_mentors(home)
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    # Help records spread over a few barriers (and a fix of each), so the impact report's
    # "barriers most tackled" and "fixes most shared" have something to rank.
    barriers = list(BarrierPage.objects.live().order_by("pk")[:4])
    tackled = [
        (barrier, FixPage.objects.live().child_of(barrier).order_by("pk").first()) for barrier in barriers
    ]

    created = 0
    for row in SURGERIES:
        slug = row[0]
        if index.get_children().filter(slug=slug).exists():
            continue
        surgery = _create_surgery(index, row, mentors, topics)
        _add_bookings(surgery, row[11], topics, mentors, tackled)
        created += 1
    answered = _add_feedback(index)
    ensure_child_page(
        home,
        ImpactPage,
        "impact",
        title="Our impact",
        intro="What the surgeries, the mentors and the councils' case studies have added up to. "
        "Only totals: never anyone's name or details.",
        show_in_menus=True,
    )
    command.stdout.write(
        f"  surgeries: {created} surgeries created ({len(SURGERIES) - created} already there), "
        f"{answered} feedback answers added"
    )


def _demo_mentors(home):
    """The demo mentor user's profile (made if the mentors' demo did not link one), and one
    more mentor to share surgeries with."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username="mentor").first()
    mentor = MentorPage.objects.filter(user=user).first() if user else None
    mentor_index = MentorIndexPage.objects.first() or ensure_child_page(
        home, MentorIndexPage, "mentors", title="Digital mentors", show_in_menus=True
    )
    if mentor is None:
        mentor = ensure_child_page(
            mentor_index,
            MentorPage,
            "carl-mentor",
            title="Carl Mentor",
            role="Digital communications officer",
            contact_email="mentor@practicehub.localhost",
            user=user,
        )
    other = MentorPage.objects.live().exclude(pk=mentor.pk).order_by("pk").first() or ensure_child_page(
        mentor_index,
        MentorPage,
        "dana-digital",
        title="Dana Digital",
        role="Community engagement lead",
        organisation="Hyperlocal Brighton",
        contact_email="dana@practicehub.localhost",
    )
    return [mentor, other]


def _create_surgery(index, row, mentors, topics):
    slug, title, days, hour, fmt, audience, capacity, walk_ins, region, topic_slugs, mentor_numbers = row[:11]
    status, description = row[12], row[13]
    day = timezone.localdate() + timedelta(days=days)
    start = timezone.make_aware(timezone.datetime(day.year, day.month, day.day, hour, 0))
    venue = {"south_west": VENUE_EXETER, "yorkshire": VENUE_HUDDERSFIELD}.get(region, VENUE_BRIGHTON)
    surgery = SurgeryPage(
        title=title,
        slug=slug,
        start=start,
        end=start + timedelta(hours=2),
        format=fmt,
        audience=audience,
        capacity=capacity,
        walk_ins_welcome=walk_ins,
        region=region,
        description=description,
        venue=venue if fmt != Format.ONLINE else "",
        joining_link=f"https://meet.example.org/practicehub-{slug}" if fmt != Format.IN_PERSON else "",
        status=status,
    )
    index.add_child(instance=surgery)
    surgery.mentors.set([mentors[number] for number in mentor_numbers])
    surgery.topics.set([topics[slug] for slug in topic_slugs if slug in topics])
    surgery.save_revision().publish()
    return surgery


def _add_bookings(surgery, spec, topics, mentors, tackled):
    now = timezone.now()
    people = iter(enumerate(PEOPLE * 3))
    surgery_topics = list(surgery.topics.all())
    for status, number in spec.items():
        for _ in range(number):
            n, (name, organisation) = next(people)
            walk_in = status == "walk_in"
            email = "" if walk_in else f"{name.lower().replace(' ', '.').replace(chr(39), '')}@example.org"
            if surgery.audience == Audience.STAFF and email:
                email = email.replace("@example.org", "@devon.gov.uk")
            created = min(now, surgery.start) - timedelta(days=10, minutes=n)
            booking = Booking.objects.create(
                surgery=surgery,
                name=name,
                email=email,
                organisation=organisation,
                help_wanted=WANTS[n % len(WANTS)],
                status=Booking.Status.ATTENDED if walk_in else status,
                is_walk_in=walk_in,
                created_at=created,
                confirmed_at=None if status == "waitlisted" else created,
                # Demo bookings were "emailed" already: loading the demo sends no mail.
                confirmation_sent_at=created,
                reminder_sent_at=created if surgery.start < now else None,
                surgery_cancelled_sent_at=created if surgery.is_cancelled else None,
            )
            booking.topics.set(surgery_topics[:1])
            if booking.status == Booking.Status.ATTENDED:
                barrier, fix = tackled[n % len(tackled)] if tackled and n % 3 != 2 else (None, None)
                record = HelpRecord.objects.create(
                    surgery=surgery,
                    booking=booking,
                    mentor=surgery.mentors.first(),
                    barrier=barrier,
                    fix_shared=fix if n % 2 == 0 else None,
                    minutes=15 + 5 * (n % 4),
                    outcome=[HelpRecord.Outcome.SOLVED, HelpRecord.Outcome.STARTED][n % 2],
                    outcome_note="Set up the account together and agreed a first week of posts.",
                    created_at=surgery.end,
                )
                record.topics.set(surgery_topics[:2])


def _add_feedback(index):
    """Past demo surgeries' attendees were asked "did this help?" the day after, and most
    answered, so the impact report has feedback to show. Rows are written directly: loading
    the demo sends no email. Bookings that have feedback already are left alone."""
    now = timezone.now()
    demo_slugs = [row[0] for row in SURGERIES]
    bookings = (
        Booking.objects.filter(
            surgery__in=SurgeryPage.objects.child_of(index).filter(slug__in=demo_slugs),
            surgery__status=SurgeryPage.Status.SCHEDULED,
            surgery__end__lte=now - ASK_AFTER,
            status__in=ASKED_STATUSES,
            feedback__isnull=True,
            anonymised_at__isnull=True,
        )
        .exclude(email="")
        .select_related("surgery")
        .order_by("surgery__start", "pk")
    )
    added = 0
    for number, booking in enumerate(bookings):
        asked = booking.surgery.end + ASK_AFTER
        answer = FEEDBACK_ANSWERS[number % len(FEEDBACK_ANSWERS)]
        SurgeryFeedback.objects.create(
            booking=booking,
            requested_at=asked,
            answer=answer,
            answered_at=asked + timedelta(hours=2 + number % 5) if answer else None,
        )
        added += 1
    return added
