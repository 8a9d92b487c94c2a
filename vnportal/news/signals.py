"""ASCII tag slugs: /the/dai-hoi-dang/ rather than taggit's /the/đại-hội-đảng/."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from taggit.models import Tag

from vnportal.core.text import slugify


@receiver(pre_save, sender=Tag, dispatch_uid="vnportal_news_tag_slug")
def ascii_tag_slug(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is not None:
        return
    base = slugify(instance.name) or "the"
    slug, number = base, 1
    # Two names may fold alike ("Tỉnh ủy" / "Tỉnh uỷ" are different tags): number them.
    while Tag.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    instance.slug = slug
