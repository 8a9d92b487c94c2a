"""Site-wide settings an agency edits in the admin (Cài đặt → Thông tin cơ quan)."""

import copy as _copy

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from . import structure


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who publishes the portal: shown in the header and the legally required footer."""

    agency_name = models.CharField(
        _("agency name"),
        max_length=255,
        default="Cổng thông tin điện tử",
        help_text=_("Full name shown in the header, e.g. “Cổng thông tin điện tử Tỉnh ủy …”"),
    )
    agency_subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    emblem = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("emblem"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responsible_person = models.CharField(
        _("responsible person"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Chịu trách nhiệm chính: Ông Nguyễn Văn A, Chánh Văn phòng”."),
    )
    license_text = models.CharField(_("licence"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    fax = models.CharField(_("fax"), max_length=64, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    copyright_notice = models.CharField(
        _("copyright notice"),
        max_length=255,
        blank=True,
        help_text=_("E.g. “Ghi rõ nguồn khi phát hành lại thông tin từ cổng này”."),
    )

    # --- i18n: the same, for the English pages (core/languages.py; empty: left out there) ---
    english_agency_name = models.CharField(
        _("agency name in English"),
        max_length=255,
        blank=True,
        help_text=_("Shown in the header of the English pages, e.g. “Son Ha Provincial People's Committee”."),
    )
    english_agency_subtitle = models.CharField(_("subtitle in English"), max_length=255, blank=True)
    english_responsible_person = models.CharField(_("responsible person in English"), max_length=255, blank=True)
    english_license_text = models.CharField(_("licence in English"), max_length=255, blank=True)
    english_address = models.CharField(_("address in English"), max_length=255, blank=True)
    english_copyright_notice = models.CharField(_("copyright notice in English"), max_length=255, blank=True)

    # What the English pages show in place of each Vietnamese field.
    ENGLISH_FIELDS = {
        "agency_name": "english_agency_name",
        "agency_subtitle": "english_agency_subtitle",
        "responsible_person": "english_responsible_person",
        "license_text": "english_license_text",
        "address": "english_address",
        "copyright_notice": "english_copyright_notice",
    }
    # --- end i18n ---

    panels = [
        MultiFieldPanel(
            [FieldPanel("agency_name"), FieldPanel("agency_subtitle"), FieldPanel("emblem")], heading=_("Header")
        ),
        MultiFieldPanel(
            [
                FieldPanel("responsible_person"),
                FieldPanel("license_text"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("fax"),
                FieldPanel("email"),
                FieldPanel("copyright_notice"),
            ],
            heading=_("Footer"),
        ),
        MultiFieldPanel([FieldPanel(name) for name in ENGLISH_FIELDS.values()], heading=_("English pages")),
    ]

    class Meta:
        verbose_name = _("agency information")
        verbose_name_plural = _("agency information")

    @classmethod
    def for_site(cls, site):
        # Read on every page (header, footer, titles): kept in the structure cache,
        # which forgets it when the settings or their emblem change.
        def build():
            instance = super(SiteSettings, cls).for_site(site)
            instance.emblem  # noqa: B018  (fetched now, so it is cached with the settings)
            return instance

        instance = structure.cached(f"settings:{cls._meta.label_lower}:{site.pk}", build)
        return instance if translation.get_language() in (None, settings.LANGUAGE_CODE) else instance.in_english()

    def in_english(self):
        """A read-only copy for the English pages: each text in its English version, or the
        generic portal name / nothing when there is none (never the Vietnamese text there)."""
        copy = _copy.copy(self)
        for field, english in self.ENGLISH_FIELDS.items():
            setattr(copy, field, getattr(self, english) or "")
        copy.agency_name = copy.agency_name or gettext("E-information portal")
        copy._read_only = True
        return copy

    def save(self, *args, **kwargs):
        if getattr(self, "_read_only", False):
            raise RuntimeError("the English view of the site settings is not saved")
        super().save(*args, **kwargs)


class VisitorSalt(models.Model):
    """The secret that makes today's guest visitor ids (see vnportal.core.visitors).

    One random salt per local day. It lives in the database, not in a process or a
    local cache, so every app server computes the same id for the same visitor;
    salts older than yesterday are deleted, after which nobody (not even us) can
    link an id back to an address.
    """

    day = models.DateField(_("day"), unique=True)
    salt = models.CharField(_("secret"), max_length=64)

    class Meta:
        verbose_name = _("daily secret")
        verbose_name_plural = _("daily secrets")

    def __str__(self):
        return str(self.day)


class RateCounter(models.Model):
    """One fixed window of a per-address limit, or one remembered single-use token (core.ratelimit).

    Used when the site has no Redis (and while Redis fails): a row per (scope, hashed
    address, window), raised by an atomic ``count = count + 1`` so that every gunicorn worker
    and every app server counts into the same number. Expired rows are deleted by the
    ``rate_cleanup`` scheduled job. Moved here from polls when the citizen forms came to
    need the same limiter; the counters are short-lived, so the move starts them afresh.
    """

    key = models.CharField(_("key"), max_length=120, primary_key=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")

    def __str__(self):
        return f"{self.key}: {self.count}"
