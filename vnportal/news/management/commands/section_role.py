from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from vnportal.news.models import SectionPage
from vnportal.news.roles import grant_section_role, resolve_role


class Command(BaseCommand):
    help = _("Make a user a reporter or editor of one section (and its sub-sections).")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", help=_("reporter or editor"))
        parser.add_argument("section", help=_("section id or URL path, e.g. /kinh-te-xa-hoi/"))

    def handle(self, username, role, section, **options):
        try:
            role = resolve_role(role)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("No user named “%(name)s”.") % {"name": username})
        page = self._section(section)
        grant_section_role(user, role, page)
        self.stdout.write(
            _("%(user)s is now %(role)s of “%(section)s”.") % {"user": username, "role": role, "section": page.title}
        )

    def _section(self, value):
        pages = SectionPage.objects.all()
        if value.isdigit():
            page = pages.filter(pk=int(value)).first()
        else:
            path = "/" + value.strip("/") + "/"
            page = next((p for p in pages if p.url_path.endswith(path)), None)
        if page is None:
            raise CommandError(_("No section “%(section)s”.") % {"section": value})
        return page
