"""Listing queries whose cost does not grow with the number of items shown.

Every function here runs a fixed number of queries (tests/news/test_listings.py
counts them): per-section blocks come from one window-function query instead of
one query per section, card images are prefetched with their rendition.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import (
    Case, Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When, prefetch_related_objects,
)
from django.db.models.functions import Coalesce, RowNumber, Substr
from django.db.models.expressions import Window
from wagtail import hooks
from wagtail.models import Page


def section_blocks(sections, articles, per_section):
    """Newest ``per_section`` articles under each section (sub-sections included), in one query."""
    from .models import with_card_images

    if not sections or per_section <= 0:
        return []
    prefix_len = len(sections[0].path)  # sections are siblings: same depth, same path length
    top_path = Substr("path", 1, prefix_len)
    ranked = (
        articles.filter(_under_any(sections))
        .annotate(
            top_path=top_path,
            rank=Window(RowNumber(), partition_by=[top_path], order_by=[F("display_date").desc(), F("pk").desc()]),
        )
        .filter(rank__lte=per_section)
    )
    by_section = {}
    for article in with_card_images(ranked):
        by_section.setdefault(article.top_path, []).append(article)
    blocks = []
    for section in sections:
        items = sorted(by_section.get(section.path, []), key=lambda a: a.rank)
        if items:
            blocks.append({"section": section, "articles": items})
    return blocks


def most_read(request, home):
    """The home page's "most read" slot.

    Empty until an app (statistics) registers ``vnportal_most_read``: a function
    ``(request, home) -> list of ArticlePage`` that must itself run a fixed number
    of queries. The first non-empty answer wins.
    """
    for fn in hooks.get_hooks("vnportal_most_read"):
        items = fn(request, home)
        if items:
            return list(items)
    return []


def paginate(request, queryset, per_page):
    """A page of cards (``?trang=N``): one count query, one page query, one rendition query."""
    from .models import with_card_images

    paginator = Paginator(with_card_images(queryset), per_page)
    try:
        return paginator.page(request.GET.get("trang", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def related_articles(article, tags, limit):
    """Tin liên quan: the editor's choices first, then the same section, then shared tags.

    Same-section articles come before others; within each group, more shared tags
    first, then newest. Two queries plus the image prefetches, however long the lists.
    """
    from .models import ArticleTag, RelatedArticle, live_articles, with_card_images

    live_ids = live_articles().values("pk")
    manual = [
        link.article for link in
        RelatedArticle.objects.filter(page=article, article__in=live_ids)
        .select_related("article", "article__hero_image").order_by("sort_order")[:limit]
    ]
    _prefetch_cards(manual)
    remaining = limit - len(manual)
    if remaining <= 0:
        return manual
    tag_ids = [tag.pk for tag in tags]
    section_path = article.path[: -Page.steplen]
    shared = (
        ArticleTag.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
        .order_by().values("content_object").annotate(n=Count("pk")).values("n")
    )
    candidates = (
        live_articles().exclude(pk=article.pk).exclude(pk__in=[a.pk for a in manual])
        .annotate(
            same_section=Case(When(path__startswith=section_path, then=Value(1)), default=Value(0),
                              output_field=IntegerField()),
            shared_tags=Coalesce(Subquery(shared, output_field=IntegerField()), Value(0)),
        )
        .filter(Q(path__startswith=section_path) | Q(shared_tags__gt=0))
        .order_by("-same_section", "-shared_tags", "-display_date", "-pk")
    )
    return manual + list(with_card_images(candidates)[:remaining])


def _under_any(pages):
    condition = Q()
    for page in pages:
        condition |= Q(path__startswith=page.path)
    return condition


def _prefetch_cards(articles):
    from .models import CARD_IMAGE, _rendition_model

    images = [a.hero_image for a in articles if a.hero_image_id]
    if images:
        prefetch_related_objects(images, Prefetch(
            "renditions", queryset=_rendition_model().objects.filter(filter_spec=CARD_IMAGE)))
