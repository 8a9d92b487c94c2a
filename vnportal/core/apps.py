from django.apps import AppConfig
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

        from . import checks, files, invalidation, purge, renditions  # noqa: F401 (checks registers itself)
        from .widgets import VietnameseSlugInput, translate_snippet_chooser_texts

        # Every slug field in the admin (pages, snippets) gets the Vietnamese live slug.
        register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
        translate_snippet_chooser_texts()
        invalidation.connect()
        renditions.connect()
        purge.connect()
        # Changing an image or document file needs the right to publish the pages showing it.
        files.install()
