"""Lưu bài: a page saved as a PDF (WeasyPrint), for any app that has something to save.

Core knows no content: an app renders its own template (title, date line, lead, text, sign-off,
and "Nguồn: <public address>") and hands the HTML here. WeasyPrint lays it out with the system
fonts (Debian's fonts-dejavu-core has every Vietnamese mark) and needs Pango from Debian
(libpango-1.0-0, libpangoft2-1.0-0); without them the reader gets a Vietnamese 503 page, never
a 500. Images come from MEDIA_ROOT and the static files on this machine only: the fetcher
below refuses every other address, so making a PDF never contacts another host.
"""

import logging
import mimetypes
import urllib.parse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils._os import safe_join

from . import media, public

logger = logging.getLogger(__name__)


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it needs (Pango) are missing."""


def _weasyprint():
    # WeasyPrint reports each step of every layout at INFO: not worth a log line per PDF.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: cffi could not load libpango / libgobject
        raise PdfUnavailable(str(exc)) from exc
    return weasyprint


def available():
    try:
        _weasyprint()
    except PdfUnavailable:
        return False
    return True


def _local_file(url):
    """The file on this machine an address of the portal names, or None."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != public.base_url():
        return None
    path = urllib.parse.unquote(parts.path)
    try:
        if path.startswith(settings.MEDIA_URL):
            relative = path[len(settings.MEDIA_URL) :]
            return None if media.is_refused(relative) else safe_join(settings.MEDIA_ROOT, relative)
        if path.startswith(settings.STATIC_URL):
            return finders.find(path[len(settings.STATIC_URL) :])
    except Exception:  # outside the folder (a "..") or a name the file system refuses
        return None
    return None


def fetch_local(url, *args, **kwargs):
    """WeasyPrint's url_fetcher: the portal's own media and static files, nothing from the network."""
    filename = _local_file(url)
    if not filename:
        raise ValueError(f"not fetched for a PDF: {url[:200]}")
    with open(filename, "rb") as handle:
        data = handle.read()
    return {"string": data, "mime_type": mimetypes.guess_type(filename)[0] or "application/octet-stream"}


def render(html):
    """The PDF (bytes) of an HTML document whose relative links are the portal's own."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html, base_url=public.base_url() + "/", url_fetcher=fetch_local)
    return document.write_pdf()


def response(request, template, context, filename):
    """The PDF of ``template`` as a download named ``filename``; a Vietnamese 503 page without WeasyPrint."""
    html = render_to_string(template, context, request=request)
    try:
        data = render(html)
    except PdfUnavailable:
        logger.warning("PDF requested but WeasyPrint/Pango is not installed", exc_info=True)
        return HttpResponse(render_to_string("errors/pdf_unavailable.html", {}, request=request), status=503)
    result = HttpResponse(data, content_type="application/pdf")
    result["Content-Disposition"] = f'inline; filename="{filename}"'
    return result
