from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vnportal.core import media, registry


class ConsultationsConfig(AppConfig):
    name = "vnportal.consultations"
    label = "consultations"
    verbose_name = _("Drafts for comment")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        # Imported here, not at the top: Django loads models only after every AppConfig exists.
        from . import signals
        from .models import FILE_FOLDER, Draft

        # Search indexes drafts (public text only) without importing this app.
        registry.SEARCHABLE.register(Draft)
        # A draft changes the list and its page. A comment purges only when its publication
        # changes (moderation.py): a new comment waiting for moderation shows nowhere.
        registry.PURGE_ON_SAVE.register(Draft)
        media.refuse_prefix(FILE_FOLDER)
        post_save.connect(signals.draft_saved, sender=Draft, dispatch_uid="consultations_index_saved")
        post_delete.connect(signals.draft_deleted, sender=Draft, dispatch_uid="consultations_index_deleted")
