"""What the statistics keep in the database.

Counters live in append-only daily rows: a flush adds to them with
``count = count + n`` and nothing ever deletes or rewrites a past day (month and year
totals are sums of days, so no rollover can wipe history). Every other table here is
short-lived working state with an explicit lifetime.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


class Metric(models.TextChoices):
    VISITS = "visits", _("Visits")
    PAGEVIEWS = "pageviews", _("Page views")
    BOT_HITS = "bot_hits", _("Bot hits")
    REFERRER = "referrer", _("Visits by referrer domain")
    EXCLUDED = "excluded", _("Excluded hits by reason")


class DailySiteCount(models.Model):
    """One counter of one site on one local day (Asia/Ho_Chi_Minh); ``key`` refines it
    (the referrer domain, the exclusion reason) or is empty."""

    site_id = models.IntegerField(_("site"), db_index=True)
    day = models.DateField(_("day"))
    metric = models.CharField(_("metric"), max_length=16, choices=Metric.choices)
    key = models.CharField(_("key"), max_length=255, blank=True, default="")
    count = models.BigIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("daily site counter")
        verbose_name_plural = _("daily site counters")
        constraints = [
            models.UniqueConstraint(fields=["site_id", "day", "metric", "key"], name="stats_daily_site_unique")
        ]
        indexes = [models.Index(fields=["metric", "day"], name="stats_site_metric_day")]
        # The statistics permission: who may open the dashboard and export.
        permissions = [("view_statistics", _("Can view access statistics"))]

    def __str__(self):
        key = f" {self.key}" if self.key else ""
        return f"{self.day} {self.metric}{key}: {self.count}"


class DailyPageCount(models.Model):
    """Views of one page on one local day. ``views`` counts at most one per visitor per
    visit (the "Lượt xem" of an article); ``hits`` counts every human page view.

    ``page_id`` is a plain integer, not a foreign key: deleting a page must not delete
    (rewrite) its history."""

    page_id = models.IntegerField(_("page"))
    site_id = models.IntegerField(_("site"))
    day = models.DateField(_("day"))
    views = models.BigIntegerField(_("views (once per visitor per visit)"), default=0)
    hits = models.BigIntegerField(_("page views"), default=0)

    class Meta:
        verbose_name = _("daily page counter")
        verbose_name_plural = _("daily page counters")
        constraints = [models.UniqueConstraint(fields=["page_id", "day"], name="stats_daily_page_unique")]
        indexes = [models.Index(fields=["site_id", "day"], name="stats_page_site_day")]

    def __str__(self):
        return f"{self.day} page {self.page_id}: {self.views}/{self.hits}"


class AppliedBatch(models.Model):
    """Batches already added to the daily rows, so a flush retried after a crash
    (or run twice) never counts twice. Kept a few days, then pruned."""

    batch_id = models.CharField(_("batch"), max_length=64, unique=True)
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        verbose_name = _("applied counter batch")
        verbose_name_plural = _("applied counter batches")

    def __str__(self):
        return self.batch_id


class VisitorState(models.Model):
    """Database store only: the last page view of each recently active visitor id.

    Each app process buffers hits in memory; its flush replays them here in one
    transaction, so visits, article de-duplication and "online now" agree across all
    processes and servers (see stores/database.py). Rows older than the visit timeout
    (or the online window, if longer) are deleted by the flush."""

    site_id = models.IntegerField(_("site"))
    visitor = models.CharField(_("visitor id"), max_length=40)
    kind = models.CharField(_("kind"), max_length=1)  # g guest, m member, b bot
    visit_start = models.FloatField(_("visit start (epoch seconds)"))
    last_seen = models.FloatField(_("last seen (epoch seconds)"), db_index=True)
    pages = models.TextField(_("pages viewed in this visit"), blank=True, default="")

    class Meta:
        verbose_name = _("recent visitor")
        verbose_name_plural = _("recent visitors")
        constraints = [models.UniqueConstraint(fields=["site_id", "visitor"], name="stats_visitor_unique")]

    def __str__(self):
        return f"{self.site_id}/{self.visitor}"


@register_setting(icon="view")
class StatsSettings(BaseSiteSetting):
    """What an agency may tune without a deploy."""

    starting_offset = models.BigIntegerField(
        _("starting offset"),
        default=0,
        help_text=_("Visits counted by the previous portal; added to the all-time total."),
    )
    online_window_minutes = models.PositiveSmallIntegerField(
        _("online window (minutes)"),
        default=5,
        help_text=_("A visitor is online when they viewed a page within this many minutes."),
    )
    visit_timeout_minutes = models.PositiveSmallIntegerField(
        _("visit timeout (minutes)"),
        default=30,
        help_text=_("A page view after this many minutes without activity begins a new visit."),
    )

    panels = [FieldPanel("starting_offset"), FieldPanel("online_window_minutes"), FieldPanel("visit_timeout_minutes")]

    class Meta:
        verbose_name = _("access statistics")
        verbose_name_plural = _("access statistics")

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.starting_offset is not None and self.starting_offset < 0:
            errors["starting_offset"] = _("The starting offset cannot be negative.")
        if not self.online_window_minutes or not 1 <= self.online_window_minutes <= 60:
            errors["online_window_minutes"] = _("The online window must be between 1 and 60 minutes.")
        if not self.visit_timeout_minutes or not 5 <= self.visit_timeout_minutes <= 240:
            errors["visit_timeout_minutes"] = _("The visit timeout must be between 5 and 240 minutes.")
        if errors:
            raise ValidationError(errors)
