"""The "Văn phòng" (office) group, who enter and publish the work schedule.

It gets admin access and the schedule's permissions, nothing on pages: news editors do not edit
the schedule unless they are also put in this group. The "Quản trị" group (administrators, made
by the news app's roles migration) gets the same schedule rights. Group names are data an
agency sees and may rename, so they are stored in Vietnamese.
"""

from django.db import migrations

OFFICE, ADMIN = "Văn phòng", "Quản trị"
SCHEDULE_PERMS = {
    "week": ["add_week", "change_week", "delete_week", "view_week"],
    "entry": ["add_entry", "change_entry", "delete_entry", "view_entry"],
}


def _permission(apps, app_label, model, codename, name):
    # post_migrate creates permissions only after every migration has run; on a fresh
    # database they do not exist yet, so create them (with the names Django uses).
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_office(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    names = {"week": "schedule week", "entry": "schedule entry"}
    permissions = [
        _permission(apps, "schedule", model, codename, f"Can {codename.split('_')[0]} {names[model]}")
        for model, codenames in SCHEDULE_PERMS.items()
        for codename in codenames
    ]
    office, _ = Group.objects.get_or_create(name=OFFICE)
    office.permissions.add(_permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"))
    office.permissions.add(*permissions)
    for admin in Group.objects.filter(name=ADMIN):
        admin.permissions.add(*permissions)


def remove_office(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=OFFICE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("schedule", "0001_initial"),
        ("news", "0004_roles_and_workflow"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_office, remove_office)]
