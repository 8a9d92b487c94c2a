from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from vnportal.core import sitetree, structure

from .demo import build
from .models import AboutIndexPage, AboutPage, Person, Unit
from .translation_admin import PersonTranslationViewSet, TranslationReportView, UnitTranslationViewSet, may_see_report
from .tree import annotate_tree


class UnitIndexView(IndexView):
    """The units as their tree: each after its parent, indented by its depth (unless sorted by a column)."""

    def get_base_queryset(self):
        return annotate_tree(super().get_base_queryset().select_related("parent", "head"))

    def order_queryset(self, queryset):
        if not self.is_explicitly_ordered:
            return queryset.order_by("tree_position")
        return super().order_queryset(queryset)


def _shown(item):
    # Wagtail's boolean cell says "True"/"False" in its icon's title: words, in Vietnamese, instead.
    return gettext("shown") if item.is_active else gettext("hidden")


def _indented_name(unit):
    depth = getattr(unit, "tree_depth", 0) or 0
    return "— " * depth + unit.name


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    menu_name = "don-vi"  # Wagtail's own slug of "Đơn vị" is "u0110on-vi"
    index_view_class = UnitIndexView
    list_display = [
        Column("name", label=capfirst(_("name")), accessor=_indented_name, sort_key="name"),
        "kind",
        "head",
        "phone",
        Column("is_active", label=capfirst(_("shown on the portal")), accessor=_shown),
    ]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    menu_name = "can-bo"
    list_display = [
        "name",
        "title",
        "unit",
        Column(
            "is_leader",
            label=capfirst(_("leader")),
            accessor=lambda person: gettext("leader") if person.is_leader else "",
        ),
        "term",
        Column("is_active", label=capfirst(_("shown on the portal")), accessor=_shown),
        "sort_order",
    ]
    list_filter = ["is_leader", "is_active", "unit"]
    search_fields = ["name", "title"]
    ordering = ["-is_leader", "sort_order", "name"]


class AgencyGroup(SnippetViewSetGroup):
    menu_label = _("About us")
    menu_icon = "group"
    menu_order = 240
    items = (UnitViewSet, PersonViewSet, UnitTranslationViewSet, PersonTranslationViewSet)


register_snippet(AgencyGroup)


def _about_index_url():
    """The live, public Giới thiệu index's path, or "" (cached with the site structure: no query once warm)."""

    def build():
        page = AboutIndexPage.objects.live().public().first()
        # The path on its own site: with sub-portals, get_url() would be an absolute URL.
        parts = page.get_url_parts() if page is not None else None
        return parts[2] if parts else ""

    return structure.cached("agency:about-index-url", build)


@hooks.register("vnportal_main_menu_items", order=0)
def about_menu_item():
    """Giới thiệu, first after the sections; left out while the site has no live index."""
    return gettext("About us"), _about_index_url()


@hooks.register("vnportal_footer_links")
def accessibility_statement_link(request):
    """The accessibility statement (Tuyên bố trợ năng) in every page's footer, from the cached site tree."""
    tree = sitetree.tree_for_request(request)
    if tree is None:
        return []
    for page in tree.pages:
        if isinstance(page, AboutPage) and page.kind == AboutPage.Kind.ACCESSIBILITY and page.live:
            if not tree.access.is_private(page.path):
                return [(page.title, page.get_url(request=request))]
    return []


@hooks.register("vnportal_demo_content", order=20)
def demo_agency(stdout):
    build(stdout)


# --- i18n: the translators' report (translation_admin.py, docs/translation.md) ---


@hooks.register("register_admin_urls")
def translation_report_urls():
    return [path("ban-dich/", TranslationReportView.as_view(), name="agency_translations")]


class TranslationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_report(request.user)


@hooks.register("register_admin_menu_item")
def translation_report_menu_item():
    return TranslationReportMenuItem(_("Translations"), reverse("agency_translations"), icon_name="site", order=245)
