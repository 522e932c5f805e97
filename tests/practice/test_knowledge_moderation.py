"""Authors submit fixes through the Wagtail editor; moderators approve or ask for changes.

These tests drive the real admin views, as an author and a moderator would use them.
"""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import GroupPagePermission, Page, TaskState, Workflow, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from cms.models import StandardPage
from cms.permissions import MODERATION_WORKFLOW_NAME as WORKFLOW_NAME
from practice.models import AuthorReviewEmail, BarrierPage, FixPage
from practice.tasks import email_author_about_review
from tests.factories import CouncilFactory
from tests.practice.knowledge_factories import (
    FixFactory,
    KnowledgeBaseIndexFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(group_member):
    return group_member(
        "Authors", email="alex.author@example.gov.uk", council=CouncilFactory(name="Devon County Council")
    )


@pytest.fixture
def moderator(group_member):
    return group_member("Moderators", email="morgan.moderator@example.gov.uk")


def add_fix_in_editor(client, barrier, *, title, action="action-submit"):
    """Fill in the editor's "add fix" form under ``barrier`` and press submit (or save draft)."""
    add_url = reverse("wagtailadmin_pages:add", args=["practice", "fixpage", barrier.pk])
    form_page = client.get(add_url)
    assert form_page.status_code == 200
    data = querydict_from_html(form_page.content.decode(), form_id="page-edit-form")
    data.update(
        nested_form_data(
            {
                "title": title,
                "slug": slugify(title),
                "summary": "Run a small pilot and take what it teaches to the chief executive.",
                "where_it_worked": "Our customer services team, in 2009.",
                "source": "",
                "topics": "strategy",
                "steps": streamfield(
                    [
                        (
                            "step",
                            {"title": "Pick one priority", "detail": rich_text("<p>From the plan.</p>")},
                        ),
                        ("step", {"title": "Run the pilot", "detail": rich_text("")}),
                    ]
                ),
            }
        )
    )
    data[action] = "1"
    return client.post(add_url, data)


def fixes_section(response):
    html = response.content.decode()
    return html[html.index('id="fixes"') : html.index('id="suggest-a-fix"')]


def current_task_state(page):
    return TaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS)


def moderate(client, page, action, comment=""):
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def test_author_submits_a_fix_the_moderator_approves_it_and_the_author_is_emailed(
    client, barrier, author, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    FixFactory(parent=barrier, title="An older fix")
    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):
        response = add_fix_in_editor(client, barrier, title="Link it to the council plan")
    assert response.status_code == 302, response.content.decode()[:2000]

    fix = FixPage.objects.child_of(barrier).get(title="Link it to the council plan")
    assert not fix.live and fix.owner == author
    assert fix.current_workflow_state.workflow.name == WORKFLOW_NAME
    assert "Link it to the council plan" not in fixes_section(client.get(barrier.url))
    # The author sees where it is in the admin.
    listing = client.get(reverse("wagtailadmin_explore", args=[barrier.pk])).content.decode()
    assert "In Moderation" in listing or "in moderation" in listing.lower()

    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Link it to the council plan" in dashboard  # awaiting the moderator's review
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderate(client, fix, "approve", comment="Clear and useful, thank you.")
    assert response.status_code == 302

    fix.refresh_from_db()
    assert fix.live
    page = client.get(barrier.url).content.decode()
    # Ranked first: it worked for the author's council, the older fix has no council yet.
    assert page.index("Link it to the council plan") < page.index("An older fix")
    assert "Worked for 1 council" in page

    to_author = [message for message in mailoutbox if message.to == [author.email]]
    assert len(to_author) == 1, [(m.to, m.subject) for m in mailoutbox]
    email = to_author[0]
    assert email.subject == "[Practice Hub] Published: your fix “Link it to the council plan”"
    assert "Clear and useful, thank you." in email.body
    assert fix.full_url in email.body
    assert "&" not in email.subject and "&#" not in email.body  # plain text, not HTML-escaped


