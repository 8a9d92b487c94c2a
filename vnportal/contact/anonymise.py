"""Erase the personal data of closed messages after ``CONTACT_ANONYMISE_DAYS`` (a scheduled job).

What is erased: name, e-mail, phone, the message text (people write addresses and ID numbers
into it) and the staff note. What stays: unit, subject, status and dates, for the counts.
Running it twice changes nothing more.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ContactMessage, anonymise_after


def anonymise(now=None):
    now = now or timezone.now()
    due = ContactMessage.objects.filter(
        status=ContactMessage.Status.CLOSED, closed_at__lt=now - anonymise_after(), anonymised_at__isnull=True
    )
    return due.update(name=_("(erased)"), email="", phone="", message=_("(erased)"), staff_note="", anonymised_at=now)
