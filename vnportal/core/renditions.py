"""Image sizes (renditions): the one list the templates use, and making them ahead of time.

Templates name a size, ``{% rendition image "card" %}`` (vnportal template tags), and
the same names drive the pre-generation below, so the two cannot drift apart. The
renditions are made after an image is uploaded or replaced and after a page is
published (once the transaction has committed, so the files match what was saved),
and for older images by ``vnportal manage generate_renditions``. A page view then
finds them in one query and resizes nothing; a rendition that is still missing
(a new size, a deleted file) is made on the spot, as Wagtail always does.
"""

import logging

from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.signals import post_delete, post_save
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import AbstractImage, Filter
from wagtail.signals import page_published as published

from .models import SiteSettings

logger = logging.getLogger(__name__)

# name -> Wagtail filter spec
SPECS = {
    "card": "fill-480x300|format-webp",  # listing cards (home, sections, tags, related)
    "hero": "width-1000|format-webp",  # an article's lead image
    "body": "width-1000|format-webp",  # images inside an article's body
    "social": "fill-1200x630|format-jpeg",  # og:image, for links shared on Facebook / Zalo
    "print": "width-800",  # the printer-friendly view
    "emblem": "height-96",  # the agency emblem in the header
    "portrait": "fill-240x300-c75|format-webp",  # a leader's photo (agency: the leadership page)
}
# What an image is shown as, by the place it is chosen in.
LEAD = ("card", "hero", "social", "print")
BODY = ("body",)
EMBLEM = ("emblem",)
# An image just uploaded may become a lead image or a body image.
UPLOADED = LEAD + BODY


# Images a page shows outside its own image fields and StreamFields (an album's inline
# images …): functions ``(page) -> [(image, names)]`` registered by the app that owns the
# page type with ``register_page_images``; core never imports it.
_page_image_finders = []


def register_sizes(**sizes):
    """Add named sizes (``name="Wagtail filter spec"``) for an app's templates, from its ``ready()``."""
    for name, spec in sizes.items():
        if SPECS.get(name, spec) != spec:
            raise ValueError(f"rendition size {name!r} is already {SPECS[name]!r}")
        SPECS[name] = spec


def register_page_images(finder):
    if finder not in _page_image_finders:
        _page_image_finders.append(finder)
    return finder


def specs(names):
    return list(dict.fromkeys(SPECS[name] for name in names))


# --- What a page shows --------------------------------------------------------------------


def page_images(page):
    """``[(image, names)]`` for each image ``page`` shows.

    Image fields are lead images; images in StreamField blocks (at any depth) are
    body images; what the registered finders add (``register_page_images``). Reading a
    body loads all its images in one query.
    """
    uses = []
    for field in page._meta.concrete_fields:
        if field.is_relation and field.related_model and issubclass(field.related_model, AbstractImage):
            image = getattr(page, field.name)
            if image is not None:
                uses.append((image, LEAD))
        elif isinstance(field, StreamField):
            for image in _stream_images(field.stream_block, getattr(page, field.name)):
                uses.append((image, BODY))
    for finder in _page_image_finders:
        uses.extend(finder(page))
    return uses


def _stream_images(block, value):
    if value is None:
        return
    if isinstance(block, ImageChooserBlock):
        yield value
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _stream_images(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _stream_images(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _stream_images(block.child_block, item)


def prefetch(uses):
    """Attach the renditions of every ``(image, names)`` in one query.

    An image that already carries prefetched renditions is left as it is.
    """
    images = [image for image, _ in uses if image is not None]
    if not images:
        return
    wanted = sorted({spec for _, names in uses for spec in specs(names)})
    rendition_model = get_image_model().get_rendition_model()
    prefetch_related_objects(
        images, Prefetch("renditions", queryset=rendition_model.objects.filter(filter_spec__in=wanted))
    )


# --- Making them ahead of time ---------------------------------------------------------------


def ensure(image, names):
    """Make the renditions of ``names`` that ``image`` lacks: returns (made, already there)."""
    # Asked of the database, not of Wagtail's rendition cache: a cache entry is no
    # proof that the rendition (still) exists.
    prefetch([(image, names)])
    filters = [Filter(spec=spec) for spec in specs(names)]
    found = image.find_existing_renditions(*filters)
    missing = [f for f in filters if f not in found]
    if missing:
        image.get_renditions(*missing)
    return len(missing), len(found)


def image_names(image_id):
    """Every size an image may be shown in: as content, and as the emblem if it is one."""
    if SiteSettings.objects.filter(emblem_id=image_id).exists():
        return UPLOADED + EMBLEM
    return UPLOADED


def generate_for_image(image_id):
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:  # deleted in the same transaction
        return
    _safely(image, image_names(image_id))


def generate_for_page(page_id):
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    page = page.specific
    for image, names in page_images(page):
        _safely(image, names)


def _safely(image, names):
    try:
        ensure(image, names)
    except Exception:  # a missing or unreadable file must not undo a publish or an upload
        logger.warning("Could not make renditions of image %s", image.pk, exc_info=True)


# --- When ----------------------------------------------------------------------------------------


def page_published(sender, instance, **kwargs):
    transaction.on_commit(lambda: generate_for_page(instance.pk), robust=True)


def image_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        transaction.on_commit(lambda: generate_for_image(instance.pk), robust=True)


def rendition_deleted(sender, instance, **kwargs):
    # Wagtail deletes every rendition when an image's file is replaced, after saving
    # the image: make them again from the new file. (When the image itself is
    # deleted, generate_for_image finds nothing and stops.)
    image_id = instance.image_id
    transaction.on_commit(lambda: generate_for_image(image_id), robust=True)


def settings_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.emblem_id:
        image_id = instance.emblem_id
        transaction.on_commit(lambda: generate_for_image(image_id), robust=True)


def connect():
    uid = "vnportal.core.renditions"
    image = get_image_model()
    published.connect(page_published, dispatch_uid=f"{uid}.page_published")
    post_save.connect(image_saved, sender=image, dispatch_uid=f"{uid}.image_saved")
    post_delete.connect(rendition_deleted, sender=image.get_rendition_model(), dispatch_uid=f"{uid}.rendition_deleted")
    post_save.connect(settings_saved, sender=SiteSettings, dispatch_uid=f"{uid}.settings_saved")
