"""Receiving a comment: the window is checked inside the transaction that stores it.

DESIGN.md, Windows: open exactly when ``opens_at ≤ now < closes_at``, checked at submission.
The draft's row is locked (PostgreSQL ``SELECT … FOR UPDATE``; SQLite writes one at a time)
and ``now`` is read after the lock, so an editor who moves closes_at earlier and a comment
arriving at that moment are ordered: the comment is stored only if the window it sees is open.
"""

from django.db import transaction
from django.utils import timezone

from .models import Comment, CommentAnswer, Draft


class WindowClosed(Exception):
    """The draft was not open for comments at the moment of submission."""


def submit(draft_id, form, held):
    data = form.cleaned_data
    with transaction.atomic():
        draft = Draft.objects.select_for_update().get(pk=draft_id)
        if not draft.is_open(timezone.now()):
            raise WindowClosed
        comment = Comment.objects.create(
            draft=draft,
            article=data["article"],
            kind=data["kind"],
            name=data["name"].strip(),
            email=data["email"].strip(),
            phone=data.get("phone", "").strip(),
            address=data.get("address", "").strip(),
            content=data["content"].strip(),
            held=held,
        )
        CommentAnswer.objects.bulk_create(
            CommentAnswer(comment=comment, question=question, text=text) for question, text in form.answers()
        )
    return comment
