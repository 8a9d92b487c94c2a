"""Documents belong to a portal (a Wagtail Site): existing ones to the default site.

A single-site database keeps every document on its main portal's /van-ban/. The column is
added nullable, filled, then made required, so no row is ever without a site.
"""

import django.db.models.deletion
from django.db import migrations, models

import vnportal.library.models


def fill_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Document = apps.get_model("library", "Document")
    if not Document.objects.exists():
        return
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    if site is None:
        raise RuntimeError("Documents exist but no Wagtail Site does: create the site first, then migrate.")
    Document.objects.filter(site__isnull=True).update(site=site)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0002_english_labels"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="site",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="portal",
            ),
        ),
        migrations.RunPython(fill_site, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="document",
            name="site",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                default=vnportal.library.models.default_site_id,
                help_text="The portal whose document library lists this document; empty: the main portal.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="portal",
            ),
        ),
        migrations.AddIndex(
            model_name="document",
            index=models.Index(
                models.F("site"),
                models.F("issued_on").desc(),
                models.F("id").desc(),
                name="library_doc_site_list",
            ),
        ),
    ]
