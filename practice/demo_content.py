"""Demo content of the community of practice, loaded by ``manage.py load_demo_content``.

Creates what is missing and leaves what exists alone, so running the command twice changes
nothing.
"""

from django.contrib.auth import get_user_model
from django.test.utils import override_settings

from cms.demo_content import ensure_child_page, ensure_user, get_home_page

from . import demo_knowledge as kb
from .case_study_demo import load_case_studies
from .demo_engage import load_engagement
from .demo_mentors import load_mentors
from .models import (
    BarrierAffected,
    BarrierPage,
    BarrierTopic,
    FixEndorsement,
    FixPage,
    FixTopic,
    KnowledgeBaseIndexPage,
)


def load(command):
    load_knowledge_base(command)
    load_mentors(command)
    load_case_studies(command)  # after the barriers and mentors it links to
    load_engagement(command)  # pledges whose progress is those case studies and fixes


def load_knowledge_base(command):
    home = get_home_page()
    index = ensure_child_page(
        home,
        KnowledgeBaseIndexPage,
        "barriers",
        title="Barriers and fixes",
        intro="The hurdles that stop councils using social media well, and the fixes that got other "
        "councils past them. Say which you face, and which fixes worked for you.",
        search_description="The barriers that hold councils back, and the fixes that worked.",
        show_in_menus=True,
    )
    councils = kb.councils_by_short_name()
    by_full_name = {council.name: council for council in councils.values() if council}
    endorsers = {
        council_name: ensure_user(
            username, first_name=first, last_name=last, council=by_full_name.get(council_name)
        )
        for username, first, last, council_name in kb.ENDORSERS
    }

    def endorser(short_name):
        return endorsers[kb.AT[short_name]]

    fix_count = 0
    for barrier_data in kb.BARRIERS:
        barrier = ensure_child_page(
            index,
            BarrierPage,
            barrier_data["slug"],
            title=barrier_data["title"],
            category=barrier_data["category"],
            summary=barrier_data["summary"],
            description=barrier_data["description"],
            source=barrier_data["source"],
            tagged_topics=[BarrierTopic(tag=topic) for topic in kb.topics_named(barrier_data["topics"])],
        )
        for short_name in barrier_data["faced_by"]:
            BarrierAffected.objects.get_or_create(
                barrier=barrier, user=endorser(short_name), defaults={"council": councils[short_name]}
            )
        for fix_data in barrier_data["fixes"]:
            fix = ensure_child_page(barrier, FixPage, fix_data["slug"], **fix_fields(fix_data, councils))
            fix_count += 1
            for short_name in fix_data["worked_for"]:
                FixEndorsement.objects.get_or_create(
                    fix=fix, user=endorser(short_name), defaults={"council": councils[short_name]}
                )

    for barrier_slug, username, _how, fix_data in kb.PENDING_FIXES:
        barrier = BarrierPage.objects.child_of(index).get(slug=barrier_slug)
        submit_for_moderation(barrier, get_user_model().objects.get(username=username), fix_data, councils)

    command.stdout.write(
        f"  practice: knowledge base with {len(kb.BARRIERS)} barriers, {fix_count} fixes and "
        f"{len(kb.PENDING_FIXES)} fixes awaiting moderation"
    )


def fix_fields(fix_data, councils):
    return {
        "title": fix_data["title"],
        "summary": fix_data["summary"],
        "steps": fix_data["steps"],
        "where_it_worked": fix_data["where"],
        "council": councils[fix_data["council"]] if fix_data["council"] else None,
        "source": fix_data["source"],
        "tagged_topics": [FixTopic(tag=topic) for topic in kb.topics_named(fix_data["topics"])],
    }


def submit_for_moderation(barrier, owner, fix_data, councils):
    """A draft fix by ``owner``, submitted to the moderation workflow, unless it exists already."""
    if barrier.get_children().filter(slug=fix_data["slug"]).exists():
        return
    fix = FixPage(slug=fix_data["slug"], owner=owner, live=False, **fix_fields(fix_data, councils))
    barrier.add_child(instance=fix)
    fix.save_revision(user=owner, log_action=True)
    workflow = fix.get_workflow()
    if workflow is not None:
        # The demo does not email the demo moderators about its own submissions.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            workflow.start(fix, owner)