def test_moderator_requests_changes_the_fix_stays_unpublished_and_the_author_is_told_why(
    client, barrier, author, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(author)
    add_fix_in_editor(client, barrier, title="Don't call it a website")
    fix = FixPage.objects.child_of(barrier).get(title="Don't call it a website")

    client.force_login(moderator)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderate(client, fix, "reject", comment="Please say which council this worked for.")

    fix.refresh_from_db()
    assert not fix.live
    assert fix.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert client.get(fix.url).status_code == 404
    assert "Don't call it a website" not in fixes_section(client.get(barrier.url))

    (email,) = [message for message in mailoutbox if message.to == [author.email]]
    assert email.subject == "[Practice Hub] Changes requested: your fix “Don't call it a website”"
    assert "Please say which council this worked for." in email.body
    assert reverse("wagtailadmin_pages:edit", args=[fix.pk]) in email.body

    # The author sees the state in the admin, on the page's edit view.
    client.force_login(author)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[fix.pk]))
    assert edit.status_code == 200
    assert "Changes requested" in edit.content.decode() or "changes requested" in edit.content.decode()


def test_wagtail_does_not_send_the_author_a_second_email_for_knowledge_base_pages(
    client, barrier, author, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(author)
    add_fix_in_editor(client, barrier, title="One email only")
    fix = FixPage.objects.get(title="One email only")
    client.force_login(moderator)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderate(client, fix, "approve")
    assert [m.to for m in mailoutbox] == [[author.email]]


def test_other_page_types_keep_wagtails_own_approval_email(home_page, author, moderator, mailoutbox):
    """Only pages that email their authors themselves switch Wagtail's email off."""
    page = StandardPage(title="About us", slug="about-us", body=[], live=False, owner=author)
    home_page.add_child(instance=page)
    page.save_revision(user=author)
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    WorkflowPage.objects.update_or_create(page=home_page, defaults={"workflow": workflow})
    page.get_workflow().start(page, author)
    mailoutbox.clear()
    current_task_state(page).approve(user=moderator)
    assert any(m.to == [author.email] and "About us" in m.subject for m in mailoutbox)
    assert not AuthorReviewEmail.objects.exists()


def test_review_email_task_is_safe_to_run_twice(barrier, author, moderator, mailoutbox):
    fix = FixFactory(parent=barrier, live=False, owner=author)
    fix.save_revision(user=author)
    fix.get_workflow().start(fix, author)
    task_state = current_task_state(fix)
    task_state.approve(user=moderator, comment="Good")
    mailoutbox.clear()
    assert email_author_about_review(task_state.pk) == "sent"
    assert email_author_about_review(task_state.pk) == "already sent"
    assert len([m for m in mailoutbox if m.to == [author.email]]) == 1
    assert AuthorReviewEmail.objects.get(task_state=task_state).sent_at is not None


def test_author_cannot_publish(client, barrier, author):
    client.force_login(author)
    response = add_fix_in_editor(client, barrier, title="Trying to publish", action="action-publish")
    fix = FixPage.objects.get(title="Trying to publish")
    assert not fix.live
    assert response.status_code in (200, 302, 403)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[fix.pk])).content.decode()
    assert 'name="action-publish"' not in edit
    assert client.post(reverse("wagtailadmin_pages:unpublish", args=[fix.pk])).status_code in (302, 403)
    fix.refresh_from_db()
    assert not fix.live


