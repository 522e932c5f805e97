"""Background jobs of the shared base."""

from celery import shared_task
from django.core.mail import EmailMultiAlternatives


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_rendered_email(subject, body, to, from_email=None, html_body=None, reply_to=None):
    """Send an email whose text is already rendered (account emails: verification, password
    reset). Sent from a worker so a slow mail server never holds up a page."""
    message = EmailMultiAlternatives(subject, body, from_email, to, reply_to=reply_to or None)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_topic_digest(user_id):
    from .topics import send_digest

    return send_digest(user_id)


@shared_task
def send_topic_digests():
    """The weekly beat job: queue each following member's digest. Running it twice in a week
    queues them twice; the weekly claim in send_digest lets each member get one."""
    from .topics import members_to_digest

    user_ids = list(members_to_digest())
    for user_id in user_ids:
        send_topic_digest.delay(user_id)
    return len(user_ids)


@shared_task
def clear_expired_sessions():
    """The nightly beat job: delete sessions past their expiry (Django's ``clearsessions``), so
    the session table holds no more signed-in members' ids than the live sessions need."""
    from django.core.management import call_command

    call_command("clearsessions")
