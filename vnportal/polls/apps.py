from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vnportal.core import registry


class PollsConfig(AppConfig):
    name = "vnportal.polls"
    label = "polls"
    verbose_name = _("Polls")

    def ready(self):
        # Imported here, not at the top: Django loads models only after every AppConfig exists.
        from .models import Choice, Poll

        # The poll block is in the sidebar of (nearly) every page: a change purges them all.
        registry.PURGE_ON_SAVE.register(Poll, Choice)
