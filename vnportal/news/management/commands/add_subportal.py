from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from vnportal.core import public
from vnportal.news.subportals import create_subportal


class Command(BaseCommand):
    help = _("Create a sub-portal (district, commune, department): a site with its own home page and settings.")

    def add_arguments(self, parser):
        parser.add_argument("hostname", help=_("its host name, e.g. huyenanbinh.tinh.gov.vn"))
        parser.add_argument("name", help=_("its name, e.g. “Cổng thông tin điện tử huyện An Bình”"))
        parser.add_argument(
            "--port", type=int, default=443, help=_("the port readers use: 443 behind https (the default), 80, 8000 …")
        )

    def handle(self, hostname, name, port, **options):
        try:
            site, created = create_subportal(hostname, name, port=port)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        message = (
            _("Created sub-portal %(url)s (home page id %(home)s).")
            if created
            else _("Sub-portal %(url)s already exists (home page id %(home)s).")
        )
        self.stdout.write(message % {"url": public.site_base_url(site) + "/", "home": site.root_page_id})
