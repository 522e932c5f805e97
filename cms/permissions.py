"""Editorial set-up shared by every section that takes submissions through the editor.

Each function takes an optional ``apps`` registry so a data migration can call it with its
historical models, and a model's ``post_save`` handler can call it for a section page created
later (by an editor, the demo content or a test). Both are idempotent.
"""

from django.apps import apps as global_apps

MODERATION_WORKFLOW_NAME = "Moderator approval"
MODERATORS_GROUP = "Moderators"


def grant_group_page_permissions(page, group_name, codenames, *, apps=global_apps):
    """Give the group ``codenames`` (e.g. ``["add_page"]``) on ``page`` and the pages below it.

    Does nothing if the group does not exist: a site that deleted the group chose to.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    group = Group.objects.filter(name=group_name).first()
    if group is None:
        return
    for codename in codenames:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page_id=page.pk, permission=permission)


def get_moderation_workflow(*, apps=global_apps):
    """The "Moderator approval" workflow: one group-approval task for the Moderators group.

    Created on first use, then found by name, so every section shares the same workflow.
    Returns None if the Moderators group does not exist.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    moderators = Group.objects.filter(name=MODERATORS_GROUP).first()
    if moderators is None:
        return None
    workflow, created = Workflow.objects.get_or_create(
        name=MODERATION_WORKFLOW_NAME, defaults={"active": True}
    )
    if created or not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = GroupApprovalTask.objects.filter(name=MODERATION_WORKFLOW_NAME).first()
        if task is None:
            # Set by hand: historical models do not fill in the specific content type.
            content_type, _ = ContentType.objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )
            task = GroupApprovalTask.objects.create(
                name=MODERATION_WORKFLOW_NAME, content_type=content_type, active=True
            )
            task.groups.add(moderators)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def assign_moderation_workflow(page, *, apps=global_apps):
    """Send every submission under ``page`` through the "Moderator approval" workflow, unless an
    administrator has already chosen a workflow for the page. Returns the page's workflow."""
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    chosen = WorkflowPage.objects.filter(page_id=page.pk).select_related("workflow").first()
    if chosen is not None:
        return chosen.workflow
    workflow = get_moderation_workflow(apps=apps)
    if workflow is not None:
        WorkflowPage.objects.create(page_id=page.pk, workflow=workflow)
    return workflow
