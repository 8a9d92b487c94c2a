"""Every change of a request's state, one function per transition (docs/questions.md):

    received ──assign──► assigned ──answer──► answered ──publish──► published
        │                   │ ▲ (assign again)    └──close──► closed      └──unpublish──► answered
        └──refuse / merge───┴─► refused / merged

Each runs in one transaction, re-reads the request under ``select_for_update`` and checks the
state it is in and the user's unit, then writes a history row and queues the e-mails (mail.py).
Two staff answering at once: the second waits for the first's lock, then finds the request
answered and gets ``TransitionError`` with a Vietnamese message; nothing is written twice.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vnportal.core import purge, workdays
from vnportal.core.text import nfc
from vnportal.search import indexer

from . import codes, mail, permissions
from .models import Event, Question

Status = Question.Status
DUE_WORKING_DAYS = 15


class TransitionError(Exception):
    """A change that is not allowed now; ``str()`` is a message for the person who tried."""


def _record(question, status, actor=None, note="", at=None):
    Event.objects.create(question=question, status=status, actor=actor, note=note, at=at or timezone.now())


def _locked(question, allowed, user, message):
    """The request re-read and locked; refuses when its state is not in ``allowed`` or the user may not work it."""
    current = Question.objects.select_for_update().get(pk=question.pk)
    if user is not None and not permissions.may_work(user, current):
        raise TransitionError(_("This request belongs to another unit."))
    if current.status not in allowed:
        raise TransitionError(message % {"status": current.get_status_display().lower()})
    return current


def _shown_publicly_changed(question):
    """The public list and the answer's page change: the page cache and nginx forget them after
    commit (the list's other pages expire in nginx after PAGE_CACHE_SECONDS), and the search
    index adds or drops the answer (only its public text: models.Question.search_text)."""
    purge.purge_paths([reverse("questions:index"), question.get_absolute_url(), "/sitemap.xml"])
    indexer.index_document(question)


def _lookup_link():
    return reverse("questions:lookup")


def submit(
    *,
    name,
    email,
    field,
    title,
    content,
    kind=Question.Kind.QUESTION,
    phone="",
    address="",
    attachment=None,
    name_shown=Question.NameShown.INITIALS,
    held=False,
    now=None,
):
    """Store a new request with a fresh tracking code; queue the "received" e-mail. Returns it.

    In the other transitions ``user`` is the staff member acting (checked against the request's
    unit); ``None`` is the system itself (the demo, a data import), which passes every check."""
    now = now or timezone.now()
    due = workdays.due_date(now, DUE_WORKING_DAYS, workdays.holidays())
    for _attempt in range(5):
        try:
            with transaction.atomic():
                question = Question(
                    code=codes.new_code(), kind=kind, name=name, email=email, phone=phone, address=address,
                    field=field, title=title, content=content, name_shown=name_shown,
                    received_at=now, due_on=due, held=held,
                )  # fmt: skip
                if attachment:
                    question.attachment = attachment
                question.save()
                _record(question, Status.RECEIVED, at=now)
                mail.queue(
                    [question.email],
                    _("Your request has been received — tracking code %(code)s")
                    % {"code": codes.display(question.code)},
                    "questions/email/received.txt",
                    {"question": question, "code": codes.display(question.code), "lookup": _lookup_link()},
                )
                return question
        except IntegrityError:  # the one-in-a-quadrillion repeated code: draw another
            continue
    raise RuntimeError("no free tracking code after five draws")


def assign(question, unit, user, note=""):
    with transaction.atomic():
        if user is not None and not permissions.is_coordinator(user):
            raise TransitionError(_("Only the Q&A coordinators assign requests to units."))
        q = _locked(question, Question.OPEN, None, _("This request is already %(status)s; it cannot be assigned."))
        q.unit = unit
        q.status = Status.ASSIGNED
        q.save(update_fields=["unit", "status"])
        _record(q, Status.ASSIGNED, user, unit.name)
        staff_emails = [u.email for u in unit.staff.filter(is_active=True) if u.email]
        mail.queue(
            [unit.email, *staff_emails],
            _("New request for your unit: %(title)s") % {"title": q.title},
            "questions/email/assigned.txt",
            {"question": q, "unit": unit, "admin_path": reverse("questions_admin:detail", args=[q.pk])},
        )
        return q


def answer(question, html, user):
    with transaction.atomic():
        message = _("This request is already %(status)s: someone else has just handled it. Reload the page.")
        q = _locked(question, (Status.ASSIGNED,), user, message)
        now = timezone.now()
        q.answer = nfc(html)
        q.answered_by = user
        q.answered_at = now
        q.status = Status.ANSWERED
        q.save(update_fields=["answer", "answered_by", "answered_at", "status"])
        _record(q, Status.ANSWERED, user, at=now)
        mail.queue(
            [q.email],
            _("Your request %(code)s has been answered") % {"code": codes.display(q.code)},
            "questions/email/answered.txt",
            {"question": q, "code": codes.display(q.code), "lookup": _lookup_link()},
        )
        return q


def display_name(full_name, choice):
    if choice == Question.NameShown.FULL and full_name:
        return full_name
    if choice == Question.NameShown.INITIALS and full_name:
        return ".".join(word[0].upper() for word in full_name.split()) + "."
    return ""


def publish(question, user, name_shown=None):
    """Publish the answer in the public list; the asker's name only as they allowed (or less)."""
    with transaction.atomic():
        q = _locked(
            question, (Status.ANSWERED,), user, _("Only an answered request can be published (it is %(status)s).")
        )
        now = timezone.now()
        allowed = [Question.NameShown.HIDDEN, Question.NameShown.INITIALS, Question.NameShown.FULL]
        chosen = name_shown or q.name_shown
        # Staff may show less of the name than the asker allowed, never more.
        if allowed.index(chosen) > allowed.index(q.name_shown):
            chosen = q.name_shown
        q.display_name = display_name(q.name, chosen)
        q.status = Status.PUBLISHED
        q.published_at = q.published_at or now
        q.closed_at = now
        q.save(update_fields=["display_name", "status", "published_at", "closed_at"])
        _record(q, Status.PUBLISHED, user, at=now)
        _shown_publicly_changed(q)
        return q


def unpublish(question, user):
    with transaction.atomic():
        q = _locked(question, (Status.PUBLISHED,), user, _("This request is %(status)s, not published."))
        q.status = Status.ANSWERED
        q.closed_at = None
        q.save(update_fields=["status", "closed_at"])
        _record(q, Status.ANSWERED, user, _("Withdrawn from the public list."))
        _shown_publicly_changed(q)
        return q


def close(question, user):
    with transaction.atomic():
        q = _locked(question, (Status.ANSWERED,), user, _("Only an answered request can be closed (it is %(status)s)."))
        q.status = Status.CLOSED
        q.closed_at = timezone.now()
        q.save(update_fields=["status", "closed_at"])
        _record(q, Status.CLOSED, user, at=q.closed_at)
        return q


def refuse(question, reason, user):
    reason = nfc(reason or "").strip()
    if not reason:
        raise TransitionError(_("Give the reason for refusing: the person will read it."))
    with transaction.atomic():
        q = _locked(question, Question.OPEN, user, _("This request is already %(status)s; it cannot be refused."))
        q.status = Status.REFUSED
        q.refusal_reason = reason
        q.closed_at = timezone.now()
        q.save(update_fields=["status", "refusal_reason", "closed_at"])
        _record(q, Status.REFUSED, user, reason, at=q.closed_at)
        mail.queue(
            [q.email],
            _("Your request %(code)s will not be handled") % {"code": codes.display(q.code)},
            "questions/email/refused.txt",
            {"question": q, "code": codes.display(q.code), "lookup": _lookup_link()},
        )
        return q


def merge(duplicate, kept, user):
    """``duplicate`` asks what ``kept`` asks: it points to it, and its asker, tracking their own
    code, sees the kept request's state and answer."""
    if duplicate.pk == kept.pk:
        raise TransitionError(_("A request cannot be merged with itself."))
    with transaction.atomic():
        # Lock both in primary-key order so that two merges never wait on each other.
        first, second = sorted([duplicate.pk, kept.pk])
        list(Question.objects.select_for_update().filter(pk__in=[first, second]).order_by("pk"))
        q = _locked(duplicate, Question.OPEN, user, _("This request is already %(status)s; it cannot be merged."))
        target = Question.objects.get(pk=kept.pk)
        if target.status == Status.MERGED:
            raise TransitionError(_("The request to keep has itself been merged; choose the one it was merged into."))
        if user is not None and not permissions.may_work(user, target):
            raise TransitionError(_("This request belongs to another unit."))
        q.merged_into = target
        q.status = Status.MERGED
        q.closed_at = timezone.now()
        q.save(update_fields=["merged_into", "status", "closed_at"])
        _record(q, Status.MERGED, user, at=q.closed_at)
        return q


def followed(question):
    """The request whose state and answer the asker of ``question`` sees (the kept one after a merge)."""
    seen = {question.pk}
    while question.status == Status.MERGED and question.merged_into_id and question.merged_into_id not in seen:
        question = question.merged_into
        seen.add(question.pk)
    return question
