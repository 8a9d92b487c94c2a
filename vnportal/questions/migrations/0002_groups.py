"""The Hỏi đáp groups: the coordinators ("Tổ Hỏi đáp": see every request, assign, publish,
edit the fields and holidays, export or erase a person's data) and the unit staff ("Cán bộ
đơn vị": admin access only; what they see is their units' inbox, from agency.Unit.staff)."""

from django.db import migrations

COORDINATORS = "Tổ Hỏi đáp"
UNIT_STAFF = "Cán bộ đơn vị"


def _permission(apps, app_label, model, codename, name):
    # Permissions are created by post_migrate, after every migration: create them here if missing.
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})[0]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS)
    coordinators.permissions.add(access_admin)
    for model in ("questionfield", "holiday"):
        for action in ("add", "change", "delete", "view"):
            coordinators.permissions.add(
                _permission(apps, "questions", model, f"{action}_{model}", f"Can {action} {model}")
            )
    unit_staff, _ = Group.objects.get_or_create(name=UNIT_STAFF)
    unit_staff.permissions.add(access_admin)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[COORDINATORS, UNIT_STAFF]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
