"""Background jobs of the community of practice. Tasks take primary keys and are safe to run twice."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState
from wagtail.users.models import UserProfile

from .models import AuthorReviewEmail
from .services import relay


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def email_author_about_review(task_state_id):
    """Tell the author that a moderator approved their page or asked for changes.

    Takes the finished workflow task's id. Safe to run twice: the email is recorded once sent
    (AuthorReviewEmail) and a second run sends nothing. Returns what it did, for logs and tests.
    """
    task_state = (
        TaskState.objects.select_related("workflow_state__requested_by", "finished_by", "revision")
        .filter(pk=task_state_id)
        .first()
    )
    if task_state is None or task_state.status not in (TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED):
        return "nothing to tell"
    approved = task_state.status == TaskState.STATUS_APPROVED
    page = task_state.revision.as_object()
    live_page = page.specific_class.objects.filter(pk=page.pk).first() or page
    author = task_state.workflow_state.requested_by or live_page.owner
    if author is None or not author.is_active or not author.email or author == task_state.finished_by:
        return "no one to tell"
    profile = UserProfile.get_for_user(author)
    if not (profile.approved_notifications if approved else profile.rejected_notifications):
        return "author turned these emails off"

    record, _ = AuthorReviewEmail.objects.get_or_create(
        task_state=task_state, defaults={"recipient": author.email}
    )
    if record.sent_at is not None:
        return "already sent"

    context = {
        "author": author,
        "page": live_page,
        "title": page.title,
        "kind": page._meta.verbose_name,
        "parent": live_page.get_parent(),
        "comment": task_state.comment,
        "reviewer": task_state.finished_by,
        "page_url": live_page.full_url if approved else "",
        "edit_url": _edit_url(author, live_page),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    template = (
        "practice/emails/review_approved.txt" if approved else "practice/emails/review_changes_requested.txt"
    )
    subject = (
        f"Published: your {context['kind']} “{page.title}”"
        if approved
        else f"Changes requested: your {context['kind']} “{page.title}”"
    )
    send_mail(
        f"[{settings.WAGTAIL_SITE_NAME}] {subject}",
        render_to_string(template, context).strip(),
        None,
        [author.email],
    )
    record.sent_at = timezone.now()
    record.save(update_fields=["sent_at"])
    return "sent"


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_mentor_message(message_id):
    """Email a relayed message to its mentor (the mentor's address is read here, never shown)."""
    return relay.deliver(message_id)


@shared_task
def purge_mentor_messages():
    """Delete relayed messages past their retention period (daily, on the beat schedule)."""
    return relay.purge_expired_messages()


def _edit_url(user, page):
    """A link to the page in the editor, for authors who can edit it there."""
    if not user.has_perm("wagtailadmin.access_admin") or not page.permissions_for_user(user).can_edit():
        return ""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_pages:edit", args=[page.pk])


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_charter_reminder(pledge_id):
    from .services import charter

    return charter.send_reminder(pledge_id)


@shared_task
def send_due_charter_reminders():
    """Daily sweep: queue the reminder of each pledge due within 14 days (each sent once)."""
    from .services import charter

    pledge_ids = list(charter.due_reminders().values_list("pk", flat=True))
    for pledge_id in pledge_ids:
        send_charter_reminder.delay(pledge_id)
    return len(pledge_ids)
