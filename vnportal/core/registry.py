"""What core and the services learn about content, from the content apps themselves.

core imports no other app, and the services (stats, search, polls, …) import no content
app (DESIGN.md, "Layers"). When one of them needs a content type — statistics listing the
most-read articles, search indexing documents, the page cache knowing what to purge — the
content app registers the type here, in its ``AppConfig.ready()``:

==================  ==========================================================  ===========================
registry            what it holds, who reads it                                 filled by
==================  ==========================================================  ===========================
ARTICLE_PAGES       page models that are articles: stats (most read, top        news (ArticlePage)
                    pages), search (kind "article")
SECTION_PAGES       page models that group articles: stats (top sections),      news (SectionPage)
                    search (section filter, an entry's section)
SEARCHABLE          non-page models search indexes (they provide ``is_public``,  library (Document),
                    ``search_title()``, ``search_text()`` …: search/indexer.py,  questions (Question),
                    ``index_document``)                                         schedule (Entry),
                                                                                consultations (Draft)
PURGE_ON_SAVE       models shown on (nearly) every public page outside the      core (SiteSettings, Site),
                    page tree: saving or deleting one purges the page cache     polls, library, news,
                                                                                questions (QuestionField),
                                                                                consultations (Draft)
RATEABLE            non-page models readers may rate ("Thông tin này có hữu     library (Document)
                    ích không?"): ratings. A model provides ``is_public``
                    (optional), ``get_absolute_url()`` and a title
                    (``search_title()`` or ``str()``); its detail view puts
                    the object in the context under its model name
HOME_SUBPAGES       page types ("app.Model") an editor may add under the home   gallery (AlbumIndexPage,
                    page besides sections: news (HomePage.subpage_types)        VideoIndexPage), agency
==================  ==========================================================  ===========================

What renders or computes per request uses Wagtail hooks instead (``hooks.register``), each
documented where it is read: ``vnportal_sidebar_blocks``, ``vnportal_home_blocks``, ``vnportal_main_menu_items``,
``vnportal_main_menu``, ``vnportal_footer_links``, ``vnportal_footer_blocks`` and ``vnportal_site_notices``
(core/templatetags/vnportal.py), ``vnportal_sitemaps`` (core/sitemaps.py), ``vnportal_purge_paths`` (core/purge.py),
``vnportal_scheduled_jobs`` (core/scheduler.py), ``vnportal_most_read`` (news/queries.py),
``vnportal_public_holidays`` (core/workdays.py).
"""


class Registry:
    """An ordered set of things (usually model classes); ``subscribe`` sees each one once."""

    def __init__(self, name):
        self.name = name
        self._items = []
        self._subscribers = []

    def register(self, *items):
        for item in items:
            if item in self._items:
                continue
            self._items.append(item)
            for subscriber in self._subscribers:
                subscriber(item)
        return items[0] if len(items) == 1 else items

    def subscribe(self, callback):
        """Call ``callback(item)`` for every item, those registered so far and those to come
        (a content app's ``ready()`` runs after core's)."""
        self._subscribers.append(callback)
        for item in list(self._items):
            callback(item)

    def __iter__(self):
        return iter(list(self._items))

    def __len__(self):
        return len(self._items)

    def __repr__(self):
        return f"<Registry {self.name}: {self._items!r}>"


ARTICLE_PAGES = Registry("article pages")
SECTION_PAGES = Registry("section pages")
SEARCHABLE = Registry("searchable models")
PURGE_ON_SAVE = Registry("models that purge the page cache")
RATEABLE = Registry("rateable non-page models")
HOME_SUBPAGES = Registry("page types allowed under the home page")
