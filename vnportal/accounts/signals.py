"""An administrator's decision is final: saving an account as inactive (in the Wagtail or
Django admin, or a shell) voids the activation link of its registration e-mail."""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import PendingActivation


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="vnportal.accounts.revoke_activation")
def revoke_activation_of_inactive(sender, instance, created, **kwargs):
    # Registration creates the account (created=True) before its PendingActivation;
    # activating saves it active. Any other save of an inactive account is someone's decision.
    if not created and not instance.is_active:
        PendingActivation.objects.filter(user=instance).delete()
