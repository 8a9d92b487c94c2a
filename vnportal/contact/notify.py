"""The e-mail that tells a unit a message arrived (sent after the transaction commits).

It names the subject and links to the admin inbox; the message itself and the sender's
personal data stay in the portal (an e-mail cannot be anonymised later).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from vnportal.core import public

logger = logging.getLogger("vnportal.contact")


def recipients(unit):
    if unit is None:
        return []
    if unit.email:
        return [unit.email]
    return sorted({user.email for user in unit.staff.filter(is_active=True) if user.email})


def notify_unit(message):
    to = recipients(message.unit)
    if not to:
        return 0
    context = {
        "message": message,
        "inbox_url": public.url(reverse("contact_admin:detail", args=[message.pk])),
    }
    try:
        return send_mail(
            _("New contact message: %(subject)s") % {"subject": message.subject[:120]},
            render_to_string("contact/email_new.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            to,
        )
    except Exception:  # the message is kept either way; the inbox shows it
        logger.exception("Could not e-mail unit %s about contact message %s", message.unit_id, message.pk)
        return 0
