"""Endorsements: "this worked for us" on a fix and "we face this too" on a barrier.

One per member per page; pressing again takes it back. Each press counts towards a rate limit,
checked before anything changes.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from practice.models import BarrierAffected, FixEndorsement

from .ratelimit import count_action


@dataclass(frozen=True)
class ToggleResult:
    active: bool  # whether the member's endorsement now stands
    count: int  # how many members now endorse the page


def endorsements_per_hour():
    return getattr(settings, "PRACTICEHUB_ENDORSEMENTS_PER_HOUR", 30)


def toggle_fix_endorsement(fix, user, council=None):
    """Add the member's "this worked for us" to ``fix``, or take it back if it is there."""
    return _toggle(FixEndorsement, "fix", fix, user, council)


def toggle_barrier_affected(barrier, user, council=None):
    """Add the member's "we face this too" to ``barrier``, or take it back if it is there."""
    return _toggle(BarrierAffected, "barrier", barrier, user, council)


def _toggle(model, page_field, page, user, council):
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied("Sign in to do this.")
    if not page.live:
        raise PermissionDenied("This page is not published.")
    count_action(
        "endorse",
        user.pk,
        limit=endorsements_per_hour(),
        window_seconds=3600,
        message="You have pressed these buttons a lot in the last hour. Please try again later.",
    )
    mine = model.objects.filter(**{page_field: page, "user": user})
    with transaction.atomic():
        removed, _ = mine.delete()
        if not removed:
            try:
                with transaction.atomic():
                    model.objects.create(**{page_field: page, "user": user, "council": council})
            except IntegrityError:
                pass  # a second press arrived at the same moment and already added it
    return ToggleResult(active=not removed, count=model.objects.filter(**{page_field: page}).count())
