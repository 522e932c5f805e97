"""The Charter of Engagement's rules: who may pledge, what a pledge shows as progress, and
the reminder sent before the date (once per pledge)."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from cms.sanitize import strip_control_characters, strip_tags

from ..models import CaseStudyPage, CharterPledge, FixPage

REMINDER_DAYS = 14
NO_COUNCIL = (
    "Your account is not linked to a council, so you cannot pledge for one. "
    "Ask an administrator to set your council."
)


class PledgeError(Exception):
    pass


def _plain(text):
    return strip_control_characters(strip_tags(text or "")).strip()


def make_pledge(user, *, barriers, due_date, responsible, statement):
    if not user.is_authenticated or user.council_id is None:
        raise PledgeError(NO_COUNCIL)
    with transaction.atomic():
        pledge = CharterPledge.objects.create(
            council_id=user.council_id,
            pledged_by=user,
            responsible=_plain(responsible),
            statement=_plain(statement),
            due_date=due_date,
        )
        pledge.barriers.set(barriers)
    return pledge


def with_progress(pledges):
    """Give each pledge ``progress``: for each pledged barrier, the council's live case studies
    linking to it and its live fixes under it. A fixed number of queries for any number."""
    pledges = list(pledges)
    councils = {p.council_id for p in pledges}
    barrier_ids = {b.pk for p in pledges for b in p.barriers.all()}
    cases = defaultdict(list)
    for case in (
        CaseStudyPage.objects.live()
        .filter(council_id__in=councils, barrier_links__barrier_id__in=barrier_ids)
        .annotate(pledged_barrier_id=F("barrier_links__barrier_id"))
        .order_by("title", "pk")
    ):
        cases[(case.council_id, case.pledged_barrier_id)].append(case)
    barrier_paths = {b.path: b.pk for p in pledges for b in p.barriers.all()}
    fixes = defaultdict(list)
    for fix in FixPage.objects.live().filter(council_id__in=councils).order_by("title", "pk"):
        barrier_id = barrier_paths.get(fix.path[: -Page.steplen])
        if barrier_id:
            fixes[(fix.council_id, barrier_id)].append(fix)
    for pledge in pledges:
        pledge.progress = [
            {
                "barrier": barrier,
                "case_studies": cases[(pledge.council_id, barrier.pk)],
                "fixes": fixes[(pledge.council_id, barrier.pk)],
            }
            for barrier in pledge.barriers.all()
        ]
    return pledges


def pledges_for_barrier(barrier):
    """The pledges naming ``barrier``, each with its progress on it (for the barrier page)."""
    pledges = with_progress(
        CharterPledge.objects.filter(barriers=barrier).select_related("council").prefetch_related("barriers")
    )
    for pledge in pledges:
        pledge.progress = [row for row in pledge.progress if row["barrier"].pk == barrier.pk]
    return pledges


# --- the reminder --------------------------------------------------------------------------


def due_reminders(today=None):
    today = today or timezone.localdate()
    return CharterPledge.objects.filter(
        reminder_sent_at__isnull=True,
        due_date__gte=today,
        due_date__lte=today + timedelta(days=REMINDER_DAYS),
    )


def send_reminder(pledge_id, now=None):
    """Remind whoever pledged that the date is near, once: claimed by a conditional UPDATE."""
    now = now or timezone.now()
    if not due_reminders(timezone.localdate(now)).filter(pk=pledge_id).update(reminder_sent_at=now):
        return False
    try:
        pledge = CharterPledge.objects.select_related("council", "pledged_by").get(pk=pledge_id)
        if not pledge.pledged_by or not pledge.pledged_by.email:
            return False
        [pledge] = with_progress([pledge])
        body = render_to_string(
            "practice/emails/charter_reminder.txt",
            {
                "pledge": pledge,
                "charter_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                + reverse("charter_council", args=[pledge.council_id]),
            },
        )
        EmailMultiAlternatives(
            subject=f"Your charter pledge is due on {pledge.due_date:%-d %B %Y}",
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[pledge.pledged_by.email],
        ).send()
    except Exception:
        CharterPledge.objects.filter(pk=pledge_id, reminder_sent_at=now).update(reminder_sent_at=None)
        raise
    return True
