"""Who keeps the units and people: the approving leaders (Lãnh đạo duyệt) and the
administrators (Quản trị). The groups are the newsroom's (news 0004 makes them too, by the
same names, whichever runs first); reporters and editors work in their sections only."""

from django.db import migrations

GROUPS = ("Lãnh đạo duyệt", "Quản trị")
MODELS = ("unit", "person")
ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for model in MODELS:
        # post_migrate creates permissions only after every migration has run: make them (as Django names them).
        content_type, _ = ContentType.objects.get_or_create(app_label="agency", model=model)
        for action in ACTIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            permissions.append(permission)
    for name in GROUPS:
        Group.objects.get_or_create(name=name)[0].permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("agency", "0002_about_pages"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
