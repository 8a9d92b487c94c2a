"""Images of imported articles, from local paths or URLs.

URLs are fetched with a short timeout; any failure (no network, 404, not an
image) is reported and the article is imported without that image. The same
picture imported twice is stored once (Wagtail's file hash).
"""

import io
import os
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from django.core.files.images import ImageFile
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = 10


class ImageUnavailable(Exception):
    pass


def fetch_url(url):
    """Download ``url`` (http/https only); raises on any failure. Tests replace this."""
    request = urllib.request.Request(url, headers={"User-Agent": "vnportal-import"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (scheme checked by caller)
        data = response.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImageUnavailable(_("larger than 20 MB"))
    return data


class ImageLoader:
    def __init__(self, base_dir, fetcher=None):
        self.base_dir = Path(base_dir)
        self.fetcher = fetcher or fetch_url
        self.cache = {}
        self.failed = {}  # a source that failed once is not tried again (a dead host costs a timeout each time)

    def load(self, source, title):
        """A Wagtail image for ``source``, or raise ImageUnavailable with a reason."""
        source = (source or "").strip()
        if not source:
            raise ImageUnavailable(_("empty image source"))
        if source in self.cache:
            return self.cache[source]
        if source in self.failed:
            raise ImageUnavailable(self.failed[source])
        try:
            data, name = self._read(source)
            try:
                with PILImage.open(io.BytesIO(data)) as probe:
                    probe.verify()
            except Exception as exc:
                raise ImageUnavailable(_("not an image file")) from exc
        except ImageUnavailable as exc:
            self.failed[source] = str(exc)
            raise
        Image = get_image_model()
        digest = hash_filelike(io.BytesIO(data))
        image = Image.objects.filter(file_hash=digest).first()
        if image is None:
            image = Image(title=(title or name)[:255], file=ImageFile(io.BytesIO(data), name=name))
            image._set_image_file_metadata()
            image.save()
        self.cache[source] = image
        return image

    def _read(self, source):
        parsed = urlparse(source)
        if parsed.scheme in ("http", "https"):
            try:
                data = self.fetcher(source)
            except ImageUnavailable:
                raise
            except Exception as exc:
                raise ImageUnavailable(_("cannot download: %(error)s") % {"error": exc}) from exc
            return data, os.path.basename(parsed.path) or "anh.jpg"
        if parsed.scheme not in ("", "file"):
            raise ImageUnavailable(_("unsupported address"))
        path = Path(parsed.path if parsed.scheme == "file" else source)
        if not path.is_absolute():
            path = self.base_dir / path
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ImageUnavailable(_("larger than 20 MB"))
            return path.read_bytes(), path.name
        except OSError as exc:
            raise ImageUnavailable(_("cannot read the file %(path)s") % {"path": path}) from exc
