from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vnportal.core import registry


class ScheduleConfig(AppConfig):
    name = "vnportal.schedule"
    label = "schedule"
    verbose_name = _("Work schedule")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        # Imported here, not at the top: Django loads models only after every AppConfig exists.
        from . import signals
        from .models import Entry, Week

        # The schedule is shown outside the page tree (its own pages, feeds, the home page's
        # block): a saved week or entry purges those addresses (signals.py).
        # The portal's search indexes published entries (search/indexer.py, index_document).
        registry.SEARCHABLE.register(Entry)
        post_save.connect(signals.index_entry, sender=Entry, dispatch_uid="schedule_index_entry")
        post_delete.connect(signals.unindex_entry, sender=Entry, dispatch_uid="schedule_unindex_entry")
        post_save.connect(signals.index_week, sender=Week, dispatch_uid="schedule_index_week")
        for model in (Week, Entry):
            label = model._meta.label
            post_save.connect(signals.schedule_changed, sender=model, dispatch_uid=f"schedule_purge_save_{label}")
            post_delete.connect(signals.schedule_changed, sender=model, dispatch_uid=f"schedule_purge_delete_{label}")