def test_author_proposes_a_barrier_saves_a_draft_previews_and_submits_it(
    client, knowledge_base, author, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(author)
    add_url = reverse("wagtailadmin_pages:add", args=["practice", "barrierpage", knowledge_base.pk])
    data = querydict_from_html(client.get(add_url).content.decode(), form_id="page-edit-form")
    data.update(
        {
            "title": "No budget for training",
            "slug": "no-budget-for-training",
            "summary": "There is no money to train staff.",
            "category": "resources",
            "description-count": "0",
        }
    )
    response = client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    barrier = BarrierPage.objects.get(slug="no-budget-for-training")
    assert not barrier.live and barrier.owner == author
    assert barrier.get_workflow().name == WORKFLOW_NAME
    preview = client.post(reverse("wagtailadmin_pages:preview_on_edit", args=[barrier.pk]), data)
    assert preview.status_code == 200 and preview.json()["is_valid"]
    assert client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[barrier.pk])).status_code == 200

    edit_url = reverse("wagtailadmin_pages:edit", args=[barrier.pk])
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    data.update({"description-count": "0", "action-submit": "1"})
    assert client.post(edit_url, data).status_code == 302
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        moderate(client, barrier, "approve")
    barrier.refresh_from_db()
    assert barrier.live
    (email,) = [message for message in mailoutbox if message.to == [author.email]]
    assert email.subject == "[Practice Hub] Published: your barrier “No budget for training”"


def test_author_cannot_edit_another_authors_fix(client, barrier, author, group_member):
    other = group_member("Authors")
    theirs = FixFactory(parent=barrier, title="Someone else's fix", owner=other)
    client.force_login(author)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[theirs.pk])).status_code in (302, 403)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[theirs.pk]), {"title": "Hijacked"})
    assert response.status_code in (302, 403)
    theirs.refresh_from_db()
    assert theirs.title == "Someone else's fix"
    # ...nor the barrier, which they do not own.
    assert client.get(reverse("wagtailadmin_pages:edit", args=[barrier.pk])).status_code in (302, 403)


def test_a_member_cannot_reach_the_editor(client, barrier, member):
    fix = FixFactory(parent=barrier)
    client.force_login(member)
    for url in [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[barrier.pk]),
        reverse("wagtailadmin_pages:edit", args=[fix.pk]),
        reverse("wagtailadmin_pages:add", args=["practice", "fixpage", barrier.pk]),
        reverse("wagtailadmin_workflows:index"),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/login/" in response["Location"]


def test_knowledge_base_created_later_gets_the_workflow_and_authors_permission(home_page):
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    index = KnowledgeBaseIndexFactory(parent=home_page)
    assert WorkflowPage.objects.get(page=index).workflow.name == WORKFLOW_NAME
    task = Workflow.objects.get(name=WORKFLOW_NAME).tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]
    assert GroupPagePermission.objects.filter(
        group__name="Authors", page=index, permission__codename="add_page"
    ).exists()
    assert not GroupPagePermission.objects.filter(
        group__name="Authors", page=index, permission__codename__in=["change_page", "publish_page"]
    ).exists()


def test_migration_sets_up_moderation_for_an_existing_knowledge_base(home_page):
    index = KnowledgeBaseIndexFactory(parent=home_page)
    WorkflowPage.objects.filter(page=index).delete()
    GroupPagePermission.objects.filter(page=index).delete()
    migration = import_module("practice.migrations.0003_knowledge_base_moderation")
    migration.set_up_moderation(apps, None)
    migration.set_up_moderation(apps, None)  # idempotent
    assert WorkflowPage.objects.get(page=index).workflow.name == WORKFLOW_NAME
    assert GroupPagePermission.objects.filter(group__name="Authors", page=index).count() == 1
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1


def test_editors_get_a_link_to_the_editor_and_members_the_suggest_form(client, barrier, author, member):
    client.force_login(author)
    page = client.get(barrier.url).content.decode()
    assert reverse("wagtailadmin_pages:add", args=["practice", "fixpage", barrier.pk]) in page
    assert 'name="suggest-title"' not in page
    client.force_login(member)
    page = client.get(barrier.url).content.decode()
    assert 'name="suggest-title"' in page
    assert "/admin/" not in page.split('id="suggest-a-fix"')[1]
    assert Group.objects.get(name="Authors").page_permissions.filter(
        page=Page.objects.get(pk=barrier.get_parent().pk)
    )
