from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vnportal.core import media, registry


class LibraryConfig(AppConfig):
    name = "vnportal.library"
    label = "library"
    verbose_name = _("Official documents")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        # Imported here, not at the top: Django loads models only after every AppConfig exists.
        from . import signals
        from .models import (
            ATTACHMENT_FOLDER,
            Document,
            DocumentAttachment,
            DocumentField,
            DocumentRelation,
            DocumentType,
            Issuer,
        )

        # Search indexes documents (and rebuilds their entries) without importing this app;
        # documents are listed on public pages outside the page tree, so a change purges them.
        registry.SEARCHABLE.register(Document)
        registry.PURGE_ON_SAVE.register(Document)
        # Saved with their document from the admin, but also alone (a script, the shell): the
        # document's page keeps them in a fragment, so either way they purge.
        registry.PURGE_ON_SAVE.register(DocumentAttachment, DocumentRelation)
        # Readers rate a document's page ("Thông tin này có hữu ích không?") like any page.
        registry.RATEABLE.register(Document)
        # Attachments are served by views.download (publication check, download count), never at /media/.
        media.refuse_prefix(ATTACHMENT_FOLDER)

        post_save.connect(signals.document_saved, sender=Document, dispatch_uid="library_index_saved")
        post_delete.connect(signals.document_deleted, sender=Document, dispatch_uid="library_index_deleted")
        for model in (Document, DocumentType, Issuer, DocumentField):
            for signal in (post_save, post_delete):
                signal.connect(signals.forget_cached, sender=model, dispatch_uid=f"library_cache_{model.__name__}")
        # Renaming a type, issuer or field changes the indexed text of its documents.
        for model in (DocumentType, Issuer, DocumentField):
            post_save.connect(signals.lookup_renamed, sender=model, dispatch_uid=f"library_reindex_{model.__name__}")
