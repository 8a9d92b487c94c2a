from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgencyConfig(AppConfig):
    name = "vnportal.agency"
    label = "agency"
    verbose_name = _("Agency")

    def ready(self):
        # Imported here, not at the top: Django loads models only after every AppConfig exists.
        from . import signals

        signals.connect()  # a changed unit or person purges the pages that show it
