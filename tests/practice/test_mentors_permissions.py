"""Mentors keep their own profile in the Wagtail admin, and nobody else's.

Edits by a mentor go through the "Moderator approval" workflow; only moderators change the
private details (email address, linked account), and the form ignores them from anyone else.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, Revision, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.permissions import MODERATION_WORKFLOW_NAME
from practice.models import MentorPage
from tests.factories import CouncilFactory, TopicFactory
from tests.practice.mentor_factories import MentorPageFactory, make_mentor_index, make_mentor_user

pytestmark = pytest.mark.django_db

ORIGINAL_BIO = "<p>Happy to help councils get started.</p>"


@pytest.fixture
def mentor_index(home_page):
    return make_mentor_index(home_page)


@pytest.fixture
def alice(db):
    return make_mentor_user(username="alice", email="alice@example.gov.uk")


@pytest.fixture
def bob(db):
    return make_mentor_user(username="bob", email="bob@example.gov.uk")


@pytest.fixture
def profiles(mentor_index, alice, bob):
    council = CouncilFactory(name="Kirklees Council")
    topic = TopicFactory(name="twitter")
    return {
        "alice": MentorPageFactory(
            parent=mentor_index,
            title="Alice Able",
            council=council,
            topics=[topic],
            user=alice,
            contact_email="alice.private@private-mentor-inbox.example",
            revision=True,
        ),
        "bob": MentorPageFactory(
            parent=mentor_index,
            title="Bob Baker",
            council=council,
            topics=[topic],
            user=bob,
            contact_email="bob.private@private-mentor-inbox.example",
            revision=True,
        ),
    }


@pytest.fixture
def moderator(group_member):
    return group_member("Moderators", username="moderator")


def profile_form_data(page, **changes):
    """What the Wagtail editor posts for a mentor profile (the fields a mentor sees)."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "seo_title": "",
        "search_description": "",
        "role": page.role,
        "council": page.council_id or "",
        "organisation": page.organisation,
        "photo": "",
        "bio": rich_text(changes.pop("bio_html", page.bio)),
        "topics": ", ".join(topic.name for topic in page.topics.all()),
        "platforms": [platform.pk for platform in page.platforms.all()],
        "offers_surgeries": "on" if page.offers_surgeries else "",
        "offers_calls": "on" if page.offers_calls else "",
        "offers_messages": "on" if page.offers_messages else "",
        "availability": page.availability,
        "languages": page.languages,
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data({key: value for key, value in data.items() if value != ""})


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def stored(page):
    """The page as the database and its latest revision hold it now."""
    row = MentorPage.objects.get(pk=page.pk)
    return row, row.get_latest_revision_as_object()


def denied(response):
    """Wagtail's admin answers a permission failure with a redirect home and a message (or 403)."""
    if response.status_code == 302:
        return response.url == reverse("wagtailadmin_home")
    return response.status_code in (403, 404)


# --- a mentor edits their own profile ---------------------------------------------------------


def test_mentor_opens_their_profile_from_the_admin_menu(client, alice, profiles):
    client.force_login(alice)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "My mentor profile" in dashboard
    response = client.get(reverse("practice_edit_own_mentor_profile"))
    assert response.status_code == 302 and response.url == edit_url(profiles["alice"])
    editor = client.get(response.url)
    assert editor.status_code == 200
    html = editor.content.decode()
    assert 'name="bio"' in html
    assert 'name="contact_email"' not in html and 'name="user"' not in html
    assert "alice.private@" not in html


