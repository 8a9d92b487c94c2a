"""System checks for settings that only make sense together."""

from django.conf import settings
from django.core import checks

from . import pdf


@checks.register(checks.Tags.caches)
def page_cache_outlives_beacon(app_configs, **kwargs):
    """A page kept longer than its beacon token is accepted would stop being counted."""
    seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
    beacon = getattr(settings, "STATS_BEACON_MAX_AGE", 6 * 3600)
    if seconds and seconds >= beacon:
        return [
            checks.Error(
                f"PAGE_CACHE_SECONDS ({seconds}) must be shorter than STATS_BEACON_MAX_AGE ({beacon}): "
                "pages kept longer would carry expired statistics tokens.",
                id="vnportal.E001",
            )
        ]
    return []


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
