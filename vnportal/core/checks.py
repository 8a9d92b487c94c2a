"""System checks: settings that only make sense together, and stored data that breaks a rule."""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError

from . import pdf
from .imageprivacy import images_in_restricted_collections


@checks.register(checks.Tags.caches)
def page_cache_outlives_beacon(app_configs, **kwargs):
    """A page kept longer than its beacon token is accepted would stop being counted."""
    seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
    if seconds:  # a copy may also be served stale for this long after (pagecache.py)
        seconds += getattr(settings, "PAGE_CACHE_STALE_SECONDS", 0)
    beacon = getattr(settings, "STATS_BEACON_MAX_AGE", 6 * 3600)
    if seconds and seconds >= beacon:
        return [
            checks.Error(
                f"PAGE_CACHE_SECONDS + PAGE_CACHE_STALE_SECONDS ({seconds}) must be shorter than "
                f"STATS_BEACON_MAX_AGE ({beacon}): "
                "pages kept longer would carry expired statistics tokens.",
                id="vnportal.E001",
            )
        ]
    return []


@checks.register(checks.Tags.database)
def no_images_in_restricted_collections(app_configs, databases=None, **kwargs):
    """Images are public files whatever their collection's privacy (core/imageprivacy.py); one
    put in a restricted collection before the admin refused it looks confidential and is not.
    A database check: it runs with ``migrate`` (hence ``vnportal run``) and ``check --database``."""
    if not databases:
        return []
    try:
        images = list(images_in_restricted_collections().select_related("collection").order_by("pk")[:11])
    except DatabaseError:  # not migrated yet
        return []
    if not images:
        return []
    listed = ", ".join(f"#{image.pk} “{image.title}” ({image.collection.name})" for image in images[:10])
    more = " …" if len(images) > 10 else ""
    return [
        checks.Warning(
            f"Images in collections with view restrictions are still public at /media/: {listed}{more}.",
            hint="Move them to a collection without restrictions (the admin's image list: select them, "
            "'Add to collection'), or delete them if they must not be public.",
            id="vnportal.W001",
        )
    ]


@checks.register()
def pdf_libraries(app_configs, **kwargs):
    """Lưu bài needs Debian's Pango: say which packages, at start-up, rather than only in a 503 page."""
    if pdf.available():
        return []
    return [
        checks.Warning(
            "Saving articles as PDF (Lưu bài) is off: WeasyPrint cannot load Pango.",
            hint="apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core",
            id="vnportal.W010",
        )
    ]
