from django.db.models import Q
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from vnportal.core import sitescope
from vnportal.core.text import format_short_date

from .demo import build
from .models import Document, DocumentField, DocumentType, Issuer, PartyTerm
from .reporting import editorial_rows
from .sitemaps import LibrarySitemap


class RelatedDocumentsMixin:
    """The chooser of a relation's target ("implements", "replaces" …): a district's document may
    cite the province's, so other portals' published documents are offered, their unpublished
    ones are not (their number and summary stay with their portal)."""

    def chooseable(self, objects):
        site_ids = sitescope.user_site_ids(self.request.user)
        return objects if site_ids is None else objects.filter(Q(site_id__in=site_ids) | Q(is_public=True))

    def get_object_list(self):
        return self.chooseable(super().get_object_list())


class DocumentChooseView(RelatedDocumentsMixin, ChooseView):
    pass


class DocumentChooseResultsView(RelatedDocumentsMixin, ChooseResultsView):
    pass


class DocumentChosenView(RelatedDocumentsMixin, SnippetChosenView):
    """``chosen/<pk>/`` answers with the document's number and summary: by a guessed pk, another
    portal's unpublished document would be read through it (a 404 instead, as in the list)."""

    def get_object(self, pk):
        return self.chooseable(self.model_class.objects.all()).get(pk=pk)


class DocumentChosenMultipleView(RelatedDocumentsMixin, SnippetChosenMultipleView):
    def get_objects(self, pks):
        return self.chooseable(super().get_objects(pks))


class DocumentChooserViewSet(SnippetChooserViewSet):
    choose_view_class = DocumentChooseView
    choose_results_view_class = DocumentChooseResultsView
    chosen_view_class = DocumentChosenView
    chosen_multiple_view_class = DocumentChosenMultipleView


class DocumentViewSet(SnippetViewSet):
    model = Document
    chooser_viewset_class = DocumentChooserViewSet
    icon = "doc-full"
    menu_label = _("Official documents")
    # Fits a 1,366-px screen with the sidebar open (tests/browser/test_admin_browser.py): the
    # date as 05/01/2020 rather than "Ngày 05 tháng 1 năm 2020", views and downloads in one column.
    list_display = [
        "number",
        "summary",
        "doc_type",
        Column("issued_on", label=_("Issued"), accessor=lambda d: format_short_date(d.issued_on), sort_key="issued_on"),
        "status",
        Column(
            "counts",
            label=_("Views / downloads"),
            accessor=lambda d: (
                f"{number_format(d.view_count, force_grouping=True)} / "
                f"{number_format(d.download_count, force_grouping=True)}"
            ),
            sort_key="view_count",
        ),
    ]
    list_filter = ["site", "doc_type", "issuer", "field", "status", "is_public"]
    search_fields = ["number", "summary"]
    ordering = ["-issued_on"]

    def get_queryset(self, request):
        # A sub-portal's editors list their own portal's documents (vnportal/core/sitescope.py);
        # the edit, delete, history and usage URLs of another portal's answer 404 (registered below).
        return sitescope.filter_for_user(Document.objects.select_related("doc_type", "site"), request.user)


class NamedItemViewSet(SnippetViewSet):
    list_display = ["name", "sort_order"]
    ordering = ["sort_order", "name"]


class DocumentTypeViewSet(NamedItemViewSet):
    model = DocumentType
    icon = "tag"


class IssuerViewSet(NamedItemViewSet):
    model = Issuer
    icon = "group"


class DocumentFieldViewSet(NamedItemViewSet):
    model = DocumentField
    icon = "folder-open-inverse"


class PartyTermViewSet(SnippetViewSet):
    model = PartyTerm
    icon = "date"
    list_display = ["name", "start_year", "end_year"]


class LibraryGroup(SnippetViewSetGroup):
    menu_label = _("Official documents")
    menu_icon = "doc-full-inverse"
    menu_order = 250
    items = (DocumentViewSet, DocumentTypeViewSet, IssuerViewSet, DocumentFieldViewSet, PartyTermViewSet)


register_snippet(LibraryGroup)
sitescope.register(Document, "site")


@hooks.register("vnportal_demo_content", order=30)
def demo_documents(stdout):
    build(stdout)


@hooks.register("vnportal_main_menu_items", order=10)
def documents_menu_item():
    return gettext("Official documents"), "library:index"


@hooks.register("vnportal_site_map_entries")
def site_map_entries(request):
    return [{"title": _("Official documents"), "url": reverse("library:index"), "order": 20}]


@hooks.register("vnportal_editorial_report_rows")
def documents_for_the_editorial_report(start, end):
    """Official documents posted in [start, end] for the editorial report (vnportal.news.editorial)."""
    return editorial_rows(start, end)


@hooks.register("vnportal_sitemaps")
def library_in_sitemap():
    return {"van-ban": LibrarySitemap}
