"""/media/ in the embedded profile: the same files nginx serves in production, no others.

Uploads whose reader must be checked (Wagtail documents: their collection's privacy;
official documents' attachments: publication) are served only by their app's own view
(/documents/…, /van-ban/tep/…). Their folders under MEDIA_ROOT are refused here exactly as
deploy/nginx/vnportal.conf refuses them (``location /media/<folder>/ { return 404; }``);
a test keeps the two lists equal. Apps register their folders with ``refuse_prefix``.

Byte ranges (``Range: bytes=…``) are answered as nginx answers them: a video player seeks
by asking for the part it needs (and Safari plays no video from a server without ranges).
One range gets 206 with Content-Range; a range that starts past the end gets 416; several
ranges, or a header we cannot read, get the whole file (200), as RFC 9110 allows.
"""

import mimetypes
import os
import posixpath
import re

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.static import serve as static_serve

# Wagtail documents (upload_to "documents/"), served by wagtail.documents.views.serve; and the
# files Wagtail's multiple uploader keeps aside (UploadedFile, upload_to "wagtail_uploads/")
# until their fields are valid, e.g. an image whose collection was refused
# (core/imageprivacy.py): not an image yet, never public.
_refused = ["documents/", "wagtail_uploads/"]
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def refuse_prefix(prefix):
    """Never serve MEDIA_ROOT/<prefix>… at /media/ (an app's view serves those files)."""
    prefix = prefix.strip("/") + "/"
    if prefix not in _refused:
        _refused.append(prefix)


def refused_prefixes():
    return tuple(_refused)


def is_refused(path):
    # Normalised as the file system will resolve it: "a/../documents/x", "./documents/x" and
    # "//documents/x" are all documents/x.
    normalised = posixpath.normpath("/" + path.replace("\\", "/")).lstrip("/")
    return any(normalised.startswith(prefix) or normalised + "/" == prefix for prefix in _refused)


def parse_range(header, size):
    """``(start, end)`` (inclusive) of a single ``bytes=`` range; ``None`` to send the whole file;
    ``False`` when the range cannot be satisfied (416)."""
    match = _RANGE.match((header or "").strip())
    if match is None:
        return None  # absent, several ranges, another unit, or garbled: the whole file
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # bytes=-500: the last 500 bytes
        length = int(last)
        if length == 0:
            return False
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if last and int(last) < start:
        return None  # invalid syntax: ignored, as RFC 9110 says
    if start >= size:
        return False
    return start, end


def serve(request, path):
    if is_refused(path):
        raise Http404("served by its app")
    range_header = request.headers.get("Range")
    if not range_header or request.method not in ("GET", "HEAD"):
        response = static_serve(request, path, document_root=settings.MEDIA_ROOT)
        response.headers.setdefault("Accept-Ranges", "bytes")
        return response
    return _serve_range(request, path, range_header)


def _serve_range(request, path, range_header):
    try:
        fullpath = safe_join(settings.MEDIA_ROOT, posixpath.normpath(path).lstrip("/"))
    except Exception as exc:  # outside MEDIA_ROOT
        raise Http404("outside the media folder") from exc
    if not os.path.isfile(fullpath):
        raise Http404("no such file")
    stat = os.stat(fullpath)
    size = stat.st_size
    wanted = parse_range(range_header, size)
    if wanted is None:
        response = static_serve(request, path, document_root=settings.MEDIA_ROOT)
        response.headers["Accept-Ranges"] = "bytes"
        return response
    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return response
    start, end = wanted
    handle = open(fullpath, "rb")  # closed by the response
    handle.seek(start)
    content_type = mimetypes.guess_type(fullpath)[0] or "application/octet-stream"
    response = FileResponse(_limited(handle, end - start + 1), status=206, content_type=content_type)
    response["Content-Length"] = str(end - start + 1)
    response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["Last-Modified"] = http_date(stat.st_mtime)
    response._resource_closers.append(handle.close)
    return response


def _limited(handle, length, chunk=64 * 1024):
    remaining = length
    while remaining > 0:
        data = handle.read(min(chunk, remaining))
        if not data:
            break
        remaining -= len(data)
        yield data
