"""Who works on drafts for comment, so that every install has it.

- Cán bộ đơn vị (góp ý dự thảo): admin access; adds and edits drafts and moderates comments,
  but only those of the units whose staff they are (agency.Unit.staff; the admin views filter).
- Quản trị: every permission on drafts and comments, every unit.
"""

from django.db import migrations

UNIT_STAFF, ADMIN = "Cán bộ đơn vị (góp ý dự thảo)", "Quản trị"
UNIT_STAFF_PERMS = {
    "draft": ["view_draft", "add_draft", "change_draft"],
    "comment": ["view_comment", "change_comment"],
}
ADMIN_PERMS = {
    "draft": ["view_draft", "add_draft", "change_draft", "delete_draft"],
    "comment": ["view_comment", "change_comment", "delete_comment"],
}


def _permission(apps, app_label, model, codename):
    # post_migrate creates permissions only after every migration has run (see news 0004).
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    action = codename.partition("_")[0]
    name = "Can access Wagtail admin" if codename == "access_admin" else f"Can {action} {model}"
    return Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})[0]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    staff, _ = Group.objects.get_or_create(name=UNIT_STAFF)
    staff.permissions.add(_permission(apps, "wagtailadmin", "admin", "access_admin"))
    for model, codenames in UNIT_STAFF_PERMS.items():
        for codename in codenames:
            staff.permissions.add(_permission(apps, "consultations", model, codename))
    admin = Group.objects.filter(name=ADMIN).first()
    if admin is not None:
        for model, codenames in ADMIN_PERMS.items():
            for codename in codenames:
                admin.permissions.add(_permission(apps, "consultations", model, codename))


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("news", "0004_roles_and_workflow"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
