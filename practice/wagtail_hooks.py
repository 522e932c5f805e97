"""The community of practice in the Wagtail admin."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.pages.preview import PreviewOnEditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from practice.models import MentorIndexPage, MentorMessage, MentorPage
from practice.services.mentor_profiles import put_under_moderation

# --- mentors: their own profile -----------------------------------------------------------------


def own_mentor_profile(user):
    """The profile the user may edit as its mentor, or None."""
    if not user.is_authenticated:
        return None
    profile = MentorPage.objects.filter(user=user).first()
    if profile is None or not profile.permissions_for_user(user).is_own_profile():
        return None
    return profile


def edit_own_mentor_profile(request):
    """/admin/my-mentor-profile/: straight to the editor of the signed-in mentor's profile."""
    profile = own_mentor_profile(request.user)
    if profile is None:
        messages.error(request, "No mentor profile is linked to your account. Ask a moderator to link one.")
        return redirect("wagtailadmin_home")
    return redirect("wagtailadmin_pages:edit", profile.pk)


@hooks.register("register_admin_urls")
def register_mentor_admin_urls():
    return [path("my-mentor-profile/", edit_own_mentor_profile, name="practice_edit_own_mentor_profile")]


class OwnMentorProfileMenuItem(MenuItem):
    def is_shown(self, request):
        if not hasattr(request, "_own_mentor_profile"):
            request._own_mentor_profile = own_mentor_profile(request.user)
        return request._own_mentor_profile is not None


@hooks.register("register_admin_menu_item")
def register_own_mentor_profile_menu_item():
    return OwnMentorProfileMenuItem(
        "My mentor profile",
        reverse("practice_edit_own_mentor_profile"),
        icon_name="user",
        order=150,
    )


class MentorPreviewOnEditView(PreviewOnEditView):
    """The editor's preview asks for the model-wide "change" permission, which mentors do not
    have (their right is to one page). Leave the check to the page's own permission tester,
    which ``get_object`` already applies: it allows a mentor their own profile, nothing more."""

    permission_required = None


class MentorPageViewSet(PageViewSet):
    """The editor's views for mentor profiles: Wagtail's, with the preview above."""

    model = MentorPage
    icon = "user"
    preview_on_edit_view_class = MentorPreviewOnEditView


@hooks.register("register_admin_viewset")
def register_mentor_page_viewset():
    return MentorPageViewSet("mentor_pages")


@hooks.register("after_create_page")
def moderate_mentor_profiles(request, page):
    """A new mentor index gets the "Moderator approval" workflow, so mentors' edits are reviewed."""
    if isinstance(page.specific, MentorIndexPage):
        put_under_moderation(page)


# --- moderators: relayed messages, read-only, for dealing with abuse -------------------------


class ReadAndDeletePermissionPolicy(ModelPermissionPolicy):
    """Relayed messages are a record: they can be read and deleted, never added or changed."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change"} and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(MentorMessage, ReadAndDeletePermissionPolicy(MentorMessage))


class MentorMessageViewSet(ModelViewSet):
    model = MentorMessage
    icon = "mail"
    menu_label = "Mentor messages"
    add_to_admin_menu = True
    menu_order = 350
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["sender_name", "sender_email", "mentor", "topic", "created_at", "sent_at"]
    list_filter = ["sent_at"]
    search_fields = ["sender_name", "sender_email", "body"]
    search_backend_name = None
    inspect_view_fields = ["mentor", "sender_name", "sender_email", "topic", "body", "created_at", "sent_at"]
    # Required by ModelViewSet; never used, since the policy refuses adding and changing.
    form_fields = ["sender_name", "sender_email", "topic", "body"]


@hooks.register("register_admin_viewset")
def register_mentor_message_viewset():
    return MentorMessageViewSet("mentor_messages")


# --- what topic pages and the weekly digest show (cms.topics) -------------------------------


def _tagged(model, topic_ids, since, limit):
    pages = model.objects.live().filter(tagged_topics__tag_id__in=topic_ids).distinct()
    if since is not None:
        pages = pages.filter(first_published_at__gt=since)
    pages = pages.order_by("-first_published_at", "-pk")
    return pages[:limit] if limit else pages


@hooks.register("practicehub_topic_items")
def case_study_topic_items(topic_ids, *, since=None, limit=None):
    from cms.topics import TopicItem

    from .models import CaseStudyPage

    return [
        TopicItem("Case study", page.title, page.get_full_url(), page.first_published_at, page.summary)
        for page in _tagged(CaseStudyPage, topic_ids, since, limit)
    ]


@hooks.register("practicehub_topic_items")
def fix_topic_items(topic_ids, *, since=None, limit=None):
    from cms.topics import TopicItem

    from .models import FixPage

    return [
        TopicItem("Fix", page.title, page.get_full_url(), page.first_published_at, page.summary)
        for page in _tagged(FixPage, topic_ids, since, limit)
    ]
