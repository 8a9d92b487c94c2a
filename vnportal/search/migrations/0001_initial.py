from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="IndexEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[("article", "Article"), ("page", "Page"), ("document", "Document")],
                        max_length=16,
                        verbose_name="content type",
                    ),
                ),
                ("object_id", models.BigIntegerField(verbose_name="object id")),
                ("title", models.CharField(max_length=1000, verbose_name="title")),
                (
                    "body",
                    models.TextField(blank=True, help_text="Plain text shown in result snippets.", verbose_name="text"),
                ),
                ("title_exact", models.TextField(blank=True, verbose_name="title (canonical)")),
                ("body_exact", models.TextField(blank=True, verbose_name="text (canonical)")),
                ("title_folded", models.TextField(blank=True, verbose_name="title (folded)")),
                ("body_folded", models.TextField(blank=True, verbose_name="text (folded)")),
                (
                    "number",
                    models.CharField(
                        blank=True,
                        db_index=True,
                        help_text="Documents only: an exact number search puts the document first.",
                        max_length=100,
                        verbose_name="normalised document number",
                    ),
                ),
                ("date", models.DateTimeField(blank=True, db_index=True, null=True, verbose_name="date")),
                (
                    "tree_path",
                    models.CharField(
                        blank=True,
                        db_index=True,
                        help_text="Wagtail path of the page, to filter by section.",
                        max_length=255,
                        verbose_name="page tree path",
                    ),
                ),
                ("section_title", models.CharField(blank=True, max_length=255, verbose_name="section")),
                ("url", models.CharField(max_length=1000, verbose_name="address")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="indexed at")),
            ],
            options={"verbose_name": "search index entry", "verbose_name_plural": "search index entries"},
        ),
        migrations.AddConstraint(
            model_name="indexentry",
            constraint=models.UniqueConstraint(fields=("kind", "object_id"), name="search_entry_unique_object"),
        ),
    ]