def test_mentor_edit_is_saved_as_a_draft_and_submitted_to_moderators(client, alice, profiles):
    alice_page = profiles["alice"]
    client.force_login(alice)
    data = profile_form_data(alice_page, bio_html="<p>Now also running Instagram clinics.</p>")
    data["action-submit"] = "Submit to Moderator approval"
    response = client.post(edit_url(alice_page), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    row, latest = stored(alice_page)
    assert "Instagram clinics" in latest.bio
    assert row.bio == ORIGINAL_BIO  # the public profile waits for a moderator
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(alice_page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == MODERATION_WORKFLOW_NAME
    assert state.requested_by == alice


def test_moderator_approval_puts_the_mentor_edit_live(client, alice, moderator, profiles):
    alice_page = profiles["alice"]
    client.force_login(alice)
    data = profile_form_data(alice_page, bio_html="<p>Approved words.</p>")
    data["action-submit"] = "Submit"
    client.post(edit_url(alice_page), data)
    task_state = WorkflowState.objects.get(object_id=str(alice_page.pk)).current_task_state

    client.force_login(moderator)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[alice_page.pk, "approve", task_state.pk]),
        {"comment": "Looks good"},
    )
    assert response.status_code in (200, 302)
    assert "Approved words." in MentorPage.objects.get(pk=alice_page.pk).bio


def test_mentor_cannot_publish_their_own_edit_directly(client, alice, profiles):
    alice_page = profiles["alice"]
    client.force_login(alice)
    data = profile_form_data(alice_page, bio_html="<p>Straight to the public, please.</p>")
    data["action-publish"] = "Publish"
    client.post(edit_url(alice_page), data)
    row, latest = stored(alice_page)
    assert row.bio == ORIGINAL_BIO
    assert "Straight to the public" in latest.bio  # kept as a draft, not published


def test_mentor_cannot_change_their_private_details_by_adding_them_to_the_form(client, alice, bob, profiles):
    alice_page = profiles["alice"]
    client.force_login(alice)
    data = profile_form_data(alice_page, bio_html="<p>Changed bio.</p>")
    data.update({"contact_email": "attacker@evil.example", "user": str(bob.pk)})
    response = client.post(edit_url(alice_page), data)
    assert response.status_code == 302
    row, latest = stored(alice_page)
    assert "Changed bio." in latest.bio  # the edit itself went through...
    for version in (row, latest):  # ...but not the private details, in the page or the draft
        assert version.contact_email == "alice.private@private-mentor-inbox.example"
        assert version.user_id == alice.pk


# --- and nobody else's -------------------------------------------------------------------------


def test_mentor_cannot_open_or_post_another_mentors_editor(client, alice, profiles):
    bob_page = profiles["bob"]
    revisions_before = Revision.page_revisions.filter(object_id=str(bob_page.pk)).count()
    client.force_login(alice)
    assert denied(client.get(edit_url(bob_page)))
    response = client.post(edit_url(bob_page), profile_form_data(bob_page, bio_html="<p>Hijacked</p>"))
    assert denied(response)
    data = profile_form_data(bob_page, bio_html="<p>Hijacked</p>")
    data["action-submit"] = "Submit"
    assert denied(client.post(edit_url(bob_page), data))
    row, latest = stored(bob_page)
    assert row.bio == latest.bio == ORIGINAL_BIO
    assert Revision.page_revisions.filter(object_id=str(bob_page.pk)).count() == revisions_before
    assert not WorkflowState.objects.filter(object_id=str(bob_page.pk)).exists()


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailadmin_pages:preview_on_edit",
        "wagtailadmin_pages:history",
        "wagtailadmin_pages:delete",
        "wagtailadmin_pages:unpublish",
        "wagtailadmin_pages:move",
        "wagtailadmin_pages:copy",
        "wagtailadmin_pages:lock",
        "wagtailadmin_pages:usage",
        "wagtailadmin_pages:workflow_history",
    ],
)
def test_mentor_cannot_reach_another_profile_by_guessing_admin_urls(client, alice, profiles, url_name):
    bob_page = profiles["bob"]
    client.force_login(alice)
    url = reverse(url_name, args=[bob_page.pk])
    get = client.get(url)
    assert denied(get) or get.status_code == 405
    post = client.post(
        url, {"new_title": "Copy", "new_slug": "copy", "new_parent_page": bob_page.get_parent().pk}
    )
    assert denied(post) or post.status_code == 405
    row, latest = stored(bob_page)
    assert row.live and row.locked is False and row.bio == latest.bio == ORIGINAL_BIO
    assert MentorPage.objects.count() == 2


