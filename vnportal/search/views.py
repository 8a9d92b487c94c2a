from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail import hooks
from wagtail.models import Site

from .backends import search
from .forms import SearchForm
from .snippets import highlight

PAGE_SIZE = 10


def _sections(request):
    from vnportal.news.models import SectionPage

    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(SectionPage.objects.child_of(site.root_page).live().public().only("id", "title", "path"))


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
            paginator = Paginator(results, PAGE_SIZE)
            try:
                page_obj = paginator.page(request.GET.get("trang", 1))
            except PageNotAnInteger:
                page_obj = paginator.page(1)
            except EmptyPage:
                page_obj = paginator.page(paginator.num_pages)
            for entry in page_obj.object_list:
                entry.snippet = highlight(entry.body or entry.title, results.query.folded)
                entry.title_html = highlight(entry.title, results.query.folded, width=1000)
            _attach_images(page_obj.object_list)
            params = request.GET.copy()
            params.pop("trang", None)
            context.update(page_obj=page_obj, total=paginator.count, more=results.more, querystring=params.urlencode())
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
