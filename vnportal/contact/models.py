"""Liên hệ: a message to one unit of the agency, kept in that unit's admin inbox.

Personal data is only what the form's notice names (name, e-mail, an optional phone) and
is erased ``CONTACT_ANONYMISE_DAYS`` after the message is closed (anonymise.py).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ContactMessage(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("new")
        READ = "read", _("read")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")

    unit = models.ForeignKey(
        "agency.Unit",
        verbose_name=_("unit"),
        null=True,  # a unit that is later removed leaves its messages to the administrators
        on_delete=models.SET_NULL,
        related_name="contact_messages",
    )
    name = models.CharField(_("full name"), max_length=120)
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"))
    held = models.BooleanField(
        _("held for moderation"),
        default=False,
        help_text=_("Sent without the browser check (no JavaScript): look at it before acting on it."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    staff_note = models.TextField(_("internal note"), blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["unit", "status"], name="contact_unit_status")]

    def __str__(self):
        return self.subject

    def set_status(self, status, now=None):
        self.status = status
        if status == self.Status.CLOSED:
            self.closed_at = self.closed_at or now or timezone.now()
        else:
            self.closed_at = None


def anonymise_after():
    return timezone.timedelta(days=settings.CONTACT_ANONYMISE_DAYS)
