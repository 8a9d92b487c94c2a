"""The library's rows of the editorial report: who posted each official document, when, and
how many days after it was issued (the figure inspections ask for)."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from vnportal.core.localtime import day_start, localtime

from .models import Document


def _local(value):
    return localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


def editorial_rows(start, end):
    low = day_start(start)
    high = day_start(end + datetime.timedelta(days=1))
    documents = list(Document.objects.filter(created_at__gte=low, created_at__lt=high).order_by("created_at", "pk"))
    content_type = ContentType.objects.get_for_model(Document)
    creators = {}
    for entry in (
        ModelLogEntry.objects.filter(
            content_type=content_type, action="wagtail.create", object_id__in=[str(d.pk) for d in documents]
        )
        .select_related("user")
        .order_by("timestamp")
    ):
        creators.setdefault(entry.object_id, entry.user)
    rows = []
    for document in documents:
        user = creators.get(str(document.pk))
        posted = localtime(document.created_at).date()
        rows.append(
            {
                "kind": _("Official document"),
                "title": f"{document.number} — {document.summary}",
                "author": (user.get_full_name() or user.get_username()) if user else "",
                # Documents are posted by whoever may edit the library: no review step to record.
                "approver": "",
                "created": _local(document.created_at),
                "submitted": "",
                "approved": "",
                "published": _local(document.created_at) if document.is_public else "",
                "updated": _local(document.updated_at),
                "views": document.view_count,
                "days_to_post": (posted - document.issued_on).days,
            }
        )
    return rows