def test_mentor_cannot_view_or_revert_to_another_profiles_revisions(client, alice, profiles):
    bob_page = profiles["bob"]
    revision = bob_page.latest_revision
    client.force_login(alice)
    assert denied(client.get(reverse("wagtailadmin_pages:revisions_view", args=[bob_page.pk, revision.pk])))
    assert denied(client.get(reverse("wagtailadmin_pages:revisions_revert", args=[bob_page.pk, revision.pk])))


def test_mentor_cannot_add_a_profile(client, alice, mentor_index, profiles):
    client.force_login(alice)
    url = reverse("wagtailadmin_pages:add", args=["practice", "mentorpage", mentor_index.pk])
    assert denied(client.get(url))
    data = profile_form_data(profiles["alice"], title="Fake Mentor", slug="fake-mentor")
    assert denied(client.post(url, data))
    assert not Page.objects.filter(slug="fake-mentor").exists()


def test_mentor_cannot_delete_move_copy_lock_or_unpublish_even_their_own_profile(alice, profiles):
    permissions = profiles["alice"].permissions_for_user(alice)
    assert permissions.can_edit()
    assert permissions.can_submit_for_moderation()
    assert not permissions.can_publish()
    assert not permissions.can_unpublish()
    assert not permissions.can_delete()
    assert not permissions.can_move()
    assert not permissions.can_copy()
    assert not permissions.can_lock()
    assert not permissions.can_add_subpage()
    assert not profiles["bob"].permissions_for_user(alice).can_edit()
    # The same answers through a plain Page, as the admin listing and chooser hold them.
    assert Page.objects.get(pk=profiles["bob"].pk).permissions_for_user(alice).can_edit() is False
    assert Page.objects.get(pk=profiles["alice"].pk).permissions_for_user(alice).can_edit() is True


def test_being_linked_is_not_enough_without_the_mentors_group(client, alice, profiles):
    alice.groups.set([Group.objects.get(name="Authors")])  # can reach the admin, is not a mentor
    alice = type(alice).objects.get(pk=alice.pk)
    assert not profiles["alice"].permissions_for_user(alice).can_edit()
    client.force_login(alice)
    assert denied(client.get(edit_url(profiles["alice"])))
    response = client.get(reverse("practice_edit_own_mentor_profile"))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_a_mentor_without_a_linked_profile_is_told_so(client, profiles):
    carol = make_mentor_user(username="carol")
    client.force_login(carol)
    assert "My mentor profile" not in client.get(reverse("wagtailadmin_home")).content.decode()
    response = client.get(reverse("practice_edit_own_mentor_profile"), follow=True)
    assert "No mentor profile is linked to your account" in response.content.decode()


def test_a_draft_that_links_someone_else_does_not_let_them_in(client, moderator, profiles):
    """Permission needs the stored page and the latest draft to agree on who is linked."""
    dave = make_mentor_user(username="dave")
    bob_page = profiles["bob"]
    draft = MentorPage.objects.get(pk=bob_page.pk)
    draft.user = dave
    draft.save_revision(user=moderator)  # a moderator's unpublished draft, not yet live
    client.force_login(dave)
    assert denied(client.get(edit_url(bob_page)))
    draft.get_latest_revision().publish(user=moderator)  # once it is live, dave may edit
    assert client.get(edit_url(bob_page)).status_code == 200


# --- moderators manage the private details ---------------------------------------------------


