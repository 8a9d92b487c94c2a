from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from wagtail.models import Site

from vnportal.core import fragments, pdf, public
from vnportal.core.pagination import PAGE_PARAM, querystring_without_page
from vnportal.stats import bots

from . import counts, library_cache
from .forms import DocumentFilterForm
from .models import Document, DocumentAttachment
from .queries import find_documents

PAGE_SIZE = 20


def public_documents(request):
    """The published documents of the request's portal (its "library scope")."""
    site = Site.find_for_request(request)
    documents = Document.objects.filter(is_public=True, site_id=site.pk if site is not None else None)
    return documents.select_related("doc_type", "issuer", "field")


def _years(request):
    """The years the portal's documents were issued in, newest first (the year filter's choices).

    A scan of every document, so kept per portal in the library cache (library_cache.years)."""
    site = Site.find_for_request(request)
    return library_cache.cached(
        f"years:{site.pk if site else 0}",
        lambda: [d.year for d in public_documents(request).dates("issued_on", "year", order="DESC")],
    )


def index(request):
    """Văn bản: the list of official documents with filters and number / text search.

    The drawn list (form, rows, pages) is a fragment (core/fragments.py) per query string: a
    document's change purges the page cache, which draws a new generation. When it is kept,
    nothing is asked of the database: drawing the filter form and twenty rows is most of the
    cost of a cold list."""
    list_key = "?" + urlencode(sorted(request.GET.lists()), doseq=True)  # never empty: "" means "not kept"
    kept = fragments.peek(request, f"library-list:{list_key}")
    if kept is not None:
        return render(request, "library/document_list.html", {"kept_list": kept})
    form = DocumentFilterForm(request.GET or None, years=_years(request))
    documents = public_documents(request)
    query = ""
    count_key = "count"
    if form.is_bound:
        form.is_valid()  # an invalid filter is reported next to its field; the valid ones still apply
        data = {"type": None, "issuer": None, "field": None, "year": None, "status": "", "q": "", **form.cleaned_data}
        if data["type"]:
            documents = documents.filter(doc_type=data["type"])
        if data["issuer"]:
            documents = documents.filter(issuer=data["issuer"])
        if data["field"]:
            documents = documents.filter(field=data["field"])
        if data["year"]:
            documents = documents.filter(issued_on__year=data["year"])
        if data["status"]:
            documents = documents.filter(status=data["status"])
        query = (data["q"] or "").strip()
        if query:
            documents = find_documents(documents, query)
        for name in ("type", "issuer", "field", "year", "status"):
            value = data[name]
            count_key += f":{getattr(value, 'pk', value) or ''}"
    paginator = Paginator(documents, PAGE_SIZE)
    if not query:
        # Counting every document of a listing grows with the library; the count changes only when a
        # document does, so it is kept under the library generation (a text search is bounded anyway).
        site = Site.find_for_request(request)
        paginator.count = library_cache.cached(f"{count_key}:{site.pk if site else 0}", documents.count)
    page_obj = paginator.get_page(request.GET.get(PAGE_PARAM))
    return render(
        request,
        "library/document_list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "query": query,
            "querystring": querystring_without_page(request),
            "filtered": bool(form.is_bound and any(request.GET.get(k) for k in form.fields)),
            "list_key": list_key,
        },
    )


def detail(request, pk):
    document = get_object_or_404(public_documents(request).select_related("term"), pk=pk)
    # Only people count, by the statistics' own rules (no crawler, headless browser or prefetch).
    if bots.exclusion_reason(request) is None:
        counts.count_view(document)
    # What the reader sees includes their own view, and this process's views not yet written.
    document.view_count = counts.views_of(document)
    document.download_count = counts.downloads_of(document)
    relations = document.relations.select_related("target__doc_type").filter(target__is_public=True)
    related_from = document.related_from.select_related("document__doc_type").filter(document__is_public=True)
    return render(
        request,
        "library/document_detail.html",
        {
            "document": document,
            "attachments": document.attachments.all(),
            "relations": relations,
            "related_from": related_from,
        },
    )


def pdf_view(request, pk):
    """Lưu bài: the document's record as a PDF; an unpublished document is refused as its page is."""
    document = get_object_or_404(public_documents(request).select_related("term"), pk=pk)
    context = {
        "document": document,
        "attachments": document.attachments.all(),
        "pdf_title": f"{document.doc_type.name} {document.number}",
        "source_url": public.url(document.get_absolute_url()),
    }
    filename = f"van-ban-{document.pk}.pdf"
    return pdf.response(request, "library/document_pdf.html", context, filename)


def download(request, pk):
    site = Site.find_for_request(request)
    attachment = get_object_or_404(
        DocumentAttachment.objects.select_related("document"),
        pk=pk,
        document__is_public=True,
        document__site_id=site.pk if site is not None else None,
    )
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("file missing") from exc
    if bots.exclusion_reason(request) is None:
        counts.count_download(attachment)
    return FileResponse(handle, as_attachment=True, filename=attachment.filename)
