"""Polls belong to one portal (Wagtail Site): the existing ones to the default site, the
province's portal, which is where they were shown before sub-portals existed."""

import django.db.models.deletion
from django.db import migrations, models

import vnportal.polls.models


def to_default_site(apps, schema_editor):
    Poll = apps.get_model("polls", "Poll")
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    if site is not None:
        Poll.objects.filter(site__isnull=True).update(site=site)


class Migration(migrations.Migration):
    dependencies = [
        ("polls", "0003_delete_ratecounter"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="poll",
            name="site",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="polls",
                to="wagtailcore.site",
                verbose_name="portal",
            ),
        ),
        migrations.RunPython(to_default_site, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="poll",
            name="site",
            field=models.ForeignKey(
                default=vnportal.polls.models.default_site_id,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="polls",
                to="wagtailcore.site",
                verbose_name="portal",
            ),
        ),
    ]
