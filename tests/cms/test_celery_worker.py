"""A real Celery worker on Redis runs a task sent with delay_on_commit, after the commit."""

import pytest
from django.db import transaction

from cms.tasks import send_rendered_email
from tests.conftest import wait_for, written_emails


def sent_emails(email_dir, last_words):
    """The emails the worker wrote, once the one containing ``last_words`` is complete."""
    texts = written_emails(email_dir)
    return texts if any(last_words in text for text in texts) else None


@pytest.mark.services
def test_worker_sends_email_queued_on_commit(celery_worker):
    email_dir = celery_worker
    with transaction.atomic():
        send_rendered_email.delay_on_commit(
            "Welcome to Practice Hub", "Hello from the worker.", ["pat@example.gov.uk"]
        )
        # Nothing is sent while the transaction is open: the task is queued on commit.
        assert list(email_dir.iterdir()) == []
    sent = wait_for(lambda: sent_emails(email_dir, "Hello from the worker."))
    assert "Subject: Welcome to Practice Hub" in sent[0]
    assert "pat@example.gov.uk" in sent[0]
    assert "Hello from the worker." in sent[0]


@pytest.mark.services
def test_task_queued_in_a_rolled_back_transaction_never_runs(celery_worker):
    email_dir = celery_worker
    with pytest.raises(RuntimeError), transaction.atomic():
        send_rendered_email.delay_on_commit("Never sent", "Rolled back.", ["pat@example.gov.uk"])
        raise RuntimeError("roll back")
    send_rendered_email.delay_on_commit("Sent after", "A later task.", ["pat@example.gov.uk"])
    sent = wait_for(lambda: sent_emails(email_dir, "A later task."))
    assert len(sent) == 1 and "Sent after" in sent[0]
