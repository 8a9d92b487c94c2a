"""The daily overdue reminder: each unit's head (the unit's e-mail, or its head's public e-mail)
receives one e-mail a day listing the unit's requests past their due date. A request reminded
today is not listed again today, so the job may run every hour and twice without repeating."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from vnportal.core.localtime import local_date

from . import mail
from .models import Question


def overdue(today=None):
    today = today or local_date()
    return Question.objects.filter(status__in=Question.OPEN, due_on__lt=today)


def send_reminders(today=None):
    """Queue today's reminders; returns how many e-mails were queued."""
    today = today or local_date()
    queued = 0
    with transaction.atomic():
        due = list(
            overdue(today)
            .exclude(reminded_on=today)
            .filter(unit__isnull=False)
            .select_related("unit__head")
            .select_for_update(of=("self",))
            .order_by("unit_id", "due_on")
        )
        by_unit = {}
        for question in due:
            by_unit.setdefault(question.unit, []).append(question)
        for unit, questions in by_unit.items():
            to = unit.email or (unit.head.public_email if unit.head else "")
            if to:
                mail.queue(
                    [to],
                    _("%(count)d overdue requests for %(unit)s") % {"count": len(questions), "unit": unit.name},
                    "questions/email/overdue.txt",
                    {
                        "unit": unit,
                        "questions": [(q, reverse("questions_admin:detail", args=[q.pk])) for q in questions],
                        "today": today,
                    },
                )
                queued += 1
            Question.objects.filter(pk__in=[q.pk for q in questions]).update(reminded_on=today)
    return queued
