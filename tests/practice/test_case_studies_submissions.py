"""Authors submit case studies through the editor; a moderator approves them before they go live."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.permissions import MODERATION_WORKFLOW_NAME
from practice.models import CaseStudyPage
from tests.factories import CouncilFactory, PlatformFactory, TopicFactory
from tests.practice.case_study_factories import (
    BarrierPageFactory,
    CaseStudyIndexPageFactory,
    KnowledgeBaseIndexPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return CaseStudyIndexPageFactory(parent=home_page, publish=True)


@pytest.fixture
def author(group_member):
    return group_member("Authors", email="author@example.gov.uk")


@pytest.fixture
def moderator(group_member):
    return group_member("Moderators", email="moderator@example.gov.uk")


@pytest.fixture
def barrier(home_page):
    return BarrierPageFactory(parent=KnowledgeBaseIndexPageFactory(parent=home_page), title="Blocked sites")


def submission(barrier, action="action-submit", **changes):
    TopicFactory(name="metrics")
    data = {
        "title": "Our gritting tweets",
        "slug": "our-gritting-tweets",
        "summary": "We tweeted the gritting routes and calls fell.",
        "council": CouncilFactory(name="Kirklees Council").pk,
        "service_area": "Highways",
        "stage": "participate",
        "published_date": "2010-12-20",
        "body": streamfield([("text", rich_text("<p>Snow came; we tweeted.</p>"))]),
        "outcomes": inline_formset([{"label": "Calls avoided", "value": "350", "unit": "responses"}]),
        "lessons_learned": rich_text("<p>Start before the snow.</p>"),
        "risks": streamfield([]),
        "barrier_links": inline_formset([{"barrier": barrier.pk}]),
        "contact_mentor": "",
        "topics": "metrics",
        "comments": inline_formset([]),
        action: "Submit",
    }
    data.update(changes)
    return {**nested_form_data(data), "platforms": [PlatformFactory(name="Twitter", slug="twitter").pk]}


def add_url(index):
    return f"/admin/pages/add/practice/casestudypage/{index.pk}/"


def test_a_new_index_lets_authors_add_pages_under_moderator_approval(index):
    authors = Group.objects.get(name="Authors")
    assert GroupPagePermission.objects.filter(
        group=authors, page=index, permission__codename="add_page"
    ).exists()
    workflow = WorkflowPage.objects.get(page=index).workflow
    assert workflow.name == MODERATION_WORKFLOW_NAME
    [task] = [task.specific for task in workflow.tasks]
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]
    assert index.get_workflow() == workflow


def test_every_section_shares_one_moderator_approval_workflow(index, home_page):
    from cms.permissions import assign_moderation_workflow

    other_section = home_page.add_child(instance=Page(title="Another section", slug="another"))
    assert assign_moderation_workflow(other_section) == index.get_workflow()


def test_the_data_migration_opens_an_existing_index_to_authors(index):
    GroupPagePermission.objects.filter(page=index).delete()
    WorkflowPage.objects.filter(page=index).delete()
    migration = import_module("practice.migrations.0003_case_study_submissions")
    migration.open_case_studies_to_authors(django_apps, None)
    migration.open_case_studies_to_authors(django_apps, None)  # twice changes nothing
    assert GroupPagePermission.objects.filter(page=index, group__name="Authors").count() == 1
    assert WorkflowPage.objects.get(page=index).workflow.name == MODERATION_WORKFLOW_NAME


def test_an_author_submits_a_case_study_which_waits_for_a_moderator(
    client, index, author, moderator, barrier, mailoutbox
):
    client.force_login(author)
    assert client.get(add_url(index)).status_code == 200
    response = client.post(add_url(index), submission(barrier))
    assert response.status_code == 302, response.context["form"].errors if response.context else response

    page = CaseStudyPage.objects.get(slug="our-gritting-tweets")
    assert page.owner == author
    assert not page.live
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == MODERATION_WORKFLOW_NAME
    assert client.get(page.url or "/case-studies/our-gritting-tweets/").status_code == 404
    # The draft keeps everything the author wrote, links included.
    draft = page.get_latest_revision_as_object()
    assert [outcome.label for outcome in draft.outcomes.all()] == ["Calls avoided"]
    assert [link.barrier_id for link in draft.barrier_links.all()] == [barrier.pk]
    assert [topic.name for topic in draft.topics.all()] == ["metrics"]
    assert moderator.email in [address for message in mailoutbox for address in message.to]


def test_an_author_cannot_publish_directly(client, index, author, barrier):
    client.force_login(author)
    client.post(add_url(index), submission(barrier, action="action-publish"))
    page = CaseStudyPage.objects.get(slug="our-gritting-tweets")
    assert not page.live


def test_an_author_cannot_add_pages_elsewhere(client, home_page, index, author):
    client.force_login(author)
    response = client.get(f"/admin/pages/add/cms/standardpage/{home_page.pk}/")
    assert response.status_code in (302, 403)


def test_a_moderator_approves_and_the_case_study_goes_live_and_the_author_is_told(
    client, index, author, moderator, barrier, mailoutbox
):
    client.force_login(author)
    client.post(add_url(index), submission(barrier))
    page = CaseStudyPage.objects.get(slug="our-gritting-tweets")
    state = page.current_workflow_state
    mailoutbox.clear()

    client.force_login(moderator)
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{state.current_task_state.pk}/",
        {"comment": "Lovely, thank you."},
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert client.get("/case-studies/our-gritting-tweets/").status_code == 200
    assert barrier.case_study_links.get().page_id == page.pk
    assert author.email in [address for message in mailoutbox for address in message.to]


def test_invalid_submission_is_refused_with_messages_and_stores_nothing(client, index, author, barrier):
    client.force_login(author)
    response = client.post(
        add_url(index),
        submission(
            barrier,
            stage="reflect",
            published_date="not a date",
            outcomes=inline_formset([{"label": "Negative", "value": "-5", "unit": "responses"}]),
        ),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "stage" in form.errors and "published_date" in form.errors
    assert form.formsets["outcomes"].errors[0]["value"]
    assert not CaseStudyPage.objects.exists()


def test_authors_choose_topics_from_the_vocabulary_and_cannot_invent_them(client, index, author, barrier):
    from cms.models import Topic

    client.force_login(author)
    client.post(add_url(index), submission(barrier, topics="metrics, my-own-new-topic"))
    draft = CaseStudyPage.objects.get(slug="our-gritting-tweets").get_latest_revision_as_object()
    assert [topic.name for topic in draft.topics.all()] == ["metrics"]
    assert not Topic.objects.filter(name="my-own-new-topic").exists()


def test_authors_can_preview_a_new_case_study_before_submitting(client, index, author, barrier):
    client.force_login(author)
    preview_url = add_url(index) + "preview/"
    response = client.post(preview_url, submission(barrier))
    assert response.json()["is_valid"] is True
    html = client.get(preview_url).content.decode()
    assert "<h1>Our gritting tweets</h1>" in html
    assert "Blocked sites" in html  # the barrier it overcame, not yet saved anywhere
    assert '<td class="numeric">350</td>' in html
    assert not CaseStudyPage.objects.exists()


def test_a_workflow_an_administrator_chose_is_left_alone(index):
    from wagtail.models import Workflow

    from cms.permissions import assign_moderation_workflow

    chosen = Workflow.objects.create(name="Two-step review")
    WorkflowPage.objects.filter(page=index).update(workflow=chosen)
    assert assign_moderation_workflow(index) == chosen
    migration = import_module("practice.migrations.0003_case_study_submissions")
    migration.open_case_studies_to_authors(django_apps, None)
    assert WorkflowPage.objects.get(page=index).workflow == chosen
