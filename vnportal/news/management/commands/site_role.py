from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site

from vnportal.news.roles import grant_site_role, resolve_site_role


class Command(BaseCommand):
    help = _("Make a user a reporter, editor, leader or administrator of one portal (a sub-portal's host name).")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", help=_("reporter, editor, leader or admin"))
        parser.add_argument("hostname", help=_("the portal's host name, e.g. huyenanbinh.tinh.gov.vn"))

    def handle(self, username, role, hostname, **options):
        try:
            role = resolve_site_role(role)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("No user named “%(name)s”.") % {"name": username})
        host, _sep, port = hostname.strip().lower().partition(":")
        sites = Site.objects.filter(hostname=host)
        if port.isdigit():
            sites = sites.filter(port=int(port))
        site = sites.select_related("root_page").first()
        if site is None:
            raise CommandError(_("No portal with the host name “%(host)s”.") % {"host": hostname})
        grant_site_role(user, role, site)
        self.stdout.write(
            _("%(user)s is now %(role)s of the portal %(host)s.")
            % {"user": username, "role": role, "host": site.hostname}
        )
