"""The agency itself: its units (a tree) and its people, leaders marked.

A service (DESIGN.md, "Layers"): the Giới thiệu pages, the work schedule (its presiding
leaders) and the Hỏi đáp inbox (a request is assigned to a unit, whose staff answer it) all
read these models; this app imports none of them.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from vnportal.core import languages, renditions, sitetree
from vnportal.core.pages import BasePage
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

    def text_digest(self):
        """What a translation is made from (UnitTranslation): changed, the translation is out of date."""
        return text_digest(self.name, self.short_name, self.functions, self.address)


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

    def text_digest(self):
        """What a translation is made from (PersonTranslation): changed, the translation is out of date."""
        return text_digest(self.name, self.title, self.biography, self.term)


# --- The Giới thiệu pages ------------------------------------------------------------------------
#
# One index (/gioi-thieu/) and free pages under it. A page may also show what the unit and
# people records hold (its "kind"): the functions and tasks of each unit, the organisation
# chart, the leadership. Editors write the text; the records stay the one source of the rest.
# Both types hold pages (an about page may have sub-pages), so they live in the cached site
# tree (core/sitetree.py): routing to them, their breadcrumbs, the menu and the footer link
# cost no query.


class AboutIndexPage(BasePage):
    """Giới thiệu: the agency's introduction and the list of its about pages."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    # Wagtail's promote tab without "show in menus": the menu links the index through its hook,
    # and a ticked box would list it twice (and as a news section on the home page).
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=_("For search engines"),
        )
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    # The main menu links it through the vnportal_main_menu_items hook (wagtail_hooks.py), not as a section.
    show_in_menus_default = False
    subpage_types = ["agency.AboutPage"]
    max_count = 1
    template = "agency/about_index_page.html"

    class Meta:
        verbose_name = _("about index")
        verbose_name_plural = _("about index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = sitetree_children(request, self)
        context.update(
            about_pages=children,
            breadcrumbs=page_breadcrumbs(request, self),
            last_updated=latest(self.last_published_at, *(child.last_published_at for child in children)),
        )
        return context


class AboutPage(BasePage):
    """A page under Giới thiệu: free text, plus (by its kind) what the unit and people records hold."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text only")
        FUNCTIONS = "functions", _("Functions and tasks of the units")
        ORGANISATION = "organisation", _("Organisation chart")
        LEADERSHIP = "leadership", _("Leadership")
        ACCESSIBILITY = "accessibility", _("Accessibility statement (linked from the footer)")

    kind = models.CharField(
        _("kind of page"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.TEXT,
        help_text=_("Besides the text, the page shows the units or the leaders as their records hold them."),
    )
    body = RichTextField(_("body"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For example the administrative map; describe what it shows in the text as well."),
    )
    image_caption = models.CharField(_("image caption"), max_length=500, blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_caption")], heading=_("Image")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("image_caption"),
        index.SearchField("records_text"),
    ]

    show_in_menus_default = True
    parent_page_types = ["agency.AboutIndexPage", "agency.AboutPage"]
    subpage_types = ["agency.AboutPage"]
    template = "agency/about_page.html"

    # The kinds that show unit or person records: saving one of those purges these pages.
    SHOWS_RECORDS = (Kind.FUNCTIONS, Kind.ORGANISATION, Kind.LEADERSHIP)

    class Meta:
        verbose_name = _("about page")
        verbose_name_plural = _("about pages")

    def clean(self):
        self.image_caption = collapse_spaces(nfc(self.image_caption))
        super().clean()

    def records(self):
        """``(units, people)`` this page shows (each a list; empty for a text page). A page in
        another language shows the records translated into it, with their translated words."""
        units, people = [], []
        if self.kind in (self.Kind.FUNCTIONS, self.Kind.ORGANISATION):
            units = active_units()
        elif self.kind == self.Kind.LEADERSHIP:
            people = leaders()
        if self.locale_id != languages.locale_ids().get(settings.LANGUAGE_CODE):
            units, people = translated_units(units, self.locale_id), translated_people(people, self.locale_id)
        return units, people

    def records_text(self):
        """What the search index reads of the records the page shows (names, titles, functions)."""
        units, people = self.records()
        parts = []
        for unit in units:
            parts += [unit.name, unit.functions, unit.head.name if unit.head else ""]
        for person in people:
            parts += [person.name, person.title, person.biography]
        return " ".join(part for part in parts if part)

    def get_context(self, request, *args, **kwargs):
        # A fixed number of queries however many units and people (tests/agency/test_query_counts.py):
        # the units with their heads, or the leaders with their photos' renditions, one query each.
        context = super().get_context(request, *args, **kwargs)
        units, people = self.records()
        if people:
            renditions.prefetch([(person.photo, ("portrait",)) for person in people if person.photo_id])
        if self.image_id:
            # Every size the page shows it in: a prefetched image is taken at its word, and a
            # size left out would be made again, and collide with the one made on publishing.
            renditions.prefetch([(self.image, ("body", "social"))])
        context.update(
            breadcrumbs=page_breadcrumbs(request, self),
            subpages=sitetree_children(request, self),
            unit_tree=nest(units) if self.kind == self.Kind.ORGANISATION else [],
            units=units,
            people=people,
            last_updated=latest(
                self.last_published_at,
                *(unit.updated_at for unit in units),
                *(unit.head.updated_at for unit in units if unit.head),
                *(person.updated_at for person in people),
            ),
        )
        return context


def active_units():
    """The units shown on the portal, each with its head, in display order (one query)."""
    return list(Unit.objects.filter(is_active=True).select_related("head").order_by("sort_order", "name", "pk"))


def leaders():
    """The leaders shown on the portal, by display order, with their photo and unit (one query)."""
    return list(
        Person.objects.filter(is_active=True, is_leader=True)
        .select_related("photo", "unit")
        .order_by("sort_order", "name", "pk")
    )


def nest(units):
    """The units as a tree: ``[{"unit", "children": [...]}]``, roots first, each level in display order.

    A unit whose parent is hidden (or missing from ``units``) is shown as a root, not lost."""
    shown = {unit.pk for unit in units}
    nodes = {unit.pk: {"unit": unit, "children": []} for unit in units}
    roots = []
    for unit in units:  # already in display order: each level keeps it
        if unit.parent_id in shown and unit.parent_id != unit.pk:
            nodes[unit.parent_id]["children"].append(nodes[unit.pk])
        else:
            roots.append(nodes[unit.pk])
    return roots


def latest(*moments):
    """The latest of these dates (None ignored): "Cập nhật lần cuối"."""
    found = [moment for moment in moments if moment is not None]
    return max(found) if found else None


def sitetree_children(request, page):
    """Live, public child pages of ``page`` from the cached site tree (a query without it)."""
    tree = sitetree.tree_for_request(request)
    if tree is not None and tree.contains(page):
        return tree.children(page)
    return list(page.get_children().live().public().specific())


def page_breadcrumbs(request, page):
    """The pages between the home page and ``page``, from the cached site tree when it has them."""
    tree = sitetree.tree_for_request(request)
    crumbs = tree.ancestors(page, min_depth=3) if tree is not None else None
    if crumbs is None:
        crumbs = list(page.get_ancestors().filter(depth__gt=2).specific())
    return crumbs


# --- i18n: English (and any other language's) text of units and people ----------------------------
#
# A unit or person is one record, whatever the language: its place in the tree, its order, its
# photo and telephone are the same in English. Only its words are translated, in a row per
# language beside it (Wagtail's Locale), so every other app keeps reading Unit and Person
# unchanged. A translation remembers a digest of the Vietnamese words it was made from: when
# they change, the admin's translation report shows it as out of date (docs/translation.md).


def text_digest(*parts):
    """A short fingerprint of some texts: equal texts, equal digests."""
    return hashlib.sha256("\x1f".join(part or "" for part in parts).encode()).hexdigest()[:32]


class RecordTranslation(models.Model):
    locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    source_digest = models.CharField(_("source text fingerprint"), max_length=32, editable=False, blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    # The fields of the record this translation gives in another language.
    TRANSLATED_FIELDS = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Saving the translation is the translator saying "this matches the Vietnamese now".
        self.source_digest = self.source().text_digest()
        super().save(*args, **kwargs)

    def source(self):
        raise NotImplementedError

    def is_out_of_date(self):
        """Have the record's Vietnamese words changed since this translation was saved?"""
        return self.source_digest != self.source().text_digest()

    def apply(self, record):
        """``record`` with this translation's words in place of its own (in memory only)."""
        for field in self.TRANSLATED_FIELDS:
            value = getattr(self, field)
            if value:
                setattr(record, field, value)
        record._translated = True
        return record


class UnitTranslation(RecordTranslation):
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    functions = RichTextField(_("functions and tasks"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)

    TRANSLATED_FIELDS = ("name", "short_name", "functions", "address")

    panels = [
        FieldPanel("unit"),
        FieldPanel("locale"),
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("functions"),
        FieldPanel("address"),
    ]

    class Meta:
        verbose_name = _("unit translation")
        verbose_name_plural = _("unit translations")
        constraints = [models.UniqueConstraint(fields=["unit", "locale"], name="agency_unit_translation_once")]

    def __str__(self):
        return self.name

    def source(self):
        return self.unit


class PersonTranslation(RecordTranslation):
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("full name"), max_length=255)
    title = models.CharField(_("position"), max_length=255)
    biography = RichTextField(_("short biography"), blank=True)
    term = models.CharField(_("term"), max_length=100, blank=True)

    TRANSLATED_FIELDS = ("name", "title", "biography", "term")

    panels = [
        FieldPanel("person"),
        FieldPanel("locale"),
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("biography"),
        FieldPanel("term"),
    ]

    class Meta:
        verbose_name = _("person translation")
        verbose_name_plural = _("person translations")
        constraints = [models.UniqueConstraint(fields=["person", "locale"], name="agency_person_translation_once")]

    def __str__(self):
        return f"{self.name} — {self.title}"

    def source(self):
        return self.person


def translated_units(units, locale_id):
    """The units that have a translation in ``locale_id``, in their order, with its words
    (and their heads' words, when the head is translated too). Two queries."""
    found = {t.unit_id: t for t in UnitTranslation.objects.filter(locale_id=locale_id, unit__in=units)}
    heads = [unit.head for unit in units if unit.head_id]
    head_words = {t.person_id: t for t in PersonTranslation.objects.filter(locale_id=locale_id, person__in=heads)}
    shown = []
    for unit in units:
        if unit.pk not in found:
            continue
        found[unit.pk].apply(unit)
        if unit.head_id:
            unit.head = head_words[unit.head_id].apply(unit.head) if unit.head_id in head_words else None
        shown.append(unit)
    return shown


def translated_people(people, locale_id):
    """The people that have a translation in ``locale_id``, in their order, with its words. One query."""
    found = {t.person_id: t for t in PersonTranslation.objects.filter(locale_id=locale_id, person__in=people)}
    return [found[person.pk].apply(person) for person in people if person.pk in found]
