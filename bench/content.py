"""Fast content building, shared by the benchmark (bench/generate.py) and the query-budget
tests (tests/test_page_query_budgets.py): many pages of each kind in seconds, not minutes.

Pages are added under each parent with treebeard paths computed here (one INSERT per page and
its inline children, not a "last child" query and a parent update per page); bookings,
endorsements and help records are bulk-created. Callers turn off search and reference index
updates while they build (``quiet_page_saves``). Importing this module sets nothing up: the
caller has configured Django.
"""

import random
from contextlib import contextmanager
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.models import User
from practice.models import (
    BarrierPage,
    BarrierTopic,
    CaseStudyBarrier,
    CaseStudyIndexPage,
    CaseStudyOutcome,
    CaseStudyPage,
    CaseStudyTopic,
    FixEndorsement,
    FixPage,
    FixTopic,
    KnowledgeBaseIndexPage,
    MentorIndexPage,
    MentorPage,
    MentorTopic,
)
from surgeries.models import Booking, Format, HelpRecord, SurgeryIndexPage, SurgeryPage, SurgeryTopic


@contextmanager
def quiet_page_saves():
    """No search index or reference index updates while pages are added (rebuild after)."""
    backends = settings.WAGTAILSEARCH_BACKENDS.values()
    previous = [backend.get("AUTO_UPDATE", True) for backend in backends]
    for backend in backends:
        backend["AUTO_UPDATE"] = False
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for backend, value in zip(backends, previous, strict=True):
            backend["AUTO_UPDATE"] = value


RANDOM = random.Random(9)


class ChildAdder:
    """Adds children under one parent page: computes each child's treebeard path from the
    parent's current last child, saves the page, and updates the parent's ``numchild`` once."""

    def __init__(self, parent):
        self.parent = parent
        last = parent.get_last_child()
        self.next_path = last._inc_path() if last else parent._get_path(parent.path, parent.depth + 1, 1)
        self.added = 0

    def add(self, page):
        page.path = self.next_path
        page.depth = self.parent.depth + 1
        page.numchild = 0
        page.live = True
        page.first_published_at = page.last_published_at = timezone.now()
        page.get_parent = lambda update=False: self.parent  # Page.save asks for it: spare the query
        page.save(clean=False)
        self.next_path = page._inc_path()
        self.added += 1
        return page

    def finish(self):
        type(self.parent).objects.filter(pk=self.parent.pk).update(numchild=self.parent.numchild + self.added)
        self.parent.numchild += self.added


def pick(items, low, high):
    return RANDOM.sample(items, min(len(items), RANDOM.randint(low, high)))


def make_barriers(count, fixes, topics, councils, users, start=0):
    index = KnowledgeBaseIndexPage.objects.first()
    adder = ChildAdder(index)
    barriers = []
    for n in range(start, start + count):
        page = BarrierPage(
            title=f"Bench barrier {n}",
            slug=f"bench-barrier-{n}",
            summary=f"Something that gets in the way, number {n}.",
            category=RANDOM.choice(BarrierPage.Category.values),
        )
        page.tagged_topics = [BarrierTopic(tag=topic) for topic in pick(topics, 1, 3)]
        barriers.append(adder.add(page))
    adder.finish()
    made = []
    for barrier_number, barrier in enumerate(barriers, start=start):
        share = fixes // count + (1 if barrier_number - start < fixes % count else 0)
        if not share:
            continue
        barrier.refresh_from_db()
        adder = ChildAdder(barrier)
        for n in range(share):
            page = FixPage(
                title=f"Bench fix {barrier_number}-{n}",
                slug=f"bench-fix-{n}",
                summary="What to do, in a sentence or two.",
                steps=[("step", {"title": "First, this", "detail": ""}), ("step", {"title": "Then that"})],
                where_it_worked="In a district council's communications team.",
                council=RANDOM.choice(councils),
            )
            page.tagged_topics = [FixTopic(tag=topic) for topic in pick(topics, 1, 3)]
            made.append(adder.add(page))
        adder.finish()
    endorsements = [
        FixEndorsement(fix=fix, user=user, council=user.council or RANDOM.choice(councils))
        for fix in made
        for user in pick(users, 0, 4)
    ]
    FixEndorsement.objects.bulk_create(endorsements, ignore_conflicts=True)
    return barriers, made


