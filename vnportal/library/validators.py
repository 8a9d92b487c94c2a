"""Attached files: the type is read from the content (magic bytes), not trusted from the name."""

import io
import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx", "odt")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Word / Excel (Compound File)
_ZIP = b"PK\x03\x04"


def max_upload_bytes():
    return settings.LIBRARY_MAX_UPLOAD_MB * 1024 * 1024


def sniff(head, opener):
    """The real type of a file from its first bytes: 'pdf', 'ole2', 'docx', 'xlsx', 'odt' or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_OLE2):
        return "ole2"
    if head.startswith(_ZIP):
        try:
            with zipfile.ZipFile(opener()) as archive:
                names = set(archive.namelist())
                if (
                    "mimetype" in names
                    and archive.read("mimetype").strip() == b"application/vnd.oasis.opendocument.text"
                ):
                    return "odt"
                if "[Content_Types].xml" in names:
                    if any(name.startswith("word/") for name in names):
                        return "docx"
                    if any(name.startswith("xl/") for name in names):
                        return "xlsx"
        except (zipfile.BadZipFile, OSError, KeyError):
            return None
    return None


# Which real types each extension may carry (an OLE2 file may be .doc or .xls).
_ACCEPTS = {"pdf": {"pdf"}, "doc": {"ole2"}, "xls": {"ole2"}, "docx": {"docx"}, "xlsx": {"xlsx"}, "odt": {"odt"}}


def validate_attachment(file):
    name = getattr(file, "name", "") or ""
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Only these file types may be attached: %(types)s.") % {"types": ", ".join(ALLOWED_EXTENSIONS).upper()},
            code="extension",
        )
    size = getattr(file, "size", None)
    if size is not None and size > max_upload_bytes():
        raise ValidationError(
            _("The file is too large (%(size).1f MB); the limit is %(limit)d MB.")
            % {"size": size / 1024 / 1024, "limit": settings.LIBRARY_MAX_UPLOAD_MB},
            code="size",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        data = file.read(max_upload_bytes() + 1)
    finally:
        file.seek(position)
    if size is None and len(data) > max_upload_bytes():
        raise ValidationError(
            _("The file is too large; the limit is %(limit)d MB.") % {"limit": settings.LIBRARY_MAX_UPLOAD_MB},
            code="size",
        )
    real = sniff(data[:8], lambda: io.BytesIO(data))
    if real not in _ACCEPTS[extension]:
        raise ValidationError(
            _("The content of “%(name)s” is not a real %(type)s file; please attach the original document.")
            % {"name": os.path.basename(name), "type": extension.upper()},
            code="content",
        )
