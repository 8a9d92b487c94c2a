"""The leaders' work schedule (lịch công tác): one row per ISO week, holding its entries.

A week is entered and published as a whole (the office drafts it on Friday for the next
week). Once published it may still change — a meeting moves, a leader is replaced — and
readers must see that it did: every change saved after publication is an *adjustment*,
numbered, with its time ("Điều chỉnh lần 2, cập nhật lúc 16:05 08/12/2026").
"""

import datetime

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vnportal.agency.models import Person, Unit
from vnportal.core.text import collapse_spaces, format_article_datetime, nfc


class WeekQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Week.Status.PUBLISHED)


class Week(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published on the portal")

    year = models.PositiveSmallIntegerField(_("ISO year"))
    week = models.PositiveSmallIntegerField(_("ISO week number"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # 0 until the first change after publication; each saved change after that adds one.
    revision = models.PositiveIntegerField(_("adjustment number"), default=0)
    published_at = models.DateTimeField(_("first published at"), null=True, blank=True)
    changed_at = models.DateTimeField(_("last adjusted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    objects = WeekQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-week"]
        verbose_name = _("schedule week")
        verbose_name_plural = _("schedule weeks")
        constraints = [models.UniqueConstraint(fields=["year", "week"], name="schedule_week_unique")]

    def __str__(self):
        return _("Week %(week)s/%(year)s") % {"week": self.week, "year": self.year}

    def get_absolute_url(self):
        return reverse("schedule:week", args=[self.year, self.week])

    @classmethod
    def key_of(cls, day):
        """``(ISO year, ISO week)`` of a date: 31/12/2026 is in week 53 of 2026, 01/01/2027 too."""
        iso = day.isocalendar()
        return iso.year, iso.week

    @property
    def monday(self):
        return datetime.date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self):
        return self.monday + datetime.timedelta(days=6)

    def days(self):
        return [self.monday + datetime.timedelta(days=n) for n in range(7)]

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def publish(self, now=None):
        """Make the week public (its first publication; a published week stays as it is)."""
        if not self.is_published:
            self.status = self.Status.PUBLISHED
            self.published_at = self.published_at or now or timezone.now()

    def record_adjustment(self, now=None):
        """A published week was changed: one more adjustment, stamped now."""
        if self.is_published:
            self.revision += 1
            self.changed_at = now or timezone.now()


class Entry(models.Model):
    class Session(models.IntegerChoices):
        # Stored as numbers so a day sorts morning → afternoon → evening.
        MORNING = 1, _("Morning")
        AFTERNOON = 2, _("Afternoon")
        EVENING = 3, _("Evening")

    week = models.ForeignKey(Week, verbose_name=_("week"), on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(_("date"))
    session = models.PositiveSmallIntegerField(_("session"), choices=Session.choices, default=Session.MORNING)
    time = models.TimeField(_("time"), null=True, blank=True)
    content = models.TextField(_("content"))
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    presiding = models.ForeignKey(
        Person,
        verbose_name=_("presiding leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,  # a leader who leaves keeps the old weeks readable, without a name
        related_name="schedule_entries",
        limit_choices_to={"is_leader": True},
    )
    participants = models.TextField(_("participants"), blank=True)
    preparing_unit = models.ForeignKey(
        Unit,
        verbose_name=_("preparing unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="schedule_entries",
    )

    class Meta:
        ordering = ["date", "session", models.F("time").asc(nulls_first=True), "pk"]
        verbose_name = _("schedule entry")
        verbose_name_plural = _("schedule entries")
        indexes = [models.Index(fields=["date"], name="schedule_entry_date")]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.get_session_display()}: {self.content[:60]}"

    def save(self, *args, **kwargs):
        self.content = nfc(self.content).strip()
        self.venue = collapse_spaces(nfc(self.venue))
        self.participants = nfc(self.participants).strip()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.week.get_absolute_url()}#muc-{self.pk}"

    # What the portal's search indexes (vnportal.search.indexer.index_document; registered
    # in apps.py): a published week's entries, found by content, place, people and unit.
    search_kind = "schedule"

    @property
    def is_public(self):
        return self.week.is_published

    def search_title(self):
        when = f"{format_article_datetime(self.date)}, {self.get_session_display().lower()}"
        if self.time:
            when += f" {self.time:%H:%M}"
        return f"{when}: {self.content.splitlines()[0] if self.content else ''}"

    def search_text(self):
        parts = [self.content, self.venue, self.participants]
        if self.presiding:
            parts.append(f"{self.presiding.name} {self.presiding.title}")
        if self.preparing_unit:
            parts.append(self.preparing_unit.name)
        return "\n".join(part for part in parts if part)

    def search_section(self):
        # The result already says "Lịch công tác" (its kind): the line names who presides.
        return gettext("Presiding: %(name)s") % {"name": self.presiding.name} if self.presiding else ""

    def search_date(self):
        return self.date
