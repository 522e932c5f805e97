"""Demo engagement: councils' Charter of Engagement pledges and the topics demo members follow.

Loaded after the knowledge base and case studies, because a pledge's progress is the council's
own case studies and fixes on the pledged barriers: the pledges below name barriers their
councils have evidence for (and one with none yet, to show a pledge just begun). Running it
again creates nothing: a pledge is known by its council and statement, a follow by its member
and topic.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models import Topic, TopicFollow

from .models import BarrierPage, CharterPledge

# (username of the member who pledged, barrier slugs, days from today it is due, days ago it
#  was made, who is responsible, the pledge)
PLEDGES = [
    (
        "jo-devon",
        ["waiting-for-the-corporate-strategy", "no-link-to-what-the-council-is-trying-to-do"],
        150,
        40,
        "The chief executive, with the head of communications",
        "Devon County Council will stop waiting for a social media strategy: every directorate "
        "will run one pilot tied to an objective in the council plan, and report what it "
        "learned to the corporate leadership team.",
    ),
    (
        "priya-brighton",
        ["fear-of-children-being-identified"],
        100,
        25,
        "The director of children's services",
        "Brighton & Hove will agree with young people a safe way to share their voices online, "
        "and publish the guidance so youth workers can use it without asking permission each time.",
    ),
    (
        "helen-kirklees",
        ["teams-work-in-silos", "value-of-citizen-time-is-not-counted"],
        220,
        12,
        "The assistant director for policy and partnerships",
        "Kirklees will bring communications, engagement and democratic services into one online "
        "team plan, and put a value on the hours residents give in our next business case.",
    ),
    (
        "mike-norfolk",
        ["blocked-internet-access"],
        60,
        30,
        "The head of ICT, with the information governance lead",
        "Norfolk County Council will open social media sites to every member of staff who asks, "
        "with a short guide instead of a blanket block.",
    ),
]

# username: topic slugs they follow for the weekly digest
FOLLOWS = {
    "member": ["twitter", "metrics", "councillors"],
    "jo-devon": ["strategy", "culture-change"],
    "priya-brighton": ["young-people", "risk-assessment"],
    "tom-birmingham": ["listening", "metrics"],
}


def load_engagement(command):
    pledges = load_charter_pledges()
    follows = load_topic_follows()
    command.stdout.write(f"  practice: {pledges} charter pledges and {follows} topic follows created")


def load_charter_pledges():
    users = get_user_model().objects.in_bulk([row[0] for row in PLEDGES], field_name="username")
    created = 0
    for username, barrier_slugs, due_in, made_ago, responsible, statement in PLEDGES:
        user = users.get(username)
        if user is None or user.council_id is None:
            continue
        pledge, is_new = CharterPledge.objects.get_or_create(
            council_id=user.council_id,
            statement=statement,
            defaults={
                "pledged_by": user,
                "responsible": responsible,
                "due_date": timezone.localdate() + timedelta(days=due_in),
                "created": timezone.now() - timedelta(days=made_ago),
            },
        )
        if is_new:
            pledge.barriers.set(BarrierPage.objects.live().filter(slug__in=barrier_slugs))
            created += 1
    return created


def load_topic_follows():
    users = get_user_model().objects.in_bulk(list(FOLLOWS), field_name="username")
    topics = Topic.objects.in_bulk([slug for slugs in FOLLOWS.values() for slug in slugs], field_name="slug")
    created = 0
    for username, slugs in FOLLOWS.items():
        if username not in users:
            continue
        for slug in slugs:
            if slug in topics:
                _, is_new = TopicFollow.objects.get_or_create(
                    user=users[username],
                    topic=topics[slug],
                    defaults={"created_at": timezone.now() - timedelta(days=14)},
                )
                created += is_new
    return created
