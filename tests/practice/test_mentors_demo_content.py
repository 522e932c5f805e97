"""The demo's mentors: at least eight, across councils, topics and platforms; loading twice
changes nothing; the demo mentor can edit their own profile."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import WorkflowPage

from cms.permissions import MODERATION_WORKFLOW_NAME
from practice.models import MentorIndexPage, MentorPage

pytestmark = pytest.mark.django_db


def test_demo_mentors_are_varied_and_loading_twice_changes_nothing(client):
    call_command("load_demo_content", stdout=StringIO())
    mentors = MentorPage.objects.live().prefetch_related("topics", "platforms")
    assert mentors.count() >= 8
    assert len({mentor.council_id for mentor in mentors}) >= 7
    assert len({topic.slug for mentor in mentors for topic in mentor.topics.all()}) >= 12
    assert len({platform.slug for mentor in mentors for platform in mentor.platforms.all()}) >= 8
    assert any(mentor.council_id is None and mentor.organisation for mentor in mentors)
    assert all(mentor.contact_email.endswith("@mentors.practicehub.localhost") for mentor in mentors)
    index = MentorIndexPage.objects.get()
    assert index.url == "/mentors/" and index.show_in_menus
    assert WorkflowPage.objects.get(page=index).workflow.name == MODERATION_WORKFLOW_NAME

    revisions = sorted(MentorPage.objects.values_list("pk", "latest_revision_id"))
    call_command("load_demo_content", stdout=StringIO())
    assert sorted(MentorPage.objects.values_list("pk", "latest_revision_id")) == revisions

    response = client.get("/mentors/")
    assert response.status_code == 200
    assert "@mentors.practicehub.localhost" not in response.content.decode()


def test_the_demo_mentor_account_edits_its_own_profile():
    call_command("load_demo_content", stdout=StringIO())
    mentor_user = get_user_model().objects.get(username="mentor")
    own = MentorPage.objects.get(user=mentor_user)
    assert own.permissions_for_user(mentor_user).can_edit()
    others = MentorPage.objects.exclude(pk=own.pk)
    assert not any(page.permissions_for_user(mentor_user).can_edit() for page in others)
