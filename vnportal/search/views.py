from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import render_to_string
from wagtail import hooks
from wagtail.models import Site

from vnportal.core import languages, public, structure
from vnportal.core.pagination import PAGE_PARAM, querystring_without_page
from vnportal.core.registry import SECTION_PAGES

from . import results_cache
from .backends import Query, search
from .forms import SearchForm
from .snippets import highlight

PAGE_SIZE = 10
# A page number beyond any real result list (100 pages of 10 at most): keys stay bounded.
MAX_PAGE = 10_000


def _sections(site):
    """The top sections of the site (of every type the content apps registered), for the section filter."""
    if site is None:
        return []

    def build():
        return [
            section
            for model in SECTION_PAGES
            for section in model.objects.child_of(site.root_page).live().public().only("id", "title", "path")
        ]

    return structure.cached(f"search-sections:{site.pk}", build)


def portals():
    """{site id: (name, root URL)} of every portal of the install, from the structure cache."""

    def build():
        result = {}
        for site in Site.objects.order_by("-is_default_site", "site_name", "pk"):
            root_url = public.base_url() if site.is_default_site else site.root_url
            result[site.pk] = (site.site_name or site.hostname, root_url)
        return result

    return structure.cached("search-portals", build)


def _page_number(request):
    try:
        return min(max(int(request.GET.get(PAGE_PARAM, 1)), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


class _OnePage:
    """What a Paginator needs to rebuild a page whose entries came from the cache."""

    def __init__(self, count, entries):
        self._count, self._entries = count, entries

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, item):
        return self._entries


def search_view(request):
    """Tìm kiếm: /tim-kiem/?q=… with section, content type and date filters, on this portal or on all.

    The same view answers /en/search/ (the i18n patterns): the English pages of this portal only.
    The section, content type and portal filters are left out there: their choices are Vietnamese
    (section titles, portal names) or Vietnamese-only kinds of content (documents, Q&A …)."""
    site = Site.find_for_request(request)
    sites = portals()
    language = languages.current()
    full = languages.is_default(language)
    form = SearchForm(
        request.GET or None,
        sections=_sections(site) if full else (),
        several_portals=full and len(sites) > 1,
        kinds=full,
    )
    context = {"form": form, "query": "", "page_obj": None, "searched": False, "default_language": full}
    if form.is_bound:
        form.is_valid()  # invalid filters are reported and ignored; the query still runs
        query = (form.cleaned_data.get("q") if hasattr(form, "cleaned_data") else "") or ""
        context["query"] = query
        parsed = Query(query)
        context["searched"] = bool(parsed)
        if parsed:
            filters = form.filters()
            filters["language"] = language
            all_portals = len(sites) > 1 and form.all_portals()
            if len(sites) > 1 and not all_portals:
                # This portal's results only (a single-portal install has nothing to exclude).
                filters["site_id"] = site.pk if site is not None else 0
            current = site.pk if site is not None else None
            number = _page_number(request)
            cache_key = results_cache.key(
                language,  # the entries and the rendered list (labels, dates) differ per language
                current,
                all_portals,
                " ".join(parsed.exact),
                parsed.number,
                number,
                sorted(filters.items()),
            )
            found = results_cache.get_or_build(
                cache_key, lambda: _result_page(request, query, filters, number, current, all_portals, sites)
            )
            paginator = Paginator(_OnePage(found["count"], found["entries"]), PAGE_SIZE)
            context.update(
                page_obj=paginator.get_page(found["number"]),
                total=found["count"],
                more=found["more"],
                results_html=found["html"],
                all_portals=all_portals,
                querystring=querystring_without_page(request),
            )
    return render(request, "search/search.html", context)


def _result_page(request, query, filters, number, current_site, all_portals, sites):
    """One page of results, ready to keep in the cache: the count, the entries (without their long
    texts) and the rendered list, snippets and thumbnails included."""
    results = search(query, **filters)
    page_obj = Paginator(results, PAGE_SIZE).get_page(number)
    entries = list(page_obj.object_list)
    for entry in entries:
        entry.snippet = highlight(entry.body or entry.title, results.query.folded) if entry.body else ""
        entry.title_html = highlight(entry.title, results.query.folded, width=1000)
        entry.href = entry.url
        if entry.site_id != current_site and entry.site_id in sites:
            # Another portal's item: its own address there, and its name beside it.
            entry.portal_name, root_url = sites[entry.site_id]
            entry.href = root_url + entry.url
        elif all_portals and entry.site_id in sites:
            entry.portal_name = sites[entry.site_id][0]
        # The long texts are not needed once the snippet is made; the cache keeps the page small.
        entry.body = entry.body_exact = entry.body_folded = entry.title_exact = entry.title_folded = ""
    _attach_images(entries)
    html = render_to_string(
        "search/results_list.html", {"entries": entries, "start": page_obj.start_index()}, request=request
    )
    return {
        "count": page_obj.paginator.count,
        "more": results.more if results.query else False,
        "number": page_obj.number,
        "entries": entries,
        "html": html,
    }


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
