from django.shortcuts import render
from wagtail import hooks
from wagtail.models import Site

from vnportal.core.pagination import page_of, querystring_without_page
from vnportal.core.registry import SECTION_PAGES

from .backends import search
from .forms import SearchForm
from .snippets import highlight

PAGE_SIZE = 10


def _sections(request):
    """The top sections (of every type the content apps registered), for the section filter."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    return [
        section
        for model in SECTION_PAGES
        for section in model.objects.child_of(site.root_page).live().public().only("id", "title", "path")
    ]


def search_view(request):
    """Tìm kiếm: /tim-kiem/?q=… with section, content type and date filters."""
    form = SearchForm(request.GET or None, sections=_sections(request))
    context = {"form": form, "query": "", "page_obj": None, "searched": False}
    if form.is_bound:
        form.is_valid()  # invalid filters are reported and ignored; the query still runs
        query = (form.cleaned_data.get("q") if hasattr(form, "cleaned_data") else "") or ""
        context["query"] = query
        results = search(query, **form.filters())
        context["searched"] = bool(results.query)
        if results.query:
            page_obj = page_of(request, results, PAGE_SIZE)
            for entry in page_obj.object_list:
                entry.snippet = highlight(entry.body or entry.title, results.query.folded)
                entry.title_html = highlight(entry.title, results.query.folded, width=1000)
            _attach_images(page_obj.object_list)
            context.update(
                page_obj=page_obj,
                total=page_obj.paginator.count,
                more=results.more,
                querystring=querystring_without_page(request),
            )
    return render(request, "search/search.html", context)


def _attach_images(entries):
    """Thumbnails for a page of results, from the apps that own the content.

    An app registers ``vnportal_search_result_images``: ``(entries) -> {(kind, object_id): image}``, in a
    fixed number of queries; the search app itself knows no content type. Entries without one get the
    placeholder.
    """
    images = {}
    for fn in hooks.get_hooks("vnportal_search_result_images"):
        images.update(fn(entries) or {})
    for entry in entries:
        entry.image = images.get((entry.kind, entry.object_id))
