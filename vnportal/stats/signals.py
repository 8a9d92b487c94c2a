from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import conf, queries
from .capture import forget_sites
from .models import StatsSettings


@receiver(post_save, sender=StatsSettings)
def settings_saved(sender, instance, **kwargs):
    """This process uses new settings at once; other processes within conf.PARAMS_TTL."""
    conf.forget_params()
    queries.forget(instance.site_id)


@receiver(post_save, sender="wagtailcore.Site")
@receiver(post_delete, sender="wagtailcore.Site")
def site_changed(sender, **kwargs):
    """A site added, renamed or removed: forget this process's host → site memo at once."""
    forget_sites()
