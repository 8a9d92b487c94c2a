"""Thư viện ảnh and video: albums of captioned photos, and videos with captions or a transcript."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.images import get_image_model_string
from wagtail.models import Orderable
from wagtail.search import index

from vnportal.core import renditions
from vnportal.core.pages import BasePage
from vnportal.core.pagination import page_of
from vnportal.core.text import collapse_spaces, nfc, strip_control

from .validators import validate_captions, validate_embed_url, validate_video

# Uploaded videos and their captions: served at /media/ (with byte ranges, core/media.py; nginx
# in production), like images, so a reader's player can seek without loading the whole file.
VIDEO_FOLDER = "video/"

THUMB = ("album_thumb",)
LARGE = ("album_large",)


def _local_today():
    return timezone.localdate()


class IndexPage(BasePage):
    """What the two listings share: an introduction and a page size; one per site, under the home page."""

    intro = models.TextField(_("introduction"), blank=True)
    page_size = models.PositiveSmallIntegerField(_("items per page"), default=12)

    show_in_menus_default = True
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("page_size"),
        FieldPanel("show_in_menus"),
    ]
    creators_need_edit_permission = True  # the site's structure, not a reporter's
    max_count = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["page_obj"] = page_of(request, self.items(), self.page_size)
        self.prefetch(list(context["page_obj"].object_list))
        return context


class AlbumIndexPage(IndexPage):
    """Thư viện ảnh: the albums, newest first."""

    subpage_types = ["gallery.AlbumPage"]
    template = "gallery/album_index_page.html"

    class Meta:
        verbose_name = _("photo library")
        verbose_name_plural = _("photo library")

    def items(self):
        return AlbumPage.objects.child_of(self).live().public().order_by("-display_date", "-pk")

    def prefetch(self, albums):
        # One query for every album's photos, one for all their thumbnails: a fixed count per page.
        prefetch_related_objects(albums, Prefetch("photos", queryset=AlbumPhoto.objects.select_related("image")))
        renditions.prefetch([(album.cover.image, THUMB) for album in albums if album.cover])


class AlbumPage(BasePage):
    """Album ảnh: ordered photos, each with its alt text, caption and credit."""

    display_date = models.DateField(_("date"), default=_local_today, db_index=True)
    intro = models.TextField(_("introduction"), blank=True)
    credit = models.CharField(
        _("photographer / source"),
        max_length=255,
        blank=True,
        help_text=_("Printed under each photo that has no credit of its own."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("display_date"),
        FieldPanel("intro"),
        FieldPanel("credit"),
        InlinePanel("photos", label=_("Photos"), min_num=1),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("photo_text"),
        index.FilterField("display_date"),
    ]

    parent_page_types = ["gallery.AlbumIndexPage"]
    subpage_types = []
    template = "gallery/album_page.html"

    class Meta:
        verbose_name = _("photo album")
        verbose_name_plural = _("photo albums")

    def clean(self):
        self.intro = strip_control(nfc(self.intro)).strip()
        self.credit = collapse_spaces(self.credit)
        super().clean()

    @property
    def cover(self):
        photos = list(self.photos.all())
        return photos[0] if photos else None

    def photo_text(self):
        return " ".join(f"{photo.caption} {photo.alt_text}" for photo in self.photos.all())

    def get_context(self, request, *args, **kwargs):
        # Two queries whatever the number of photos: the photos with their images, and every
        # rendition the page shows (thumbnails, large views, the first photo as og:image;
        # tests/gallery/test_pages.py counts).
        context = super().get_context(request, *args, **kwargs)
        photos = list(self.photos.select_related("image"))
        uses = [(photo.image, THUMB + LARGE) for photo in photos]
        if photos:
            uses.append((photos[0].image, ("social",)))
        renditions.prefetch(uses)
        context["photos"] = photos
        return context


class AlbumPhoto(Orderable):
    page = ParentalKey(AlbumPage, verbose_name=_("photo album"), on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        get_image_model_string(), verbose_name=_("image"), on_delete=models.PROTECT, related_name="+"
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_("What the photo shows, for readers who cannot see it (read aloud by screen readers)."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(_("credit"), max_length=255, blank=True, help_text=_("Photographer or source."))

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption"), FieldPanel("credit")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def clean(self):
        self.alt_text = collapse_spaces(self.alt_text)
        self.caption = collapse_spaces(self.caption)
        self.credit = collapse_spaces(self.credit)
        if not self.alt_text:
            raise ValidationError({"alt_text": gettext("Describe what the photo shows.")})

    def shown_credit(self):
        return self.credit or self.page.credit


class VideoIndexPage(IndexPage):
    """Video: the videos, newest first."""

    subpage_types = ["gallery.VideoPage"]
    template = "gallery/video_index_page.html"

    class Meta:
        verbose_name = _("video library")
        verbose_name_plural = _("video library")

    def items(self):
        return (
            VideoPage.objects.child_of(self).live().public().select_related("poster").order_by("-display_date", "-pk")
        )

    def prefetch(self, videos):
        renditions.prefetch([(video.poster, ("card",)) for video in videos if video.poster])


class VideoPage(BasePage):
    """A video: an uploaded file or a player's embed, with captions (WebVTT) or a transcript."""

    display_date = models.DateField(_("date"), default=_local_today, db_index=True)
    intro = models.TextField(_("description"), blank=True)
    video_file = models.FileField(
        _("video file"),
        upload_to=VIDEO_FOLDER + "%Y/%m/",
        validators=[validate_video],
        max_length=255,
        blank=True,
        help_text=_("MP4 or WebM. Leave empty to use an embed address instead."),
    )
    embed_url = models.URLField(
        _("embed address"),
        max_length=500,
        blank=True,
        validators=[validate_embed_url],
        help_text=_("E.g. https://www.youtube-nocookie.com/embed/…; leave empty when you upload a file."),
    )
    poster = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("poster image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown before the video plays and in listings."),
    )
    captions = models.FileField(
        _("captions (WebVTT)"),
        upload_to=VIDEO_FOLDER + "phu-de/",
        validators=[validate_captions],
        max_length=255,
        blank=True,
        help_text=_("Vietnamese subtitles in WebVTT format, for an uploaded video."),
    )
    transcript = models.TextField(_("transcript"), blank=True, help_text=_("What is said in the video, in full."))

    content_panels = BasePage.content_panels + [
        FieldPanel("display_date"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("video_file"), FieldPanel("embed_url"), FieldPanel("poster")], heading=_("The video")
        ),
        MultiFieldPanel(
            [FieldPanel("captions"), FieldPanel("transcript")],
            heading=_("Captions or transcript"),
            help_text=_("At least one of them: readers who cannot hear the video need it."),
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("transcript"),
        index.FilterField("display_date"),
    ]

    parent_page_types = ["gallery.VideoIndexPage"]
    subpage_types = []
    template = "gallery/video_page.html"
    route_select_related = ("poster",)

    class Meta:
        verbose_name = _("video clip")
        verbose_name_plural = _("video clips")

    def clean(self):
        self.intro = strip_control(nfc(self.intro)).strip()
        self.transcript = strip_control(nfc(self.transcript)).strip()
        self.embed_url = self.embed_url.strip()
        super().clean()
        errors = {}
        if bool(self.video_file) == bool(self.embed_url):
            errors["video_file"] = gettext("Upload a video file or give an embed address (one of the two).")
        if not self.captions and not self.transcript:
            errors["transcript"] = gettext("Add captions (a WebVTT file) or a transcript.")
        elif self.embed_url and not self.transcript:
            # Our captions file cannot be put into another site's player.
            errors["transcript"] = gettext("An embedded video needs a transcript.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.poster:
            renditions.prefetch(renditions.page_images(self))
        return context


def album_page_images(page):
    """For core.renditions: the sizes an album's photos are shown in, made when it is published."""
    if isinstance(page, AlbumPage):
        # One entry per image (the first photo is also the og:image): core.renditions prefetches
        # an image's renditions once, for the sizes of its first entry.
        photos = list(page.photos.select_related("image"))
        return [
            (photo.image, THUMB + LARGE + (("social",) if index == 0 else ())) for index, photo in enumerate(photos)
        ]
    return []
