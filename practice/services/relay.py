"""The contact relay: visitors message a mentor without ever seeing the mentor's address.

Rules, shared by the view and the tasks:
- At most ``SENDER_LIMIT`` messages per sender email address and ``IP_LIMIT`` per client IP
  address in any hour. Counted in Django's cache, so every web process sees the same counts
  when the cache is shared (Redis in production).
- A message is stored (``MentorMessage``), then a Celery task sends it by primary key once the
  transaction commits: the mentor's address is read only by the task, and goes only into the
  email's To header. The sender's address is the Reply-To.
- Messages are kept ``retention_days()`` days, so moderators can deal with abuse, then purged.
"""

import hashlib
import logging
from contextlib import suppress
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from practice.models import MentorMessage

logger = logging.getLogger(__name__)

SENDER_LIMIT = 5
IP_LIMIT = 20
WINDOW = timedelta(hours=1)
DEFAULT_RETENTION_DAYS = 30


class RateLimited(Exception):
    """A message refused because its sender, or their network, has sent too many this hour."""


def retention_days():
    return getattr(settings, "PRACTICEHUB_MENTOR_MESSAGE_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)


def client_ip(request):
    """The visitor's IP address, found as allauth finds it for its own rate limits (so the one
    setting, ``ALLAUTH_TRUSTED_PROXY_COUNT``, covers a deployment behind a proxy)."""
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        return request.META.get("REMOTE_ADDR") or "unknown"


def _slot_keys(scope, identity, limit):
    digest = hashlib.sha256(identity.strip().lower().encode()).hexdigest()
    return [f"practice:relay:{scope}:{digest}:{slot}" for slot in range(limit)]


def _take_slot(scope, identity, limit, refusal):
    """Take one of ``limit`` slots that each expire an hour after being taken, or refuse.

    ``cache.add`` is atomic, so two requests can never take the same slot: within any hour at
    most ``limit`` messages get through, exactly, with no window boundary to game.
    """
    keys = _slot_keys(scope, identity, limit)
    now = timezone.now()
    taken = cache.get_many(keys)
    for key in keys:
        if key not in taken and cache.add(key, now.timestamp(), timeout=int(WINDOW.total_seconds())):
            return key
    taken = cache.get_many(keys).values()
    oldest = min(taken, default=now.timestamp())
    free_at = timezone.localtime(datetime.fromtimestamp(oldest, tz=UTC) + WINDOW)
    raise RateLimited(refusal.format(limit=limit, time=free_at.strftime("%H:%M")))


def relay_message(mentor, details, *, client_ip):
    """Accept a message for ``mentor`` and queue its delivery; raise ``RateLimited`` if the
    sender or their IP address has used up its messages for the hour.

    ``details``: ``sender_name``, ``sender_email``, ``topic`` (a Topic or None) and ``body``,
    already cleaned by ``MentorMessageForm``.
    """
    from practice.tasks import send_mentor_message

    sender_slot = _take_slot(
        "sender",
        details["sender_email"],
        SENDER_LIMIT,
        "You have sent {limit} messages in the last hour, the most we allow from one email "
        "address. You can send another after {time}.",
    )
    try:
        _take_slot(
            "ip",
            client_ip,
            IP_LIMIT,
            "We have had {limit} messages from your network in the last hour, the most we allow. "
            "You can send another after {time}.",
        )
    except RateLimited:
        cache.delete(sender_slot)
        raise
    with transaction.atomic():
        message = MentorMessage.objects.create(mentor=mentor, **details)
        send_mentor_message.delay_on_commit(message.pk)
    return message


def note_bot_submission(mentor, request):
    """A filled-in honeypot: nothing is stored or sent, but it uses up one of the IP's slots."""
    ip = client_ip(request)
    logger.info("Honeypot filled on the message form of mentor %s", mentor.pk)
    with suppress(RateLimited):
        _take_slot("ip", ip, IP_LIMIT, "")


def deliver(message_id):
    """Email one stored message to its mentor. Safe to run twice: a message is claimed (its
    ``sent_at`` set) before it is sent, and the claim is released if sending fails so that a
    retry can send it. Returns whether an email was sent."""
    claimed = MentorMessage.objects.filter(pk=message_id, sent_at__isnull=True).update(sent_at=timezone.now())
    if not claimed:
        return False
    message = MentorMessage.objects.select_related("mentor", "topic").get(pk=message_id)
    mentor = message.mentor
    context = {"message": message, "mentor": mentor, "site_name": settings.WAGTAIL_SITE_NAME}
    subject = " ".join(render_to_string("practice/emails/mentor_message_subject.txt", context).split())
    email = EmailMessage(
        subject=subject,
        body=render_to_string("practice/emails/mentor_message.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mentor.contact_email],
        reply_to=[message.sender_email],
    )
    try:
        email.send()
    except Exception:
        MentorMessage.objects.filter(pk=message_id).update(sent_at=None)
        raise
    return True


def purge_expired_messages(now=None):
    """Delete messages older than the retention period; return how many went."""
    cutoff = (now or timezone.now()) - timedelta(days=retention_days())
    deleted, _ = MentorMessage.objects.filter(created_at__lt=cutoff).delete()
    return deleted
