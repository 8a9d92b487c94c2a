from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "vnportal.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from .widgets import VietnameseSlugInput

        # Every slug field in the admin (pages, snippets) gets the Vietnamese live slug.
        register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
