"""Listing queries whose cost does not grow with the number of items shown.

Every function here runs a fixed number of queries (tests/news/test_listings.py
and test_query_counts.py count them): per-section blocks come from one
window-function query instead of one query per section, related articles from one
query. Card renditions are left to the page, which fetches those of all its lists
in one query (``models.prefetch_cards``); ``paginate`` fetches its own.
"""

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.expressions import Window
from django.db.models.functions import Coalesce, RowNumber, Substr
from wagtail import hooks
from wagtail.models import Page

from vnportal.core.pagination import page_of


def section_blocks(sections, articles, per_section):
    """Newest ``per_section`` articles under each section (sub-sections included), in one query."""
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
    for article in ranked:
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

    return page_of(request, with_card_images(queryset), per_page)


def related_articles(article, tags, limit):
    """Tin liên quan: the editor's choices first, then the same section, then shared tags.

    Same-section articles come before others; within each group, more shared tags
    first, then newest. One query, however long the lists (card renditions are
    the caller's).
    """
    from .models import ArticleTag, RelatedArticle, live_articles

    tag_ids = [tag.pk for tag in tags]
    section_path = article.path[: -Page.steplen]
    # The editor's position for an article chosen by hand; NULL for the others.
    chosen = (
        RelatedArticle.objects.filter(page=article.pk, article=OuterRef("pk"))
        .order_by("sort_order")
        .values("sort_order")[:1]
    )
    shared = (
        ArticleTag.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
        .order_by()
        .values("content_object")
        .annotate(n=Count("pk"))
        .values("n")
    )
    candidates = (
        live_articles()
        .exclude(pk=article.pk)
        .annotate(
            chosen=Subquery(chosen, output_field=IntegerField()),
            same_section=Case(
                When(path__startswith=section_path, then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
            shared_tags=Coalesce(Subquery(shared, output_field=IntegerField()), Value(0)),
        )
        .filter(Q(chosen__isnull=False) | Q(path__startswith=section_path) | Q(shared_tags__gt=0))
        .order_by(F("chosen").asc(nulls_last=True), "-same_section", "-shared_tags", "-display_date", "-pk")
    )
    return list(candidates[:limit])


def _under_any(pages):
    condition = Q()
    for page in pages:
        condition |= Q(path__startswith=page.path)
    return condition
