"""A unit or a person changed: the pages that show them are purged (here and in nginx).

Narrower than core/registry.PURGE_ON_SAVE (which drops every stored page and leaves nginx's
copies to expire): nginx is told the very pages that list units or leaders, and the page
cache starts a new generation through core.purge.purge_page.
"""

from django.db.models.signals import post_delete, post_save

from vnportal.core import purge

from .models import AboutPage, Person, PersonTranslation, Unit, UnitTranslation


def pages_showing_records():
    return list(AboutPage.objects.live().filter(kind__in=AboutPage.SHOWS_RECORDS))


def _record_changed(sender, raw=False, **kwargs):
    if raw:  # loaddata: no page changes until the data is in
        return
    for page in pages_showing_records():
        purge.purge_page(page)


def connect():
    # i18n: their English words too (the English pages showing them are among these pages).
    for model in (Unit, Person, UnitTranslation, PersonTranslation):
        label = model._meta.label
        post_save.connect(_record_changed, sender=model, dispatch_uid=f"vnportal.agency.purge.save.{label}")
        post_delete.connect(_record_changed, sender=model, dispatch_uid=f"vnportal.agency.purge.delete.{label}")
