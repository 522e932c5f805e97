"""Authors may submit case studies under any case-study index that already exists, and each
submission goes through the "Moderator approval" workflow. An index created later gets the
same from CaseStudyIndexPage's post_save handler."""

from django.db import migrations

from cms.permissions import assign_moderation_workflow, grant_group_page_permissions


def open_case_studies_to_authors(apps, schema_editor):
    CaseStudyIndexPage = apps.get_model("practice", "CaseStudyIndexPage")
    for index_page in CaseStudyIndexPage.objects.all():
        grant_group_page_permissions(index_page, "Authors", ["add_page"], apps=apps)
        assign_moderation_workflow(index_page, apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("practice", "0002_case_studies"),
        ("cms", "0004_create_editor_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(open_case_studies_to_authors, migrations.RunPython.noop)]