def test_moderator_sees_and_changes_the_private_details(client, moderator, bob, profiles):
    alice_page = profiles["alice"]
    client.force_login(moderator)
    html = client.get(edit_url(alice_page)).content.decode()
    assert 'name="contact_email"' in html and 'name="user"' in html
    data = profile_form_data(
        alice_page, contact_email="alice.new@private-mentor-inbox.example", user=str(alice_page.user_id)
    )
    data["action-publish"] = "Publish"
    response = client.post(edit_url(alice_page), data)
    assert response.status_code == 302
    assert MentorPage.objects.get(pk=alice_page.pk).contact_email == "alice.new@private-mentor-inbox.example"


def test_only_members_of_the_mentors_group_can_be_linked(client, moderator, member, profiles):
    alice_page = profiles["alice"]
    client.force_login(moderator)
    data = profile_form_data(alice_page, contact_email=alice_page.contact_email, user=str(member.pk))
    data["action-publish"] = "Publish"
    response = client.post(edit_url(alice_page), data)
    assert response.status_code == 200
    assert "user" in response.context["form"].errors
    assert MentorPage.objects.get(pk=alice_page.pk).user_id == alice_page.user_id


def test_a_new_mentor_index_made_in_the_admin_is_under_moderation(client, home_page, superuser):
    from wagtail.models import WorkflowPage

    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:add", args=["practice", "mentorindexpage", home_page.pk])
    response = client.post(url, {"title": "Mentors", "slug": "mentors", "intro": "", "action-publish": "1"})
    assert response.status_code == 302
    index = Page.objects.get(slug="mentors")
    assert WorkflowPage.objects.get(page=index).workflow.name == MODERATION_WORKFLOW_NAME


def test_the_same_admin_urls_do_open_for_the_mentors_own_profile(client, alice, profiles):
    """The control for the refusals above: the mentor's own profile opens in the editor, its
    preview and its workflow history. (Wagtail checks the page history, usage and revision
    views against group page permissions only, so those stay closed to mentors.)"""
    alice_page = profiles["alice"]
    client.force_login(alice)
    assert client.get(edit_url(alice_page)).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:workflow_history", args=[alice_page.pk])).status_code == 200
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[alice_page.pk])
    data = profile_form_data(alice_page, bio_html="<p>Previewed words.</p>")
    assert client.post(preview_url, data).json()["is_valid"] is True
    preview = client.get(preview_url)
    assert preview.status_code == 200 and "Previewed words." in preview.content.decode()


def test_mentors_cannot_browse_the_page_tree_and_moderators_can(
    client, alice, moderator, mentor_index, profiles
):
    client.force_login(alice)
    assert denied(client.get(reverse("wagtailadmin_explore", args=[mentor_index.pk])))
    assert denied(client.get(reverse("wagtailadmin_explore_root")))
    client.force_login(moderator)
    listing = client.get(reverse("wagtailadmin_explore", args=[mentor_index.pk]))
    assert listing.status_code == 200
    assert "Alice Able" in listing.content.decode() and "Bob Baker" in listing.content.decode()


def test_moderator_creates_a_profile_with_its_private_details(
    client, moderator, mentor_index, alice, profiles
):
    carol = make_mentor_user(username="carol")
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:add", args=["practice", "mentorpage", mentor_index.pk])
    data = profile_form_data(
        profiles["alice"],
        title="Carol Cole",
        slug="carol-cole",
        contact_email="carol@private-mentor-inbox.example",
        user=str(carol.pk),
    )
    data["action-publish"] = "Publish"
    response = client.post(url, data)
    assert response.status_code == 302
    carol_page = MentorPage.objects.get(slug="carol-cole")
    assert carol_page.live and carol_page.user == carol
    assert carol_page.contact_email == "carol@private-mentor-inbox.example"
    assert carol_page.permissions_for_user(carol).can_edit()


def test_copying_a_profile_does_not_copy_its_account_link(superuser, profiles, mentor_index):
    copy = profiles["alice"].copy(update_attrs={"title": "Copy", "slug": "copy"}, user=superuser)
    assert copy.specific.user_id is None
    assert MentorPage.objects.get(pk=profiles["alice"].pk).user_id == profiles["alice"].user_id
