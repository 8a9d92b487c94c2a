"""Navigation: the main menu, link groups, banners and maintenance notices.

All of them appear on (nearly) every public page, so saving one purges the page cache
(apps.py registers them in core's PURGE_ON_SAVE); banners and notices also come and go
at set times, which boundaries.py turns into purges on time.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable

from vnportal.core.text import collapse_spaces, nfc

from .blocks import MenuBlock


def _clean_text(value):
    return collapse_spaces(nfc(value or "")).strip()


@register_setting(icon="list-ul")
class MenuSettings(BaseSiteSetting):
    main_menu = StreamField(
        MenuBlock(),
        blank=True,
        verbose_name=_("main menu"),
        help_text=_(
            "The items of the menu bar, in order, each with optional sub-items. "
            "Left empty, the menu shows the home page, the sections shown in menus and the portal's parts."
        ),
    )

    panels = [FieldPanel("main_menu")]

    class Meta:
        verbose_name = _("main menu")


class LinkGroup(ClusterableModel):
    title = models.CharField(_("title"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Smaller numbers come first."))
    in_footer = models.BooleanField(
        _("show in the footer"), default=True, help_text=_("Also list this group at the bottom of every page.")
    )
    grouped_by_field = models.BooleanField(
        _("group by field"),
        default=False,
        help_text=_("For online public services: list the links under their field (lĩnh vực)."),
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("in_footer"), FieldPanel("grouped_by_field")]),
        InlinePanel("links", label=_("Links"), heading=_("Links")),
    ]

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = _("link group")
        verbose_name_plural = _("link groups")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = _clean_text(self.title)
        super().save(*args, **kwargs)


class Link(Orderable):
    group = ParentalKey(LinkGroup, on_delete=models.CASCADE, related_name="links", verbose_name=_("group"))
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("address (URL)"), max_length=500)
    field = models.CharField(
        _("field"),
        max_length=120,
        blank=True,
        help_text=_("For online public services: the field (lĩnh vực), e.g. “Đất đai”, “Hộ tịch”."),
    )
    # Filled by the weekly link check (linkcheck.py), never by editors.
    last_checked_at = models.DateTimeField(_("last checked at"), null=True, blank=True, editable=False)
    last_status = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True, editable=False)
    last_error = models.CharField(_("last error"), max_length=255, blank=True, editable=False)
    is_broken = models.BooleanField(_("broken"), default=False, editable=False)

    panels = [FieldRowPanel([FieldPanel("title"), FieldPanel("url")]), FieldPanel("field")]

    class Meta(Orderable.Meta):
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = _clean_text(self.title)
        self.field = _clean_text(self.field)
        super().save(*args, **kwargs)


class ShownBetweenQuerySet(models.QuerySet):
    def shown_at(self, now=None):
        now = now or timezone.now()
        return self.filter(
            Q(**{f"{self.model.start_field}__lte": now}),
            Q(**{f"{self.model.end_field}__gt": now}) | Q(**{f"{self.model.end_field}__isnull": True}),
        )

    def not_over(self, now=None):
        """Shown now or later: what the cached snapshot keeps (it picks the shown ones per request)."""
        now = now or timezone.now()
        return self.filter(Q(**{f"{self.model.end_field}__gt": now}) | Q(**{f"{self.model.end_field}__isnull": True}))


class Banner(models.Model):
    start_field, end_field = "shown_from", "shown_until"

    title = models.CharField(_("title"), max_length=200, help_text=_("For the admin listing only."))
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.PROTECT, related_name="+", verbose_name=_("image")
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_("What the banner says or shows, for readers who cannot see the image."),
    )
    url = models.URLField(_("link"), max_length=500, blank=True, help_text=_("Where the banner leads, if anywhere."))
    shown_from = models.DateTimeField(_("shown from"), default=timezone.now)
    shown_until = models.DateTimeField(_("shown until"), null=True, blank=True, help_text=_("Empty: no end."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Smaller numbers come first."))

    objects = ShownBetweenQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("image"),
        FieldPanel("alt_text"),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("shown_from"), FieldPanel("shown_until"), FieldPanel("sort_order")]),
    ]

    class Meta:
        ordering = ["sort_order", "-shown_from", "pk"]
        verbose_name = _("banner")
        verbose_name_plural = _("banners")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = _clean_text(self.title)
        self.alt_text = _clean_text(self.alt_text)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.alt_text = _clean_text(self.alt_text)
        if not self.alt_text:
            raise ValidationError({"alt_text": _("Describe the banner for readers who cannot see it.")})
        if self.shown_until and self.shown_from and self.shown_until <= self.shown_from:
            raise ValidationError({"shown_until": _("The end must come after the start.")})


class MaintenanceNotice(models.Model):
    start_field, end_field = "shown_from", "restore_at"

    message = models.TextField(
        _("notice text"), max_length=500, help_text=_("E.g. “Cổng thông tin tạm dừng để nâng cấp hệ thống.”")
    )
    shown_from = models.DateTimeField(_("shown from"), help_text=_("When the notice starts to appear on every page."))
    downtime_starts = models.DateTimeField(_("downtime starts"))
    restore_at = models.DateTimeField(_("expected restore"), help_text=_("The notice disappears at this time."))

    objects = ShownBetweenQuerySet.as_manager()

    panels = [
        FieldPanel("message"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("shown_from"), FieldPanel("downtime_starts"), FieldPanel("restore_at")])],
            heading=_("Times"),
        ),
    ]

    class Meta:
        ordering = ["shown_from", "pk"]
        verbose_name = _("maintenance notice")
        verbose_name_plural = _("maintenance notices")

    def __str__(self):
        return self.message[:80]

    def save(self, *args, **kwargs):
        self.message = _clean_text(self.message)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.message = _clean_text(self.message)
        errors = {}
        if self.shown_from and self.downtime_starts and self.downtime_starts < self.shown_from:
            errors["downtime_starts"] = _("The downtime cannot start before the notice is shown.")
        if self.downtime_starts and self.restore_at and self.restore_at <= self.downtime_starts:
            errors["restore_at"] = _("The restore time must come after the downtime starts.")
        if errors:
            raise ValidationError(errors)
