"""Keep the search index in step with publishing: publish, unpublish, move, delete."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import indexer


@receiver(page_published)
def on_published(sender, instance, **kwargs):
    indexer.index_page(instance)


@receiver(page_unpublished)
def on_unpublished(sender, instance, **kwargs):
    indexer.remove_page(instance)


@receiver(post_page_move)
def on_moved(sender, instance, **kwargs):
    # Paths and URLs of the page and everything below it changed.
    indexer.index_page_and_descendants(instance)


@receiver(post_delete)
def on_deleted(sender, instance, **kwargs):
    # Deleting a page deletes its descendants through the tree: each sends post_delete.
    if isinstance(instance, Page):
        indexer.remove_page(instance)


def _restriction_changed(sender, instance, **kwargs):
    # A password or members-only restriction hides the page and its subtree from results.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        indexer.index_page_and_descendants(page)


def _connect_restrictions():
    from django.db.models.signals import post_save
    from wagtail.models import PageViewRestriction

    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted")


_connect_restrictions()
