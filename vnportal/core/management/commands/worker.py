from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from vnportal.core import scheduler


class Command(BaseCommand):
    help = _("Run the periodic jobs (scheduled publishing, statistics …).")

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help=_("Run every job once, then exit."))

    def handle(self, *args, once=False, **options):
        if once:
            scheduler.run_once()
        else:
            scheduler.run_forever()
