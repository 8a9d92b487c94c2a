from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "vnportal.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from . import signals  # noqa: F401  (connects the index updaters)
