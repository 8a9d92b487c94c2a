"""A document's views and downloads, counted without a database write per reader (core/tally.py).

Every few seconds each process writes what it counted, summed per document and attachment,
in one transaction of ``UPDATE … SET n = n + k``; the pages add this process's unwritten
counts to what they read (``views_of``, ``downloads_of``).
"""

from django.conf import settings
from django.db import transaction
from django.db.models import F

from vnportal.core.tally import Tally

from .models import Document, DocumentAttachment

VIEW, DOWNLOAD, ATTACHMENT_DOWNLOAD = "v", "d", "a"


def _write(counts):
    # Sorted, so two processes writing at once take the rows' locks in the same order.
    with transaction.atomic():
        for (kind, pk), n in sorted(counts.items()):
            if kind == VIEW:
                Document.objects.filter(pk=pk).update(view_count=F("view_count") + n)
            elif kind == DOWNLOAD:
                Document.objects.filter(pk=pk).update(download_count=F("download_count") + n)
            else:
                DocumentAttachment.objects.filter(pk=pk).update(download_count=F("download_count") + n)


tally = Tally("library", _write, interval=lambda: settings.LIBRARY_COUNTS_FLUSH_INTERVAL)


def count_view(document):
    tally.add((VIEW, document.pk))


def count_download(attachment):
    tally.add((ATTACHMENT_DOWNLOAD, attachment.pk))
    tally.add((DOWNLOAD, attachment.document_id))


def views_of(document):
    """The document's views as its page shows them: written ones and this process's unwritten ones."""
    return document.view_count + tally.pending((VIEW, document.pk))


def downloads_of(document):
    return document.download_count + tally.pending((DOWNLOAD, document.pk))


def flush():
    """Write the counts now (tests; ``vnportal`` commands that must see them)."""
    return tally.flush()
