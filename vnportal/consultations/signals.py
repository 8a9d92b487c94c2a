from vnportal.search import indexer


def draft_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        indexer.index_document(instance)


def draft_deleted(sender, instance, **kwargs):
    indexer.remove("draft", instance.pk)
