from django.db import migrations, models


def create_the_version_row(apps, schema_editor):
    apps.get_model("cms", "ContentVersion").objects.using(schema_editor.connection.alias).get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0005_topic_follows_and_digests"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("value", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "content version",
            },
        ),
        migrations.RunPython(create_the_version_row, migrations.RunPython.noop),
    ]
