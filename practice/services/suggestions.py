"""Fixes suggested from the public site by members who do not use the editor.

A suggestion becomes a draft FixPage under the barrier, owned by the member, and goes into the
same moderation workflow as a fix an author submits in the editor: moderators see it on their
dashboard and approve it or ask for changes; the member is emailed either way.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify

from practice.models import BarrierPage, FixPage, FixTopic

from .ratelimit import count_action

SLUG_MAX_LENGTH = 60


def suggestions_per_hour():
    return getattr(settings, "PRACTICEHUB_SUGGESTIONS_PER_HOUR", 5)


def suggest_fix(barrier, user, *, title, summary, steps, where_it_worked, council=None):
    """Create a draft fix under ``barrier`` from already-cleaned plain text and submit it for
    moderation. ``steps`` is a list of step titles. Returns the draft page."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied("Sign in to suggest a fix.")
    if not barrier.live:
        raise PermissionDenied("This barrier is not published.")
    count_action(
        "suggest-fix",
        user.pk,
        limit=suggestions_per_hour(),
        window_seconds=3600,
        message="You have suggested several fixes in the last hour: thank you! Please wait a while "
        "before suggesting another, so the moderators can catch up.",
    )
    with transaction.atomic():
        fix = FixPage(
            title=title,
            slug=available_slug(barrier, title),
            summary=summary,
            steps=[("step", {"title": step, "detail": ""}) for step in steps],
            where_it_worked=where_it_worked,
            council=council,
            owner=user,
            live=False,
            has_unpublished_changes=True,
            # The barrier's topics, as a start the moderator can change.
            tagged_topics=[FixTopic(tag=topic) for topic in barrier.topics.all()],
        )
        barrier.add_child(instance=fix)
        fix.save_revision(user=user, log_action=True)
        workflow = fix.get_workflow()
        if workflow is not None:
            workflow.start(fix, user)
    return fix


def available_slug(parent, title):
    """A slug for a new child of ``parent`` made from ``title``: unused among its siblings and
    not one of the barrier's own routes."""
    base = slugify(title)[:SLUG_MAX_LENGTH].strip("-") or "fix"
    if base in BarrierPage.ROUTE_SLUGS:
        base = f"{base}-fix"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
