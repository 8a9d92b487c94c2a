"""Uploaded videos and captions: the type is read from the content, not trusted from the name."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

VIDEO_EXTENSIONS = ("mp4", "webm", "ogv")
MAX_CAPTION_BYTES = 1024 * 1024  # a WebVTT file of a long speech is a few tens of KB


def _head(upload, size=64):
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def sniff_video(head):
    """'mp4', 'webm', 'ogv' or None, from a file's first bytes."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):  # EBML: WebM (Matroska)
        return "webm"
    if head.startswith(b"OggS"):
        return "ogv"
    return None


def validate_video(upload):
    if upload.size > settings.GALLERY_MAX_VIDEO_MB * 1024 * 1024:
        raise ValidationError(
            _("The video is larger than %(size)s MB; shorten it or share it as an embed.")
            % {"size": settings.GALLERY_MAX_VIDEO_MB}
        )
    kind = sniff_video(_head(upload))
    name = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if kind is None or name not in VIDEO_EXTENSIONS:
        raise ValidationError(_("Upload an MP4, WebM or OGV video."))


def validate_captions(upload):
    if upload.size > MAX_CAPTION_BYTES:
        raise ValidationError(_("The captions file is too large."))
    head = _head(upload, 16).removeprefix(b"\xef\xbb\xbf")
    if not head.startswith(b"WEBVTT"):
        raise ValidationError(_("Captions must be a WebVTT file (its first line is WEBVTT)."))


def validate_embed_url(url):
    """An embed is shown in a frame, so only from the players the Content-Security-Policy allows."""
    if not any(url.startswith(source.rstrip("/") + "/") for source in settings.VIDEO_FRAME_SOURCES):
        raise ValidationError(
            _("Paste the player's embed address from one of: %(sources)s.")
            % {"sources": ", ".join(settings.VIDEO_FRAME_SOURCES)}
        )
