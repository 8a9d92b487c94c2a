from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vnportal.core import registry


class NewsConfig(AppConfig):
    name = "vnportal.news"
    label = "news"
    verbose_name = _("News")

    def ready(self):
        from django.db.models.signals import post_migrate

        # Imported here, not at the top: Django loads models only after every AppConfig exists.
        from . import signals  # noqa: F401 (connects the tag slug receiver)
        from .bootstrap import ensure_site_tree
        from .models import ArticlePage, LegacyPortalSettings, SectionPage

        # Statistics and search count and index these without importing this app.
        registry.ARTICLE_PAGES.register(ArticlePage)
        registry.SECTION_PAGES.register(SectionPage)
        registry.PURGE_ON_SAVE.register(LegacyPortalSettings)
        # After a migrate or a flush the portal gets its home page back (the tree needs this app's tables).
        post_migrate.connect(ensure_site_tree, sender=self, dispatch_uid="vnportal.news.ensure_site_tree")
