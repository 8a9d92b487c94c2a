from django.db.models import Min
from wagtail import hooks

from vnportal.core import renditions

from .demo import build
from .models import AlbumPage, AlbumPhoto, VideoPage


@hooks.register("vnportal_demo_content", order=40)
def demo_gallery(stdout):
    build(stdout)


@hooks.register("vnportal_search_result_images")
def search_result_images(entries):
    """An album's first photo and a video's poster next to search results: three queries at most."""
    ids = [entry.object_id for entry in entries if entry.kind == "page"]
    if not ids:
        return {}
    found = {}
    for video in VideoPage.objects.live().filter(pk__in=ids).exclude(poster=None).select_related("poster"):
        found[("page", video.pk)] = video.poster
    firsts = (
        AlbumPhoto.objects.filter(page__in=AlbumPage.objects.live().filter(pk__in=ids))
        .values("page_id")
        .annotate(first=Min("sort_order"))
    )
    wanted = {(row["page_id"], row["first"]) for row in firsts}
    if wanted:
        photos = AlbumPhoto.objects.filter(page_id__in={page for page, _ in wanted}).select_related("image")
        for photo in photos:
            if (photo.page_id, photo.sort_order) in wanted:
                found[("page", photo.page_id)] = photo.image
    renditions.prefetch([(image, ("card",)) for image in found.values()])
    return found
