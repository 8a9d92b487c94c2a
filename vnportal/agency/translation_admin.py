"""The translators' side of the admin (docs/translation.md).

- "Bản dịch" (Translations): every Giới thiệu page, leader and unit with the state of its
  English version: missing, out of date (the Vietnamese changed after the translation was
  saved or published), not published yet, or up to date; with the link that makes or edits it.
- The unit and person translations as snippets (under "About us"), the form prefilled from the
  report's "Translate" link.

Pages are translated with Wagtail's own "Translate" action (wagtail.contrib.simple_translation):
it copies the Vietnamese page into the English tree as a draft, which the translator rewrites and
sends through the same workflow as any page.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page, Site
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from .models import AboutIndexPage, AboutPage, Person, PersonTranslation, Unit, UnitTranslation

MISSING, OUT_OF_DATE, DRAFT, UP_TO_DATE = "missing", "out_of_date", "draft", "up_to_date"
STATUS_LABELS = {
    MISSING: _("Missing"),
    OUT_OF_DATE: _("Out of date"),
    DRAFT: _("Not published yet"),
    UP_TO_DATE: _("Up to date"),
}
# Who sees the report: whoever may translate something in it.
REPORT_PERMISSIONS = (
    "simple_translation.submit_translation",
    "agency.change_persontranslation",
    "agency.change_unittranslation",
)


def may_see_report(user):
    return user.is_active and any(user.has_perm(codename) for codename in REPORT_PERMISSIONS)


class PrefilledCreateView(CreateView):
    """The add form of a translation, with its record and language from the report's link."""

    record_field = None

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        record_id = self.request.GET.get(self.record_field, "")
        locale_id = self.request.GET.get("locale", "")
        if record_id.isdigit():
            setattr(instance, f"{self.record_field}_id", int(record_id))
        if locale_id.isdigit() and Locale.objects.filter(pk=int(locale_id)).exists():
            instance.locale_id = int(locale_id)
        return instance


class UnitTranslationCreateView(PrefilledCreateView):
    record_field = "unit"


class PersonTranslationCreateView(PrefilledCreateView):
    record_field = "person"


def _status_column(item):
    return gettext("out of date") if item.is_out_of_date() else gettext("up to date")


class UnitTranslationViewSet(SnippetViewSet):
    model = UnitTranslation
    icon = "site"
    menu_label = _("Unit translations")
    menu_name = "ban-dich-don-vi"
    add_view_class = UnitTranslationCreateView
    list_display = ["name", "unit", "locale", Column("state", label=capfirst(_("state")), accessor=_status_column)]
    list_filter = ["locale"]
    search_fields = ["name"]


class PersonTranslationViewSet(SnippetViewSet):
    model = PersonTranslation
    icon = "site"
    menu_label = _("Person translations")
    menu_name = "ban-dich-can-bo"
    add_view_class = PersonTranslationCreateView
    list_display = [
        "name",
        "title",
        "person",
        "locale",
        Column("state", label=capfirst(_("state")), accessor=_status_column),
    ]
    list_filter = ["locale"]
    search_fields = ["name", "title"]


# --- the report ------------------------------------------------------------------------------------


def _page_status(source, translation):
    if translation is None:
        return MISSING
    if not translation.live:
        return DRAFT
    # Republishing the Vietnamese page after the English was last saved: it may say something new.
    made = translation.latest_revision_created_at or translation.last_published_at
    if source.last_published_at and made and source.last_published_at > made:
        return OUT_OF_DATE
    return UP_TO_DATE


def page_rows(locale):
    """One row per Vietnamese home and Giới thiệu page: ``{"item", "status", "url", "translation"}``."""
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if default is None:
        return []
    in_default = Page.objects.filter(locale=default)
    sources = list((in_default.filter(depth=2) | in_default.type(AboutIndexPage, AboutPage)).order_by("path"))
    translated = {
        page.translation_key: page
        for page in Page.objects.filter(locale=locale, translation_key__in=[p.translation_key for p in sources])
    }
    # Every portal's home is a depth-2 page: name the portal, or two rows would both read
    # "Trang chủ" (a sub-portal often has no English pages, and says so here).
    portals = {
        site.root_page_id: site.site_name or site.hostname for site in Site.objects.filter(is_default_site=False)
    }
    rows = []
    for source in sources:
        translation = translated.get(source.translation_key)
        status = _page_status(source, translation)
        if translation is None:
            url = reverse("simple_translation:submit_page_translation", args=[source.pk])
        else:
            url = reverse("wagtailadmin_pages:edit", args=[translation.pk])
        rows.append(
            {
                "name": f"{source.title} — {portals[source.pk]}" if source.pk in portals else source.title,
                "status": status,
                "url": url,
                "translated_name": translation.title if translation else "",
            }
        )
    return rows


def _record_rows(records, translation_model, record_field, locale):
    found = {
        getattr(t, f"{record_field}_id"): t
        for t in translation_model.objects.filter(locale=locale, **{f"{record_field}__in": records})
    }
    viewset_name = translation_model._meta.model_name
    rows = []
    for record in records:
        translation = found.get(record.pk)
        if translation is None:
            status = MISSING
            url = (
                reverse(f"wagtailsnippets_agency_{viewset_name}:add")
                + f"?{record_field}={record.pk}&locale={locale.pk}"
            )
        else:
            status = OUT_OF_DATE if translation.is_out_of_date() else UP_TO_DATE
            url = reverse(f"wagtailsnippets_agency_{viewset_name}:edit", args=[translation.pk])
        rows.append(
            {
                "name": str(record),
                "status": status,
                "url": url,
                "translated_name": str(translation) if translation else "",
            }
        )
    return rows


def person_rows(locale):
    """The people shown on the portal who are leaders or head a unit (those the English pages name)."""
    heads = Unit.objects.filter(is_active=True, head__isnull=False).values("head_id")
    people = list(Person.objects.filter(is_active=True).filter(is_leader=True) | Person.objects.filter(pk__in=heads))
    people.sort(key=lambda person: (not person.is_leader, person.sort_order, person.name))
    return _record_rows(people, PersonTranslation, "person", locale)


def unit_rows(locale):
    return _record_rows(list(Unit.objects.filter(is_active=True)), UnitTranslation, "unit", locale)


def other_locales():
    return list(Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by("language_code"))


class TranslationReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "agency/admin/translation_report.html"
    page_title = _("Translations")
    header_icon = "site"

    def get_breadcrumbs_items(self):
        # The header shows the last crumb: without this one it read "Trang chủ".
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not may_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        locales = other_locales()
        code = self.request.GET.get("locale", "")
        locale = next((loc for loc in locales if loc.language_code == code), locales[0] if locales else None)
        sections = []
        if locale is not None:
            sections = [
                (_("Pages (home and Giới thiệu)"), page_rows(locale)),
                (_("Leaders and heads of units"), person_rows(locale)),
                (_("Units and their contacts"), unit_rows(locale)),
            ]
        counts = dict.fromkeys(STATUS_LABELS, 0)
        for _title, rows in sections:
            for row in rows:
                counts[row["status"]] += 1
                row["label"] = STATUS_LABELS[row["status"]]
        context.update(
            locale=locale,
            locales=locales,
            sections=sections,
            summary=[(STATUS_LABELS[key], counts[key], key) for key in STATUS_LABELS],
        )
        return context
