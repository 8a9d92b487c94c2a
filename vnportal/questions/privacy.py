"""Personal data (DESIGN.md): contact details are blanked a configured time after a request
closes (``QUESTIONS_KEEP_CONTACT_DAYS``, the ``questions_anonymise`` job), and staff can export
or erase one person's data from the admin (admin_views.py). The published question and answer
stay, with the name as the person allowed it to be shown."""

import json
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import codes
from .models import Question

CONTACT_FIELDS = ("name", "email", "phone", "address")


def keep_days():
    return getattr(settings, "QUESTIONS_KEEP_CONTACT_DAYS", 365)


def _blank(question, now):
    if question.attachment:
        question.attachment.delete(save=False)
    for name in CONTACT_FIELDS:
        setattr(question, name, "")
    question.attachment = ""
    question.anonymised_at = now
    question.save(update_fields=[*CONTACT_FIELDS, "attachment", "anonymised_at"])


def anonymise_expired(now=None):
    """Blank the contact data of every request closed more than ``keep_days()`` ago; returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=keep_days())
    done = 0
    expired = Question.objects.filter(closed_at__lt=cutoff, anonymised_at__isnull=True, status__in=Question.FINISHED)
    for question in expired.iterator():
        with transaction.atomic():
            _blank(question, now)
        done += 1
    return done


def requests_of(email):
    email = (email or "").strip().lower()
    if not email:
        return Question.objects.none()
    return Question.objects.filter(email=email).select_related("field", "unit").order_by("received_at")


def export(email):
    """One person's data as JSON text: every request sent from ``email`` with its history."""
    rows = []
    for q in requests_of(email).prefetch_related("events"):
        rows.append(
            {
                "tracking_code": codes.display(q.code),
                "kind": q.get_kind_display(),
                "name": q.name,
                "email": q.email,
                "phone": q.phone,
                "address": q.address,
                "field": q.field.name,
                "title": q.title,
                "content": q.content,
                "attachment": q.attachment.name.rsplit("/", 1)[-1] if q.attachment else "",
                "status": q.get_status_display(),
                "received_at": q.received_at.isoformat(),
                "answer": q.answer,
                "history": [
                    {"at": e.at.isoformat(), "status": e.get_status_display(), "note": e.note} for e in q.events.all()
                ],
            }
        )
    return json.dumps({"email": (email or "").strip().lower(), "requests": rows}, ensure_ascii=False, indent=2)


def erase(email, now=None):
    """Blank the contact data of every request sent from ``email`` now; returns how many."""
    now = now or timezone.now()
    done = 0
    for question in list(requests_of(email)):
        with transaction.atomic():
            _blank(question, now)
        done += 1
    return done
