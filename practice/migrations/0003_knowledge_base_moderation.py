"""Moderation of the knowledge base, for an index page that already exists.

Creates the "Moderator approval" workflow (one group approval task for Moderators), puts it on
the knowledge base index page, and gives Authors "add" permission there (create barriers and
fixes, edit their own, never publish). An index page created later gets the same from
practice.services.moderation, run by a post_save signal; this migration repeats that logic
with historical models, as a migration must.
"""

from django.db import migrations

WORKFLOW_NAME = "Moderator approval"


def moderator_approval_workflow(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).order_by("-active", "pk").first()
    if workflow is not None:
        return workflow
    workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, content_type=content_type, active=True)
        task.groups.set(Group.objects.filter(name="Moderators"))
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def set_up_moderation(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    KnowledgeBaseIndexPage = apps.get_model("practice.KnowledgeBaseIndexPage")

    workflow = moderator_approval_workflow(apps)
    authors = Group.objects.filter(name="Authors").first()
    add_page = Permission.objects.filter(content_type__app_label="wagtailcore", codename="add_page").first()
    for index_page in KnowledgeBaseIndexPage.objects.all():
        if authors is not None and add_page is not None:
            GroupPagePermission.objects.get_or_create(group=authors, page_id=index_page.pk, permission=add_page)
        if not WorkflowPage.objects.filter(page_id=index_page.pk).exists():
            WorkflowPage.objects.create(page_id=index_page.pk, workflow=workflow)


def remove_moderation(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    KnowledgeBaseIndexPage = apps.get_model("practice.KnowledgeBaseIndexPage")

    index_ids = list(KnowledgeBaseIndexPage.objects.values_list("pk", flat=True))
    GroupPagePermission.objects.filter(
        group__name="Authors", page_id__in=index_ids, permission__codename="add_page"
    ).delete()
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    GroupApprovalTask.objects.filter(
        name=WORKFLOW_NAME, workflow_tasks__isnull=True, task_states__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0002_knowledge_base_endorsements"),
        ("cms", "0004_create_editor_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(set_up_moderation, remove_moderation)]
