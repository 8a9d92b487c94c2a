from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "vnportal.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.db import models
        from django.db.models.signals import post_migrate
        from wagtail.admin.forms.models import register_form_field_override

        from . import invalidation, renditions
        from .widgets import VietnameseSlugInput

        # Every slug field in the admin (pages, snippets) gets the Vietnamese live slug.
        register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
        post_migrate.connect(_after_migrate, dispatch_uid="vnportal.core.ensure_site_tree")
        from . import checks, purge  # noqa: F401 (checks registers itself)

        invalidation.connect()
        renditions.connect()
        purge.connect()
        _after_redis_outage()


def _after_redis_outage():
    """What Redis could not be told while it was down is forgotten when it is back: a purge's
    new generations (pages, structure) and sessions changed meanwhile (a logout) may have been
    written to the database only, and Redis still holds what came before."""
    from django.conf import settings
    from django.core.cache import caches

    from . import pagecache, redis_health, structure

    def forget_cached_sessions():
        cache = caches[settings.SESSION_CACHE_ALIAS]
        if hasattr(cache, "delete_pattern"):  # django-redis; sessions are read from the database next
            cache.delete_pattern("django.contrib.sessions.cached_db*")

    redis_health.on_recovery(pagecache.purge_all)
    redis_health.on_recovery(structure.bump_now)
    redis_health.on_recovery(forget_cached_sessions)


def _after_migrate(sender, using="default", **kwargs):
    # post_migrate is sent once per app; the tree needs the news app's tables, so act once, for it.
    if sender.label == "news":
        from .bootstrap import ensure_site_tree

        ensure_site_tree(using=using)
