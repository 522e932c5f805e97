#!/usr/bin/env python
"""Build a Practice Hub site of a chosen size for the benchmark (run by bench/run.py).

It loads the demo content (index pages, councils, topics, platforms, demo users), then adds
many case studies, barriers, fixes, mentors and surgeries, and bulk-creates bookings and
endorsements. Speed matters more than realism: search and reference index updates are turned
off while pages are added, and the search index is rebuilt once at the end. Pages are added
under each parent with treebeard paths computed here (one INSERT per page and its inline
children, not a "last child" query and a parent update per page).

Writes ``--targets``: {"pages": {name: path}, "member_cookie": "sessionid=..."}.
"""

import argparse
import json
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.signal_handlers import disable_reference_index_auto_update  # noqa: E402

for backend in settings.WAGTAILSEARCH_BACKENDS.values():
    backend["AUTO_UPDATE"] = False

from cms.models import Council, Platform, Topic, User  # noqa: E402
from practice.models import (  # noqa: E402
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
from surgeries.models import Booking, Format, SurgeryIndexPage, SurgeryPage, SurgeryTopic  # noqa: E402

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


def make_barriers(count, fixes, topics, councils, users):
    index = KnowledgeBaseIndexPage.objects.first()
    adder = ChildAdder(index)
    barriers = []
    for n in range(count):
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
    for barrier_number, barrier in enumerate(barriers):
        share = fixes // count + (1 if barrier_number < fixes % count else 0)
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


def make_mentors(count, topics, councils, platforms):
    adder = ChildAdder(MentorIndexPage.objects.first())
    mentors = []
    for n in range(count):
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


def make_case_studies(count, topics, councils, platforms, barriers, mentors):
    adder = ChildAdder(CaseStudyIndexPage.objects.first())
    for n in range(count):
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


def make_surgeries(count, bookings, topics, mentors):
    adder = ChildAdder(SurgeryIndexPage.objects.first())
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    surgeries = []
    for n in range(count):
        start = now + timedelta(days=(n % 120) - 30, hours=n % 5)
        page = SurgeryPage(
            title=f"Bench surgery {n}",
            slug=f"bench-surgery-{n}",
            start=start,
            end=start + timedelta(hours=2),
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


def member_cookie():
    """A signed-in member's session stored in the database, as the login view would leave it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    user = User.objects.get(email="member@practicehub.localhost")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.set_expiry(7 * 24 * 3600)
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def targets():
    def url(page):
        return page.url_path[len(page.get_site().root_page.url_path) - 1 :] if page else None

    pages = {
        "home": "/",
        "case study index": url(CaseStudyIndexPage.objects.first()),
        "case study index (filtered)": None,
        "case study": url(CaseStudyPage.objects.live().filter(slug__startswith="bench-").last()),
        "barrier": url(BarrierPage.objects.live().filter(numchild__gt=0).last()),
        "fix": url(FixPage.objects.live().last()),
        "mentor index": url(MentorIndexPage.objects.first()),
        "mentor": url(MentorPage.objects.live().last()),
        "surgery index": url(SurgeryIndexPage.objects.first()),
        "surgery": url(
            SurgeryPage.objects.live()
            .filter(start__gt=timezone.now(), bookings__isnull=False)
            .order_by("start")
            .first()
        ),
        "search": "/search/?q=facebook",
        "impact": "/impact/",
    }
    topic = Topic.objects.order_by("pk").first()
    if pages["case study index"] and topic:
        pages["case study index (filtered)"] = f"{pages['case study index']}?topic={topic.slug}&stage=listen"
    return {name: path for name, path in pages.items() if path}


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--targets", type=Path, required=True)
    for name, default in [
        ("case-studies", 40),
        ("barriers", 10),
        ("fixes", 30),
        ("mentors", 10),
        ("surgeries", 12),
        ("bookings", 60),
    ]:
        parser.add_argument(f"--{name}", type=int, default=default)
    args = parser.parse_args()

    started = time.monotonic()
    call_command("load_demo_content", verbosity=0)
    print(f"   demo content in {time.monotonic() - started:.0f}s", flush=True)
    councils = list(Council.objects.all())
    topics = list(Topic.objects.all())
    platforms = list(Platform.objects.all())
    with disable_reference_index_auto_update(), transaction.atomic():
        users = make_users(200, councils)
        barriers, _fixes = make_barriers(args.barriers, args.fixes, topics, councils, users)
        mentors = make_mentors(args.mentors, topics, councils, platforms)
        make_case_studies(args.case_studies, topics, councils, platforms, barriers, mentors)
        make_surgeries(args.surgeries, args.bookings, topics, mentors)
    print(f"   pages in {time.monotonic() - started:.0f}s", flush=True)
    call_command("update_index", verbosity=0)
    print(f"   search index in {time.monotonic() - started:.0f}s", flush=True)
    args.targets.write_text(json.dumps({"pages": targets(), "member_cookie": member_cookie()}, indent=2))


if __name__ == "__main__":
    main()
