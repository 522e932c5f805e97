from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from cms.models import Council, Topic, TopicFollow
from practice.models import CharterPledge
from surgeries.models import SurgeryFeedback


@pytest.mark.django_db
def test_load_demo_content_twice_changes_nothing(django_user_model):
    call_command("load_demo_content", stdout=StringIO())

    def counts():
        return (
            Page.objects.count(),
            Council.objects.count(),
            Topic.objects.count(),
            django_user_model.objects.count(),
            TopicFollow.objects.count(),
            CharterPledge.objects.count(),
            CharterPledge.barriers.through.objects.count(),
            SurgeryFeedback.objects.count(),
        )

    before = counts()
    assert all(before), before  # the demo has some of each
    revisions = sorted(Page.objects.values_list("pk", "latest_revision_id"))
    call_command("load_demo_content", stdout=StringIO())
    assert counts() == before
    assert sorted(Page.objects.values_list("pk", "latest_revision_id")) == revisions


@pytest.mark.django_db
def test_demo_users_can_sign_in_with_the_printed_details(client):

    out = StringIO()
    call_command("load_demo_content", stdout=out)
    assert "moderator@practicehub.localhost" in out.getvalue()
    response = client.post(
        "/accounts/login/", {"login": "moderator@practicehub.localhost", "password": "practice-hub-demo"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
