from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import StatsSettings


@receiver(post_save, sender=StatsSettings)
def settings_saved(sender, instance, **kwargs):
    """This process uses new settings at once; other processes within conf.PARAMS_TTL."""
    from . import conf, queries

    conf.forget_params()
    queries.forget(instance.site_id)
