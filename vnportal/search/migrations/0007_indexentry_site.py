"""Search entries carry their portal (Wagtail Site), so that a search shows one portal's results.

Existing entries are assigned without re-indexing: a page to the site whose root its tree path
lies under (the deepest such root), anything else (documents, questions, schedule entries,
drafts) to the default site, where a single-site install already showed them.
"""

import django.db.models.deletion
from django.db import migrations, models


def fill_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    IndexEntry = apps.get_model("search", "IndexEntry")
    sites = list(Site.objects.select_related("root_page").order_by("pk"))
    if not sites:
        return
    default = next((site for site in sites if site.is_default_site), sites[0])
    IndexEntry.objects.exclude(kind__in=["article", "page"]).update(site=default)
    # Shallowest root first: a portal nested inside another's tree then takes its own pages.
    for site in sorted(sites, key=lambda s: len(s.root_page.path)):
        IndexEntry.objects.filter(kind__in=["article", "page"], tree_path__startswith=site.root_page.path).update(
            site=site
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_draft_kind"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="indexentry",
            name="site",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.site",
                verbose_name="portal",
            ),
        ),
        migrations.AlterField(
            model_name="indexentry",
            name="url",
            field=models.CharField(help_text="Path on its portal.", max_length=1000, verbose_name="address"),
        ),
        migrations.RunPython(fill_site, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="indexentry",
            index=models.Index(
                models.F("site"), models.F("date").desc(), models.F("id").desc(), name="search_entry_site_newest"
            ),
        ),
    ]
