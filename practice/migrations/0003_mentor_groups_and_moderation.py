"""Who may do what with mentor profiles, and the workflow a mentor's own edits go through.

- Mentors may edit the one profile linked to their account (nothing else: no page permissions).
- Moderators may change a mentor's private details (email, linked account) and read or delete
  relayed messages when dealing with abuse.
- Mentor profiles go through the site's "Moderator approval" workflow, created here if no other
  app has created it yet (a Moderators group approval task), and assigned to the mentor index.
"""

from django.db import migrations

WORKFLOW_NAME = "Moderator approval"

GROUP_PERMISSIONS = {
    "Mentors": [("practice", "mentorpage", "edit_own_mentor_profile")],
    "Moderators": [
        ("practice", "mentorpage", "change_mentor_private_details"),
        ("practice", "mentormessage", "view_mentormessage"),
        ("practice", "mentormessage", "delete_mentormessage"),
    ],
}


def _permission(Permission, app_label, model, codename):
    return Permission.objects.get(
        content_type__app_label=app_label, content_type__model=model, codename=codename
    )


def grant_permissions(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group_name, permissions in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for app_label, model, codename in permissions:
            group.permissions.add(_permission(Permission, app_label, model, codename))


def revoke_permissions(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group_name, permissions in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for app_label, model, codename in permissions:
            group.permissions.remove(_permission(Permission, app_label, model, codename))


def create_moderation_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    MentorIndexPage = apps.get_model("practice.MentorIndexPage")

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        moderators, _ = Group.objects.get_or_create(name="Moderators")
        task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME, active=True).first()
        if task is None:
            content_type, _ = ContentType.objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )
            task = GroupApprovalTask.objects.create(
                name=WORKFLOW_NAME, content_type=content_type, active=True
            )
            task.groups.set([moderators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    for index_page in MentorIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(page_id=index_page.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0002_mentor_relay_and_permissions"),
        ("cms", "0004_create_editor_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(grant_permissions, revoke_permissions),
        migrations.RunPython(create_moderation_workflow, migrations.RunPython.noop),
    ]
