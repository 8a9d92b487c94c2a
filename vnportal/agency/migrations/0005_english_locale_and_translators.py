"""English for an install that had Vietnamese only (docs/translation.md).

- Every existing page keeps the locale it has, Vietnamese ("vi", made by Wagtail's own
  migrations from LANGUAGE_CODE). An install whose single locale was made under another code
  (a LANGUAGE_CODE changed after the first migrate) has it renamed to "vi": its pages are
  Vietnamese.
- The English locale is made, so translators can start at once.
- The newsroom's editors (Biên tập viên), approving leaders (Lãnh đạo duyệt) and administrators
  (Quản trị) may translate: Wagtail's "Translate" action on pages, and the unit and person
  translations.
"""

from django.db import migrations

GROUPS = ("Biên tập viên", "Lãnh đạo duyệt", "Quản trị")
MODELS = ("unittranslation", "persontranslation")
ACTIONS = ("add", "change", "delete", "view")


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    if not Locale.objects.filter(language_code="vi").exists() and Locale.objects.count() == 1:
        Locale.objects.update(language_code="vi")
    Locale.objects.get_or_create(language_code="vi")
    Locale.objects.get_or_create(language_code="en")

    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for model in MODELS:
        # post_migrate makes permissions only after every migration: make them as Django names them.
        content_type, _ = ContentType.objects.get_or_create(app_label="agency", model=model)
        for action in ACTIONS:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            permissions.append(permission)
    content_type, _ = ContentType.objects.get_or_create(app_label="simple_translation", model="simpletranslation")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="submit_translation", defaults={"name": "Can submit translations"}
    )
    permissions.append(permission)
    for name in GROUPS:
        Group.objects.get_or_create(name=name)[0].permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("agency", "0004_translations"),
        ("simple_translation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
