"""Following topics, the topic pages, and the weekly digest of what is new on followed topics.

Topics are cms's, but what is tagged with them lives in practice (case studies, fixes) and
surgeries. cms must not import those apps, so each app answers the Wagtail hook
``practicehub_topic_items`` (in its wagtail_hooks.py) with a function
``items(topic_ids, *, since=None, limit=None) -> list[TopicItem]``: live content tagged with
any of the topics, published after ``since`` when given, newest first. The topic page and
the digest both collect through the hook, so neither knows which apps feed it.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from .models import Topic, TopicDigest, TopicFollow

HOOK = "practicehub_topic_items"
UNSUBSCRIBE_SALT = "cms.topic-digest.unsubscribe"


@dataclass(frozen=True)
class TopicItem:
    kind: str  # shown to people: "Case study", "Fix", "Surgery"
    title: str
    url: str  # absolute
    date: datetime
    summary: str = ""
    topic_ids: frozenset = field(default_factory=frozenset)


def topic_items(topic_ids, *, since=None, limit=None):
    """Everything the apps report for these topics, grouped by kind in hook order."""
    groups = []
    for provider in hooks.get_hooks(HOOK):
        items = provider(list(topic_ids), since=since, limit=limit)
        if items:
            groups.append((items[0].kind, items))
    return groups


# --- following --------------------------------------------------------------------------


def follows(user, topic):
    return user.is_authenticated and TopicFollow.objects.filter(user=user, topic=topic).exists()


def toggle_follow(user, topic):
    """Follow the topic, or stop following it. Returns True if ``user`` now follows it."""
    deleted, _ = TopicFollow.objects.filter(user=user, topic=topic).delete()
    if deleted:
        return False
    TopicFollow.objects.get_or_create(user=user, topic=topic)
    return True


# --- unsubscribing from the digest -------------------------------------------------------


def unsubscribe_token(user):
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def unsubscribe(token):
    """Stop the digest of the member the token was made for, by removing their follows.
    Returns the member's pk; raises signing.BadSignature for a token we did not make."""
    user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(user_id, int):
        raise signing.BadSignature("not a member")
    TopicFollow.objects.filter(user_id=user_id).delete()
    return user_id


# --- the weekly digest -------------------------------------------------------------------


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def members_to_digest():
    return (
        TopicFollow.objects.filter(user__is_active=True)
        .exclude(user__email="")
        .values_list("user_id", flat=True)
        .distinct()
    )


def digest_since(user_id):
    """New since their last digest, or since they first followed a topic."""
    last = TopicDigest.objects.filter(user_id=user_id).values_list("sent_at", flat=True).first()
    if last:
        return last
    return (
        TopicFollow.objects.filter(user_id=user_id)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )


def send_digest(user_id, now=None):
    """Send a member's digest for this ISO week, at most once. Returns True if sent.

    Members with nothing new get no email and no claim (a later run that week may find
    something). Otherwise the week is claimed by inserting a TopicDigest row, which the
    database lets in once per member and week, before the email is sent; if sending fails
    the claim is given back for the retry.
    """
    from django.contrib.auth import get_user_model

    now = now or timezone.now()
    iso_year, iso_week, _ = timezone.localtime(now).isocalendar()
    if TopicDigest.objects.filter(user_id=user_id, iso_year=iso_year, iso_week=iso_week).exists():
        return False
    user = get_user_model().objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return False
    topics = list(Topic.objects.filter(follows__user=user).order_by("name"))
    since = digest_since(user_id)
    groups = topic_items([t.pk for t in topics], since=since, limit=20) if topics else []
    if not groups:
        return False
    try:
        with transaction.atomic():
            claim = TopicDigest.objects.create(user=user, iso_year=iso_year, iso_week=iso_week, sent_at=now)
    except IntegrityError:
        return False
    try:
        body = render_to_string(
            "cms/emails/topic_digest.txt",
            {
                "user": user,
                "topics": topics,
                "groups": groups,
                "unsubscribe_url": absolute_url(reverse("topic_unsubscribe", args=[unsubscribe_token(user)])),
                "topics_url": absolute_url(reverse("followed_topics")),
            },
        )
        EmailMultiAlternatives(
            subject="New on the topics you follow",
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
            headers={
                "List-Unsubscribe": "<{}>".format(
                    absolute_url(reverse("topic_unsubscribe", args=[unsubscribe_token(user)]))
                )
            },
        ).send()
    except Exception:
        claim.delete()
        raise
    return True
