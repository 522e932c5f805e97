"""The Mentors group gets what "My surgeries" needs (their own rosters: the views check
which surgeries are theirs); Moderators manage the staff email domains; and the domain list
starts with gov.uk, so staff-only surgeries can be booked out of the box."""

from django.db import migrations

GROUP_PERMISSIONS = {
    "Mentors": [
        ("booking", "view_booking"),
        ("booking", "add_booking"),
        ("booking", "change_booking"),
        ("helprecord", "view_helprecord"),
        ("helprecord", "add_helprecord"),
        ("helprecord", "change_helprecord"),
    ],
    "Moderators": [
        ("allowedemaildomain", "add_allowedemaildomain"),
        ("allowedemaildomain", "change_allowedemaildomain"),
        ("allowedemaildomain", "delete_allowedemaildomain"),
        ("allowedemaildomain", "view_allowedemaildomain"),
    ],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("surgeries")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = models_module

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, permissions in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for model, codename in permissions:
            group.permissions.add(
                Permission.objects.get(content_type__app_label="surgeries", content_type__model=model, codename=codename)
            )
    apps.get_model("surgeries.AllowedEmailDomain").objects.get_or_create(
        domain="gov.uk", defaults={"note": "UK public sector, including most councils"}
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, permissions in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="surgeries", codename__in=[codename for _, codename in permissions]
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("surgeries", "0001_surgeries_bookings_help_records"),
        ("cms", "0004_create_editor_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
