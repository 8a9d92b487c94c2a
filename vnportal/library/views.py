from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from vnportal.core import pdf, public
from vnportal.core.pagination import page_of, querystring_without_page
from vnportal.stats import bots

from .forms import DocumentFilterForm
from .models import Document, DocumentAttachment
from .queries import find_documents

PAGE_SIZE = 20


def public_documents():
    return Document.objects.filter(is_public=True).select_related("doc_type", "issuer", "field")


def index(request):
    """Văn bản: the list of official documents with filters and number / text search."""
    years = [d.year for d in Document.objects.filter(is_public=True).dates("issued_on", "year", order="DESC")]
    form = DocumentFilterForm(request.GET or None, years=years)
    documents = public_documents()
    query = ""
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
    page_obj = page_of(request, documents, PAGE_SIZE)
    return render(
        request,
        "library/document_list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "query": query,
            "querystring": querystring_without_page(request),
            "filtered": bool(form.is_bound and any(request.GET.get(k) for k in form.fields)),
        },
    )


def detail(request, pk):
    document = get_object_or_404(public_documents().select_related("term"), pk=pk)
    # Only people count, by the statistics' own rules (no crawler, headless browser or prefetch).
    if bots.exclusion_reason(request) is None:
        document.count_view()
        document.view_count += 1  # what the reader sees includes their own view
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
    document = get_object_or_404(public_documents().select_related("term"), pk=pk)
    context = {
        "document": document,
        "attachments": document.attachments.all(),
        "pdf_title": f"{document.doc_type.name} {document.number}",
        "source_url": public.url(document.get_absolute_url()),
    }
    filename = f"van-ban-{document.pk}.pdf"
    return pdf.response(request, "library/document_pdf.html", context, filename)


def download(request, pk):
    attachment = get_object_or_404(
        DocumentAttachment.objects.select_related("document"), pk=pk, document__is_public=True
    )
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("file missing") from exc
    if bots.exclusion_reason(request) is None:
        DocumentAttachment.objects.filter(pk=pk).update(download_count=F("download_count") + 1)
        Document.objects.filter(pk=attachment.document_id).update(download_count=F("download_count") + 1)
    return FileResponse(handle, as_attachment=True, filename=attachment.filename)
