"""Personal data of the people who commented (DESIGN.md, Interaction — Personal data).

Contact details are erased ``CONSULTATIONS_ERASE_AFTER_DAYS`` after a draft's comment period
closed, once its summary report is done (the drafting unit no longer needs to write back).
The comment's text, target and answers stay for the record; a person's name goes, an
organisation keeps its name (public on the draft's page anyway). Staff can also export or
erase one person's data, found by e-mail, from the admin.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Comment

CONTACT_FIELDS = ("name", "email", "phone", "address")


def erase(comments):
    """Erase the contact details of ``comments`` (a queryset); returns how many were erased."""
    now = timezone.now()
    erased = 0
    for comment in comments.filter(erased_at__isnull=True):
        if comment.kind != Comment.Kind.ORGANISATION:
            comment.name = ""
        comment.email = comment.phone = comment.address = ""
        comment.erased_at = now
        comment.save(update_fields=[*CONTACT_FIELDS, "erased_at"])
        erased += 1
    return erased


def due_for_erasure(now=None):
    now = now or timezone.now()
    limit = now - timedelta(days=settings.CONSULTATIONS_ERASE_AFTER_DAYS)
    return Comment.objects.filter(
        erased_at__isnull=True,
        draft__closes_at__lte=limit,
        draft__summary_done_at__isnull=False,
        draft__summary_done_at__lte=now - timedelta(days=settings.CONSULTATIONS_ERASE_AFTER_DAYS),
    )


def erase_due():
    """Scheduled job: safe to run twice (an erased comment is never erased again)."""
    return erase(due_for_erasure())


def comments_of(email):
    email = (email or "").strip()
    if not email:
        return Comment.objects.none()
    return Comment.objects.filter(Q(email__iexact=email)).select_related("draft", "article")


def export_rows(comments):
    yield ["Dự thảo", "Ngày gửi", "Tư cách", "Họ tên / tổ chức", "E-mail", "Điện thoại", "Địa chỉ", "Nội dung"]
    for comment in comments:
        yield [
            comment.draft.title,
            timezone.localtime(comment.created_at).strftime("%d/%m/%Y %H:%M"),
            comment.get_kind_display(),
            comment.name,
            comment.email,
            comment.phone,
            comment.address,
            comment.content,
        ]
