from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vnportal.core import registry


class NavigationConfig(AppConfig):
    name = "vnportal.navigation"
    label = "navigation"
    verbose_name = _("Navigation")

    def ready(self):
        # Imported here, not at the top: Django loads models only after every AppConfig exists.
        from . import signals
        from .models import Banner, Link, LinkGroup, MaintenanceNotice, MenuSettings

        # On every public page (menu bar, sidebar, footer, the notice at the top): a change purges them all.
        registry.PURGE_ON_SAVE.register(MenuSettings, LinkGroup, Link, Banner, MaintenanceNotice)
        signals.connect()
