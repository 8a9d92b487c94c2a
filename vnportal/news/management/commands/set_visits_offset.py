from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site

from vnportal.news.models import LegacyPortalSettings
from vnportal.stats.models import StatsSettings


class Command(BaseCommand):
    help = _("Set the all-time visits carried over from the old portal (added to the statistics' total).")

    def add_arguments(self, parser):
        parser.add_argument("visits", help=_("the old portal's all-time visit counter"))
        parser.add_argument("--source", default=None, help=_("the old portal's name or address, for the record"))

    def handle(self, visits, source=None, **options):
        cleaned = str(visits).replace(".", "").replace(",", "").replace(" ", "")
        if not cleaned.isdigit():
            raise CommandError(_("“%(value)s” is not a whole number ≥ 0.") % {"value": visits})
        site = Site.objects.get(is_default_site=True)
        stats = StatsSettings.for_site(site)
        stats.starting_offset = int(cleaned)
        stats.save()
        if source is not None:
            legacy = LegacyPortalSettings.for_site(site)
            legacy.source_name = source[:255]
            legacy.save()
        self.stdout.write(
            _("All-time visits carried over: %(visits)s") % {"visits": f"{stats.starting_offset:,}".replace(",", ".")}
        )
