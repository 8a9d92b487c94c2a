from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site

from vnportal.news.models import LegacyPortalSettings


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
        settings = LegacyPortalSettings.for_site(site)
        settings.visits_offset = int(cleaned)
        if source is not None:
            settings.source_name = source[:255]
        settings.save()
        self.stdout.write(_("All-time visits carried over: %(visits)s") % {"visits": f"{settings.visits_offset:,}".replace(",", ".")})
