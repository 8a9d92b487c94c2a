"""Moderating comments: who moderated when, and purging the public pages when a comment's
publication changes (a new comment awaiting moderation shows nowhere, so it purges nothing)."""

from django.db.models.signals import pre_save
from django.utils import timezone

from vnportal.core.purge import purge_everything

from .models import Comment


def _status_changing(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    before = Comment.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    if before == instance.status:
        return
    instance.moderated_at = timezone.now()
    if Comment.Status.PUBLISHED in (before, instance.status):
        purge_everything()  # after commit: the draft's page and the list's counts change


def connect():
    pre_save.connect(_status_changing, sender=Comment, dispatch_uid="consultations_moderation")
