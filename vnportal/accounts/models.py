"""A registration waiting for its e-mail confirmation.

The row is what makes an activation link single-use and keeps an administrator's
decision final: the link activates an account only while its row exists; activating
deletes it, and so does an administrator editing the account inactive. Rows older
than ACCOUNT_ACTIVATION_DAYS are removed with their never-confirmed account, so an
unconfirmed registration does not hold an e-mail address or a username for ever.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingActivation(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="pending_activation",
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("registration awaiting confirmation")
        verbose_name_plural = _("registrations awaiting confirmation")

    def __str__(self):
        return str(self.user)
