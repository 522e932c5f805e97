#!/usr/bin/env python
"""Build a Practice Hub site of a chosen size for the benchmark (run by bench/run.py).

It loads the demo content (index pages, councils, topics, platforms, demo users), then adds
many case studies, barriers, fixes, mentors and surgeries, and bulk-creates bookings and
endorsements (with bench/content.py, which the query-budget tests share). Speed matters more
than realism: search and reference index updates are turned off while pages are added, and the
search index is rebuilt once at the end.

Writes ``--targets``: {"pages": {name: path}, "member_cookie": "sessionid=..."}.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

for backend in settings.WAGTAILSEARCH_BACKENDS.values():
    backend["AUTO_UPDATE"] = False

from bench.content import (  # noqa: E402
    make_barriers,
    make_case_studies,
    make_mentors,
    make_surgeries,
    make_users,
    quiet_page_saves,
)
from cms.models import Council, Platform, Topic, User  # noqa: E402
from practice.models import (  # noqa: E402
    BarrierPage,
    CaseStudyIndexPage,
    CaseStudyPage,
    FixPage,
    MentorIndexPage,
    MentorPage,
)
from surgeries.models import SurgeryIndexPage, SurgeryPage  # noqa: E402


def member_cookie():
    """A signed-in member's session stored in the database, as the login view would leave it."""
    from importlib import import_module

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    user = User.objects.get(email="member@practicehub.localhost")
    session = import_module(settings.SESSION_ENGINE).SessionStore()
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
    with quiet_page_saves(), transaction.atomic():
        users = make_users(200, councils)
        barriers, _fixes = make_barriers(args.barriers, args.fixes, topics, councils, users)
        mentors = make_mentors(args.mentors, topics, councils, platforms)
        make_case_studies(args.case_studies, topics, councils, platforms, barriers, mentors)
        make_surgeries(args.surgeries, args.bookings, topics, mentors)
    print(f"   pages in {time.monotonic() - started:.0f}s", flush=True)
    call_command("update_index", verbosity=0)
    print(f"   search index in {time.monotonic() - started:.0f}s", flush=True)
    # Planner statistics, as autovacuum (PostgreSQL) or a periodic ANALYZE (SQLite) keeps them on
    # a running site: without them PostgreSQL plans the 10,000-row facet queries as nested loops
    # (measured: the case-study index took 44 s before ANALYZE, 0.3 s after).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    args.targets.write_text(json.dumps({"pages": targets(), "member_cookie": member_cookie()}, indent=2))


if __name__ == "__main__":
    main()
