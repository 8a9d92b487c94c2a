from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "vnportal.stats"
    label = "stats"
    verbose_name = _("Access statistics")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: the receivers need the models, loaded after every AppConfig.
        from . import signals  # noqa: F401 (connects the settings and site receivers)
