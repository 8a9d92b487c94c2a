from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from vnportal.core import registry


class GalleryConfig(AppConfig):
    name = "vnportal.gallery"
    label = "gallery"
    verbose_name = _("Photos and videos")

    def ready(self):
        # Imported here, not at the top: Django loads models only after every AppConfig exists.
        from vnportal.core import renditions

        from .models import album_page_images

        # The two libraries sit under the home page (/thu-vien-anh/, /video/), next to the sections.
        registry.HOME_SUBPAGES.register("gallery.AlbumIndexPage", "gallery.VideoIndexPage")
        # The sizes the album templates use, made ahead when an album is published (core.renditions).
        renditions.register_sizes(
            album_thumb="fill-400x300|format-webp",  # the album grid, and the listing's cover
            album_large="max-1200x900|format-webp",  # the enlarged view
        )
        renditions.register_page_images(album_page_images)
