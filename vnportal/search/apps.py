from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "vnportal.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        # Imported here, not at the top: the receivers need the models, loaded after every AppConfig.
        from . import signals  # noqa: F401  (connects the index updaters)
