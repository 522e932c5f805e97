"""Signal handlers of the knowledge base: moderation set-up, and telling authors about reviews.

Telling the author
    When a moderator approves a fix or barrier, or asks for changes, the author is emailed by a
    Celery task (practice.tasks.email_author_about_review), sent on commit, so the moderator's
    request never waits for the mail server and a worker never sees uncommitted rows.

    Wagtail sends its own "approved" and "changes requested" emails to the same person,
    synchronously, inside the moderator's request. For page types that set
    ``emails_author_on_review = True`` we switch those two off, so the author gets one email,
    not two, and it comes from the worker. Wagtail's other emails are untouched: moderators
    are still told of new submissions, and every other page type keeps Wagtail's emails.
"""

from django.db.models.signals import post_save
from wagtail.admin.mail import WorkflowStateApprovalEmailNotifier, WorkflowStateRejectionEmailNotifier
from wagtail.models import WorkflowState
from wagtail.signals import init_new_page, workflow_approved, workflow_rejected

# Wagtail's dispatch_uids (wagtail/admin/signal_handlers.py): connecting our notifiers under
# the same ids replaces Wagtail's whichever app is ready first.
WAGTAIL_APPROVED_UID = "workflow_state_approved_email_notification"
WAGTAIL_REJECTED_UID = "workflow_state_rejected_email_notification"


def emails_author_itself(workflow_state):
    model = workflow_state.content_type.model_class()
    return bool(getattr(model, "emails_author_on_review", False))


class _LeavePagesThatEmailTheirAuthors:
    def can_handle(self, instance, **kwargs):
        return super().can_handle(instance, **kwargs) and not emails_author_itself(instance)


class ApprovalEmailNotifier(_LeavePagesThatEmailTheirAuthors, WorkflowStateApprovalEmailNotifier):
    """Wagtail's "approved" email, for page types that do not email their authors themselves."""


class RejectionEmailNotifier(_LeavePagesThatEmailTheirAuthors, WorkflowStateRejectionEmailNotifier):
    """Wagtail's "changes requested" email, for page types that do not email their authors themselves."""


approval_email_notifier = ApprovalEmailNotifier()
rejection_email_notifier = RejectionEmailNotifier()


def queue_author_review_email(sender, instance, user=None, **kwargs):
    from .tasks import email_author_about_review

    if emails_author_itself(instance) and instance.current_task_state_id:
        email_author_about_review.delay_on_commit(instance.current_task_state_id)


def set_up_knowledge_base_moderation(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .services.moderation import ensure_knowledge_base_moderation

        ensure_knowledge_base_moderation(instance)


def prefill_author_council(sender, page, parent, **kwargs):
    """A new fix in the editor starts with its author's council, which they can change."""
    from .models import FixPage

    if isinstance(page, FixPage) and page.owner_id and page.council_id is None:
        page.council = page.owner.council


def connect():
    from .models import KnowledgeBaseIndexPage

    for signal, notifier, uid in (
        (workflow_approved, approval_email_notifier, WAGTAIL_APPROVED_UID),
        (workflow_rejected, rejection_email_notifier, WAGTAIL_REJECTED_UID),
    ):
        signal.disconnect(sender=WorkflowState, dispatch_uid=uid)
        signal.connect(notifier, sender=WorkflowState, dispatch_uid=uid)
    workflow_approved.connect(
        queue_author_review_email, sender=WorkflowState, dispatch_uid="practice_author_review_email_approved"
    )
    workflow_rejected.connect(
        queue_author_review_email, sender=WorkflowState, dispatch_uid="practice_author_review_email_rejected"
    )
    init_new_page.connect(prefill_author_council, dispatch_uid="practice_prefill_author_council")
    post_save.connect(
        set_up_knowledge_base_moderation,
        sender=KnowledgeBaseIndexPage,
        dispatch_uid="practice_knowledge_base_moderation",
    )
