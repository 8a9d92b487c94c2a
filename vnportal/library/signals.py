from vnportal.search import indexer

from . import library_cache


def forget_cached(sender, **kwargs):
    """Any document or lookup saved or deleted: the library's cached years and counts are stale."""
    library_cache.forget_all()


def document_saved(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures are loaded without related rows; rebuild_search_index covers them
        indexer.index_document(instance)


def document_deleted(sender, instance, **kwargs):
    indexer.remove("document", instance.pk)


def lookup_renamed(sender, instance, created=False, raw=False, **kwargs):
    if created or raw:
        return
    for document in instance.documents.select_related("doc_type", "issuer", "field"):
        indexer.index_document(document)
