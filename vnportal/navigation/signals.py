"""The cached menu and snapshot (menu.py, shown.py) live in core's structure cache: whatever
they are made of starts a new generation when it changes. Pages of the tree already do (core
invalidation); articles named in the menu are pages outside the tree, so any published or
unpublished page named by a menu does too."""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.images import get_image_model
from wagtail.signals import page_published, page_unpublished

from vnportal.core import structure

from .models import Banner, Link, LinkGroup, MaintenanceNotice, MenuSettings

UID = "vnportal.navigation.signals"


def changed(sender, instance=None, created=False, raw=False, **kwargs):
    # A menu setting is created empty by the first page that reads it: nothing to forget.
    if raw or (created and sender is MenuSettings):
        return
    structure.bump()


def _page_ids(raw_items):
    for item in raw_items or []:
        value = item.get("value") or {}
        yield value.get("page")
        for child in value.get("children") or []:
            # A ListBlock child is stored as {"type": "item", "value": …, "id": …}.
            yield (child.get("value") if isinstance(child, dict) and "value" in child else child or {}).get("page")


def page_changed(sender, instance, **kwargs):
    # A menu names a page it holds; one row per site, read only when a page is published.
    for menu_settings in MenuSettings.objects.all():
        if instance.pk in set(_page_ids(menu_settings.main_menu.raw_data)):
            structure.bump()
            return


def image_changed(sender, instance, raw=False, **kwargs):
    if not raw and Banner.objects.filter(image_id=instance.pk).exists():
        structure.bump()


def connect():
    for model in (MenuSettings, LinkGroup, Link, Banner, MaintenanceNotice):
        label = model.__name__
        post_save.connect(changed, sender=model, dispatch_uid=f"{UID}.{label}.saved")
        post_delete.connect(changed, sender=model, dispatch_uid=f"{UID}.{label}.deleted")
    page_published.connect(page_changed, dispatch_uid=f"{UID}.page_published")
    page_unpublished.connect(page_changed, dispatch_uid=f"{UID}.page_unpublished")
    image = get_image_model()
    post_save.connect(image_changed, sender=image, dispatch_uid=f"{UID}.image_saved")
    pre_delete.connect(image_changed, sender=image, dispatch_uid=f"{UID}.image_deleted")
