"""Search entries carry their language, so that /en/search/ can search the English pages.

Every existing entry is Vietnamese (English pages were left out of the index until now): the
column's default fills them. English pages come in at the next ``rebuild_search_index`` or publish.

Plain ALTER TABLE rather than AddField: on SQLite, Django adds a NOT NULL column with a default
by re-creating the table, which would drop the triggers that keep the FTS5 index in step (0002)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_indexentry_site"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE search_indexentry ADD COLUMN language varchar(8) NOT NULL DEFAULT 'vi'",
                    "ALTER TABLE search_indexentry DROP COLUMN language",
                )
            ],
            state_operations=[
                migrations.AddField(
                    model_name="indexentry",
                    name="language",
                    field=models.CharField(default="vi", max_length=8, verbose_name="language"),
                )
            ],
        )
    ]
