"""/media/ in the embedded profile: the same files nginx serves in production, no others.

Uploads whose reader must be checked (Wagtail documents: their collection's privacy;
official documents' attachments: publication) are served only by their app's own view
(/documents/…, /van-ban/tep/…). Their folders under MEDIA_ROOT are refused here exactly as
deploy/nginx/vnportal.conf refuses them (``location /media/<folder>/ { return 404; }``);
a test keeps the two lists equal. Apps register their folders with ``refuse_prefix``.
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve as static_serve

# Wagtail documents (upload_to "documents/"), served by wagtail.documents.views.serve; and the
# files Wagtail's multiple uploader keeps aside (UploadedFile, upload_to "wagtail_uploads/")
# until their fields are valid, e.g. an image whose collection was refused
# (core/imageprivacy.py): not an image yet, never public.
_refused = ["documents/", "wagtail_uploads/"]


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


def serve(request, path):
    if is_refused(path):
        raise Http404("served by its app")
    return static_serve(request, path, document_root=settings.MEDIA_ROOT)
