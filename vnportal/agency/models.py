"""The agency itself: its units (a tree) and its people, leaders marked.

A service (DESIGN.md, "Layers"): the Giới thiệu pages, the work schedule (its presiding
leaders) and the Hỏi đáp inbox (a request is assigned to a unit, whose staff answer it) all
read these models; this app imports none of them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from vnportal.core.text import collapse_spaces, nfc


class Unit(models.Model):
    """One unit of the agency: the standing committee, a department, an office …

    The tree is a parent link and an order among siblings: an agency has tens of units,
    never thousands, so the whole tree is read in one query and nested in Python.
    """

    class Kind(models.TextChoices):
        LEADERSHIP = "leadership", _("Leadership body")
        ADVISORY = "advisory", _("Advisory and support body")
        DEPARTMENT = "department", _("Department")
        OFFICE = "office", _("Office")
        PUBLIC_SERVICE = "public_service", _("Public service unit")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # a unit with sub-units is moved or emptied first, never orphaned
        related_name="children",
    )
    sort_order = models.PositiveSmallIntegerField(_("display order"), default=100)
    functions = RichTextField(_("functions and tasks"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    head = models.ForeignKey(
        "Person",
        verbose_name=_("head of unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Receives the unit's reminders (for example overdue questions)."),
    )
    # Who works this unit's inbox (Hỏi đáp, Liên hệ): a unit sees only its own items.
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff"), blank=True, related_name="agency_units"
    )
    is_active = models.BooleanField(_("shown on the portal"), default=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = collapse_spaces(nfc(self.name))
        self.short_name = collapse_spaces(nfc(self.short_name))
        super().save(*args, **kwargs)


class Person(models.Model):
    """A person the portal presents: a leader, a unit's head, a contact official."""

    name = models.CharField(_("full name"), max_length=255)
    title = models.CharField(_("position"), max_length=255, help_text=_("For example: Bí thư Tỉnh ủy."))
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    is_leader = models.BooleanField(
        _("leader"), default=False, help_text=_("Leaders are listed on the leadership page and preside over schedules.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    biography = RichTextField(_("short biography"), blank=True)
    term = models.CharField(_("term"), max_length=100, blank=True, help_text=_("For example: 2020–2025."))
    public_email = models.EmailField(_("public e-mail"), blank=True)
    public_phone = models.CharField(_("public phone"), max_length=60, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("display order"), default=100)
    is_active = models.BooleanField(_("shown on the portal"), default=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return f"{self.name} — {self.title}" if self.title else self.name

    def save(self, *args, **kwargs):
        self.name = collapse_spaces(nfc(self.name))
        self.title = collapse_spaces(nfc(self.title))
        super().save(*args, **kwargs)
