"""The page tree's root and the root collection are shown in the admin by their data names,
which Wagtail creates as "Root": name them in Vietnamese (only where still "Root")."""

from django.db import migrations

ROOT_PAGE_TITLE = "Gốc"
ROOT_COLLECTION_NAME = "Thư mục gốc"


def rename_roots(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title="Root").update(title=ROOT_PAGE_TITLE, draft_title=ROOT_PAGE_TITLE)
    Collection.objects.filter(depth=1, name="Root").update(name=ROOT_COLLECTION_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_visitorsalt"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(rename_roots, migrations.RunPython.noop)]
