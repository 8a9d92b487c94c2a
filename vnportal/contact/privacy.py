"""One person's data on request (DESIGN.md, "Personal data"): the administrators find every
message sent from an e-mail address, export it, or erase its personal data now instead of
waiting for the anonymisation job (anonymise.py, which erases the same fields)."""

import json

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ContactMessage


def messages_of(email):
    email = (email or "").strip()
    if not email:
        return ContactMessage.objects.none()
    # Addresses are compared without case: people type them both ways.
    return ContactMessage.objects.filter(email__iexact=email).select_related("unit").order_by("created_at", "pk")


def export(email):
    """Every message sent from ``email``, as JSON text."""
    rows = [
        {
            "name": m.name,
            "email": m.email,
            "phone": m.phone,
            "unit": m.unit.name if m.unit else "",
            "subject": m.subject,
            "message": m.message,
            "status": m.get_status_display(),
            "received_at": m.created_at.isoformat(),
        }
        for m in messages_of(email)
    ]
    return json.dumps({"email": (email or "").strip().lower(), "messages": rows}, ensure_ascii=False, indent=2)


def erase(email, now=None):
    """Erase the personal data of every message from ``email`` now; returns how many."""
    return messages_of(email).update(
        name=_("(erased)"),
        email="",
        phone="",
        message=_("(erased)"),
        staff_note="",
        anonymised_at=now or timezone.now(),
    )
