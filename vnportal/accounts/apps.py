from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "vnportal.accounts"
    label = "accounts"
    verbose_name = _("Members")

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers; models must be loaded first)
