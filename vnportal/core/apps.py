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
        from .widgets import VietnameseSlugInput, translate_snippet_chooser_texts

        # Every slug field in the admin (pages, snippets) gets the Vietnamese live slug.
        register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
        translate_snippet_chooser_texts()
        post_migrate.connect(_after_migrate, dispatch_uid="vnportal.core.ensure_site_tree")
        from . import checks, purge  # noqa: F401 (checks registers itself)

        invalidation.connect()
        renditions.connect()
        purge.connect()


def _after_migrate(sender, using="default", **kwargs):
    # post_migrate is sent once per app; the tree needs the news app's tables, so act once, for it.
    if sender.label == "news":
        from .bootstrap import ensure_site_tree

        ensure_site_tree(using=using)
