"""Listing queries whose cost does not grow with the number of items shown.

Every function here runs a fixed number of queries (tests/news/test_listings.py
and test_query_counts.py count them): per-section blocks come from one
window-function query instead of one query per section, related articles from one
query. Card renditions are left to the page, which fetches those of all its lists
in one query (``prefetch_cards``); ``paginate`` fetches its own.

The functions take the articles to choose from (``models.live_articles()``) and
never import the models: the models, the feeds and the views import this module,
not the other way round.
"""

from django.db.models import Case, Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.expressions import Window
from django.db.models.functions import Coalesce, RowNumber, Substr
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Page

from vnportal.core import renditions
from vnportal.core.pagination import page_of


def with_card_images(queryset):
    """The listing with its cards' renditions, in one more query."""
    renditions_qs = get_image_model().get_rendition_model().objects.filter(filter_spec=renditions.SPECS["card"])
    return queryset.prefetch_related(Prefetch("hero_image__renditions", queryset=renditions_qs))


def prefetch_cards(articles, *more):
    """Card renditions of several lists of articles, in one query; ``more``: extra (image, names)."""
    uses = [(article.hero_image, ("card",)) for article in articles if article.hero_image_id]
    renditions.prefetch(uses + list(more))


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
    return page_of(request, with_card_images(queryset), per_page)


def related_articles(articles, article, tags, limit):
    """Tin liên quan: the editor's choices first, then the same section, then shared tags.

    Chosen from ``articles``. Same-section articles come before others; within each
    group, more shared tags first, then newest. One query, however long the lists
    (card renditions are the caller's).
    """
    # The through models, from the article's own relations (this module does not import the models).
    meta = type(article)._meta
    RelatedArticle = meta.get_field("related_links").related_model
    ArticleTag = meta.get_field("tagged_items").related_model
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
        articles.exclude(pk=article.pk)
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
