"""A real Celery worker tells the author about the moderator's decision, after the commit."""

import email
from email.header import decode_header, make_header

import pytest
from django.db import transaction
from wagtail.models import TaskState

from tests.conftest import wait_for, written_emails
from tests.practice.knowledge_factories import BarrierFactory, FixFactory, KnowledgeBaseIndexFactory


@pytest.mark.services
def test_worker_emails_the_author_when_a_moderator_approves(celery_worker, home_page, group_member):
    email_dir = celery_worker
    author = group_member("Authors", email="alex.author@example.gov.uk")
    moderator = group_member("Moderators")
    barrier = BarrierFactory(parent=KnowledgeBaseIndexFactory(parent=home_page), title="Blocked sites")
    fix = FixFactory(parent=barrier, title="Show what you can reach", live=False, owner=author)
    fix.save_revision(user=author)
    fix.get_workflow().start(fix, author)
    task_state = TaskState.objects.get(workflow_state__object_id=str(fix.pk), status="in_progress")

    with transaction.atomic():
        task_state.approve(user=moderator, comment="Thank you.")
        assert list(email_dir.iterdir()) == []  # queued on commit, not before

    sent = wait_for(lambda: written_emails(email_dir))
    assert len(sent) == 1
    message = email.message_from_string(sent[0].split("\n" + "-" * 79)[0])
    assert message["To"] == "alex.author@example.gov.uk"
    assert str(make_header(decode_header(message["Subject"]))) == (
        "[Practice Hub] Published: your fix “Show what you can reach”"
    )
    assert "Thank you." in message.get_payload(decode=True).decode()
