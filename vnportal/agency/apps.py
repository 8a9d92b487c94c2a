from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vnportal.core import registry


class AgencyConfig(AppConfig):
    name = "vnportal.agency"
    label = "agency"
    verbose_name = _("Agency")

    def ready(self):
        # Imported here, not at the top: Django loads models only after every AppConfig exists.
        from . import signals

        # Giới thiệu (/gioi-thieu/) sits under the home page, next to the sections.
        registry.HOME_SUBPAGES.register("agency.AboutIndexPage")
        signals.connect()  # a changed unit or person purges the pages that show it
