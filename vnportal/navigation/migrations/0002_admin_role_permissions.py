"""The portal administrators ("Quản trị") manage the menu, link groups, banners and notices."""

from django.db import migrations

ADMIN = "Quản trị"
PERMISSIONS = {
    "menusettings": ["change"],
    "linkgroup": ["add", "change", "delete", "view"],
    "banner": ["add", "change", "delete", "view"],
    "maintenancenotice": ["add", "change", "delete", "view"],
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name=ADMIN)
    for model, actions in PERMISSIONS.items():
        # post_migrate creates permissions only after every migration: make them here (Django's names).
        content_type, _ = ContentType.objects.get_or_create(app_label="navigation", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("navigation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