def make_mentors(count, topics, councils, platforms, start=0):
    adder = ChildAdder(MentorIndexPage.objects.first())
    mentors = []
    for n in range(start, start + count):
        page = MentorPage(
            title=f"Bench Mentor {n}",
            slug=f"bench-mentor-{n}",
            role="Digital communications officer",
            council=RANDOM.choice(councils),
            bio="<p>Happy to help councils get started.</p>",
            availability="Tuesday afternoons",
            contact_email=f"bench-mentor-{n}@example.gov.uk",
        )
        page.tagged_topics = [MentorTopic(tag=topic) for topic in pick(topics, 1, 4)]
        page.platforms = pick(platforms, 1, 3)
        mentors.append(adder.add(page))
    adder.finish()
    return mentors


def make_case_studies(count, topics, councils, platforms, barriers, mentors, start=0):
    adder = ChildAdder(CaseStudyIndexPage.objects.first())
    for n in range(start, start + count):
        page = CaseStudyPage(
            title=f"Bench case study {n}",
            slug=f"bench-case-study-{n}",
            council=RANDOM.choice(councils),
            service_area="Communications",
            stage=RANDOM.choice(CaseStudyPage.Stage.values),
            summary=f"What council {n} did and what changed.",
            published_date=date(2012, 1, 1) + timedelta(days=n % 4000),
            contact_mentor=RANDOM.choice(mentors) if mentors and n % 3 == 0 else None,
        )
        page.platforms = pick(platforms, 1, 2)
        page.tagged_topics = [CaseStudyTopic(tag=topic) for topic in pick(topics, 1, 3)]
        page.barrier_links = [CaseStudyBarrier(barrier=barrier) for barrier in pick(barriers, 0, 2)]
        page.outcomes = [
            CaseStudyOutcome(label="People reached", value=RANDOM.randint(10, 5000), unit="people")
        ]
        adder.add(page)
    adder.finish()


def make_surgeries(count, bookings, topics, mentors, start=0, first_day=-30):
    """Surgeries from ``first_day`` days from now onwards (past ones count in the impact report)."""
    adder = ChildAdder(SurgeryIndexPage.objects.first())
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    surgeries = []
    for n in range(start, start + count):
        begins = now + timedelta(days=(n % 120) + first_day, hours=n % 5)
        page = SurgeryPage(
            title=f"Bench surgery {n}",
            slug=f"bench-surgery-{n}",
            start=begins,
            end=begins + timedelta(hours=2),
            format=Format.IN_PERSON,
            venue="Room 1, County Hall, Exeter",
            capacity=RANDOM.randint(5, 20),
        )
        page.tagged_topics = [SurgeryTopic(tag=topic) for topic in pick(topics, 1, 3)]
        page.mentors = pick(mentors, 1, 2)
        surgeries.append(adder.add(page))
    adder.finish()
    rows = []
    for n in range(bookings):
        surgery = surgeries[n % len(surgeries)]
        rows.append(
            Booking(
                surgery=surgery,
                name=f"Attendee {n}",
                email=f"attendee{n}@example.org",
                organisation="Benchshire Council",
                help_wanted="Getting started with our Facebook page",
                status=Booking.Status.CONFIRMED if n % 7 else Booking.Status.WAITLISTED,
                confirmed_at=timezone.now(),
            )
        )
    Booking.objects.bulk_create(rows, batch_size=2000)
    return surgeries


def make_users(count, councils):
    users = [
        User(
            username=f"bench-user-{n}",
            email=f"bench-user-{n}@example.gov.uk",
            council=RANDOM.choice(councils),
            is_active=True,
        )
        for n in range(count)
    ]
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_create(users, batch_size=1000)
    return list(User.objects.filter(email__startswith="bench-user-"))


def make_help_records(count, surgeries, mentors, barriers, fixes):
    """``count`` help records on surgeries' bookings, as mentors record them after a surgery."""
    bookings = list(Booking.objects.filter(surgery__in=surgeries).order_by("pk")[:count])
    records = [
        HelpRecord(
            surgery_id=booking.surgery_id,
            booking=booking,
            mentor=mentors[n % len(mentors)] if mentors else None,
            barrier=barriers[n % len(barriers)] if barriers else None,
            fix_shared=fixes[n % len(fixes)] if fixes else None,
            minutes=30 + n % 60,
        )
        for n, booking in enumerate(bookings)
    ]
    HelpRecord.objects.bulk_create(records, batch_size=2000)
    return records
