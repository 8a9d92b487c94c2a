from django.apps import AppConfig
from django.conf import settings
from django.core.cache import caches
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "vnportal.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        # Imported here, not at the top: these modules import models, which Django loads
        # only after every AppConfig exists.
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from . import (
            checks,  # noqa: F401 (checks registers itself)
            files,
            imageprivacy,
            invalidation,
            languages,
            pagecache,
            purge,
            redis_health,
            renditions,
            structure,
        )
        from .widgets import VietnameseSlugInput, translate_snippet_chooser_texts  # needs the models: see above

        # Every slug field in the admin (pages, snippets) gets the Vietnamese live slug.
        register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
        translate_snippet_chooser_texts()
        invalidation.connect()
        languages.connect()  # i18n: a translated home page gets the home's rights and workflow
        renditions.connect()
        purge.connect()
        # Changing an image or document file needs the right to publish the pages showing it.
        files.install()
        # Images are public files: the admin refuses to restrict a collection holding them
        # or to move them under a restriction (the image forms are WAGTAILIMAGES_IMAGE_FORM_BASE).
        imageprivacy.install()
        # What Redis could not be told while it was down is forgotten when it is back: a purge's
        # new generations (pages, structure) and sessions changed meanwhile (a logout) may have
        # been written to the database only, and Redis still holds what came before.
        redis_health.on_recovery(pagecache.purge_all)
        redis_health.on_recovery(structure.bump_now)
        redis_health.on_recovery(forget_cached_sessions)


def forget_cached_sessions():
    cache = caches[settings.SESSION_CACHE_ALIAS]
    if hasattr(cache, "delete_pattern"):  # django-redis; sessions are read from the database next
        cache.delete_pattern("django.contrib.sessions.cached_db*")
