"""The outbox: e-mails are rows written inside the transaction that causes them, and sent by a
scheduled job (``questions_send_mail``) — so nothing is sent for a change that rolled back, and
an SMTP failure is retried with a growing pause instead of failing the person's request.

Logs name the row's id, never an address (DESIGN.md: no personal data in logs).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from vnportal.core import public

from .models import OutgoingEmail

logger = logging.getLogger("vnportal.questions")

MAX_ATTEMPTS = 8
BATCH = 50


def queue(recipients, subject, template, context):
    """Write one e-mail to the outbox (inside the caller's transaction). Links in ``template`` are
    built with ``public_url`` (the public-address setting), never from a request's Host."""
    recipients = [address for address in dict.fromkeys(recipients) if address]
    if not recipients:
        return None
    body = render_to_string(template, {**context, "public_url": public.base_url()})
    return OutgoingEmail.objects.create(
        to="\n".join(recipients),
        subject=" ".join(str(subject).split())[:255],
        body=body,
        next_attempt_at=timezone.now(),
    )


def backoff(attempts):
    """The pause after ``attempts`` failed tries: 1, 2, 4 … minutes, at most six hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def _claim(now):
    """The ids of due rows, each locked so that two workers never send the same e-mail."""
    due = OutgoingEmail.objects.filter(sent_at__isnull=True, failed=False, next_attempt_at__lte=now).order_by("pk")
    return due.select_for_update(skip_locked=True)[:BATCH]


def send_due(now=None):
    """Send what is due; returns ``(sent, failed)``. Safe to run twice (a sent row is marked sent)."""
    now = now or timezone.now()
    sent = failed = 0
    with transaction.atomic():
        for row in list(_claim(now)):
            message = EmailMessage(row.subject, row.body, settings.DEFAULT_FROM_EMAIL, row.recipients())
            try:
                message.send()
            except Exception as exc:  # SMTP refused, unreachable, timed out …: try again later
                row.attempts += 1
                row.last_error = type(exc).__name__[:255]
                row.failed = row.attempts >= MAX_ATTEMPTS
                row.next_attempt_at = now + backoff(row.attempts)
                row.save(update_fields=["attempts", "last_error", "failed", "next_attempt_at"])
                logger.warning("Outgoing e-mail %s not sent (attempt %s): %s", row.pk, row.attempts, row.last_error)
                failed += 1
                continue
            row.attempts += 1
            row.sent_at = now
            row.save(update_fields=["attempts", "sent_at"])
            sent += 1
    return sent, failed


def forget_sent(now=None, days=7):
    """Delete sent rows after a week: their text holds names and addresses (privacy.py)."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    OutgoingEmail.objects.filter(sent_at__lt=cutoff).delete()
    OutgoingEmail.objects.filter(failed=True, created_at__lt=cutoff).delete()
