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
        from . import sharing, signals  # noqa: F401 (signals connects the tag slug receiver)
        from .bootstrap import ensure_site_tree
        from .models import ArticlePage, HomePage, LegacyPortalSettings, SectionPage

        # Statistics and search count and index these without importing this app.
        registry.ARTICLE_PAGES.register(ArticlePage)
        registry.SECTION_PAGES.register(SectionPage)
        registry.PURGE_ON_SAVE.register(LegacyPortalSettings)
        # Other content apps put their own top-level pages (Thư viện ảnh, Video) under the home
        # page without this app knowing them: they name the type, the home page allows it.
        registry.HOME_SUBPAGES.subscribe(allow_under_home(HomePage))
        # After a migrate or a flush the portal gets its home page back (the tree needs this app's tables).
        # A sub-portal's shared article changes the province's "Tin cơ sở" listing too.
        sharing.connect()
        post_migrate.connect(ensure_site_tree, sender=self, dispatch_uid="vnportal.news.ensure_site_tree")


def allow_under_home(home_model):
    def allow(label):
        if label not in home_model.subpage_types:
            home_model.subpage_types = [*home_model.subpage_types, label]

    return allow
