"""The portal's own search index: one row per searchable thing (article, page, document, schedule entry).

The rows are written by ``vnportal.search.indexer`` when content is published,
unpublished, saved or deleted. The full-text structures over them are created by
migration 0002 for the database in use: an FTS5 table kept in sync by triggers on
SQLite, generated ``tsvector`` columns with GIN indexes on PostgreSQL.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site


class IndexEntry(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        PAGE = "page", _("Page")
        DOCUMENT = "document", _("Official document")
        QUESTION = "question", _("Question and answer")
        SCHEDULE = "schedule", _("Work schedule")
        DRAFT = "draft", _("Draft for comment")

    kind = models.CharField(_("content type"), max_length=16, choices=Kind.choices)
    object_id = models.BigIntegerField(_("indexed object id"))
    title = models.CharField(_("title"), max_length=1000)
    body = models.TextField(_("text"), blank=True, help_text=_("Plain text shown in result snippets."))
    title_exact = models.TextField(_("title (canonical)"), blank=True)
    body_exact = models.TextField(_("text (canonical)"), blank=True)
    title_folded = models.TextField(_("title (folded)"), blank=True)
    body_folded = models.TextField(_("text (folded)"), blank=True)
    number = models.CharField(
        _("normalised document number"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("Documents only: an exact number search puts the document first."),
    )
    date = models.DateTimeField(_("date"), null=True, blank=True, db_index=True)
    tree_path = models.CharField(
        _("page tree path"),
        max_length=255,
        blank=True,
        db_index=True,
        help_text=_("Wagtail path of the page, to filter by section."),
    )
    section_title = models.CharField(_("section"), max_length=255, blank=True)
    # Which portal (Wagtail Site) the thing belongs to: search shows the request's site's by
    # default. NULL: a page outside every site's tree (reachable on no portal).
    site = models.ForeignKey(
        Site,
        verbose_name=_("portal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # served by search_entry_site_newest (a site-only index only misleads planners)
    )
    # The language of the page (a Wagtail locale code): /tim-kiem/ searches the Vietnamese entries,
    # /en/search/ the English ones. Documents and the other apps' items are Vietnamese.
    language = models.CharField(_("language"), max_length=8, default="vi")
    url = models.CharField(_("address"), max_length=1000, help_text=_("Path on its portal."))
    updated_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_object")]
        indexes = [
            # The order of broad result lists: lets the database walk entries newest first and stop
            # after one page, instead of sorting every match.
            # The date is never NULL (see indexer._save), so the same index serves both databases.
            models.Index(models.F("date").desc(), models.F("id").desc(), name="search_entry_newest"),
            # The same, within one portal (the default scope of a search).
            models.Index(
                models.F("site"), models.F("date").desc(), models.F("id").desc(), name="search_entry_site_newest"
            ),
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id} {self.title}"
