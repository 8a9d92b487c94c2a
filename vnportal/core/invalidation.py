"""When the structure cache (vnportal.core.structure) must forget: the signals.

Anything the cached entries are made of: the home and section pages (publish,
unpublish, save, delete), any page move, view restrictions, sites, the agency settings and
the image used as its emblem. Articles are not cached there, so saving one costs
the cache nothing.
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import languages, structure
from .models import SiteSettings
from .sitetree import holds_pages

UID = "vnportal.core.invalidation"


def _is_tree_page(page):
    model = page.specific_class or type(page)
    return holds_pages(model) or (page.depth is not None and page.depth <= 2)


def page_changed(sender, instance, **kwargs):
    if isinstance(instance, Page) and not kwargs.get("raw") and (_is_tree_page(instance) or _translated(instance)):
        structure.bump()


def _translated(page):
    # i18n: the table of translations (core/languages.py) is kept with the structure.
    return not languages.is_default_locale(page)


def structure_changed(sender, instance=None, **kwargs):
    if not kwargs.get("raw"):
        structure.bump()


def settings_saved(sender, instance, created=False, **kwargs):
    # Settings are created with their defaults by the first page that reads them
    # (Wagtail's get_or_create), which is then what gets cached: nothing to forget.
    if not created:
        structure_changed(sender, instance, **kwargs)


def image_changed(sender, instance, **kwargs):
    # The cached settings carry their emblem image. pre_delete, not post_delete:
    # after the delete the emblem field has already been emptied.
    if not kwargs.get("raw") and SiteSettings.objects.filter(emblem_id=instance.pk).exists():
        structure.bump()


def connect():
    # Without a sender: a page is saved under its specific class.
    post_save.connect(page_changed, dispatch_uid=f"{UID}.page_saved")
    post_delete.connect(page_changed, dispatch_uid=f"{UID}.page_deleted")
    page_published.connect(page_changed, dispatch_uid=f"{UID}.page_published")
    page_unpublished.connect(page_changed, dispatch_uid=f"{UID}.page_unpublished")
    # Any move: a restricted article that moves takes its restriction's path with it.
    post_page_move.connect(structure_changed, dispatch_uid=f"{UID}.page_moved")
    # Locales: core.languages keeps their ids with the structure.
    for model in (PageViewRestriction, Site, Locale):
        post_save.connect(structure_changed, sender=model, dispatch_uid=f"{UID}.{model.__name__}.saved")
        post_delete.connect(structure_changed, sender=model, dispatch_uid=f"{UID}.{model.__name__}.deleted")
    post_save.connect(settings_saved, sender=SiteSettings, dispatch_uid=f"{UID}.SiteSettings.saved")
    post_delete.connect(structure_changed, sender=SiteSettings, dispatch_uid=f"{UID}.SiteSettings.deleted")
    image = get_image_model()
    post_save.connect(image_changed, sender=image, dispatch_uid=f"{UID}.image_saved")
    pre_delete.connect(image_changed, sender=image, dispatch_uid=f"{UID}.image_deleted")
