"""Listing queries whose cost grows neither with the number of items shown nor with the
number of articles on the site.

Every function here runs a fixed number of queries (tests/news/test_listings.py
and test_query_counts.py count them), and each query walks an index and stops: a
portal holds ~100,000 articles after ten years, and a query that ranks or counts all
of them (a window over every article, a path LIKE joined to a sort) costs hundreds of
milliseconds on every cold page (issue 14; EXPLAIN output in docs/performance.md).
The shape used throughout: "the newest N under this path" is a subquery ordered by
``display_date`` (indexed) with a LIMIT, so the database walks that index newest first
and stops after N matches; several such subqueries are joined with ``pk IN (…) OR pk IN
(…)`` into one query (SQLite refuses LIMIT inside UNION). Per-section blocks and related
articles come from one query each. Card renditions are left to the page, which fetches those of all its lists
in one query (``prefetch_cards``); ``paginate`` fetches its own.

The functions take the articles to choose from (``models.live_articles()``) and
never import the models: the models, the feeds and the views import this module,
not the other way round.
"""

import functools

from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from vnportal.core import fragments, renditions
from vnportal.core.pagination import PAGE_PARAM, page_of


def with_card_images(queryset):
    """The listing with its cards' renditions, in one more query."""
    renditions_qs = get_image_model().get_rendition_model().objects.filter(filter_spec=renditions.SPECS["card"])
    return queryset.prefetch_related(Prefetch("hero_image__renditions", queryset=renditions_qs))


def prefetch_cards(articles, *more):
    """Card renditions of several lists of articles, in one query; ``more``: extra (image, names)."""
    uses = [(article.hero_image, ("card",)) for article in articles if article.hero_image_id]
    renditions.prefetch(uses + list(more))


NEWEST = ("-display_date", "-pk")


def newest_ids(articles, limit):
    """A subquery: the ids of the ``limit`` newest of ``articles`` (an index walk that stops)."""
    return articles.order_by(*NEWEST).values("pk")[:limit]


# Below this many child pages a section is read through the page tree's path index (every
# article under it, then sorted: few); above it, by walking the date index newest first and
# stopping after a page (a big section has a page of articles among the newest few hundred).
# Walking the dates for a section with only a handful of articles would read all of them.
SMALL_SECTION = 300


def under(articles, page):
    """``articles`` below ``page``, in the form the database can answer without reading every
    article: a path range (the path index) for a small section, the same range as a LIKE the
    planner will not use for a big one (so it walks the date index instead)."""
    if getattr(page, "numchild", SMALL_SECTION) < SMALL_SECTION:
        return in_path_range(articles, page)
    return articles.filter(path__startswith=page.path).exclude(pk=page.pk)


def in_path_range(articles, page):
    """``articles`` below ``page`` as a range of the path index (SQLite uses no index for LIKE):
    what to count them by, since a count reads every one anyway."""
    return articles.filter(path__gt=page.path, path__lt=page.path + "~")  # treebeard paths: 0-9A-Z


def section_blocks(sections, articles, per_section):
    """Newest ``per_section`` articles under each section (sub-sections included), in one query:
    one LIMITed index walk per section, not a window over every article."""
    if not sections or per_section <= 0:
        return []
    wanted = Q()
    for section in sections:
        wanted |= Q(pk__in=newest_ids(under(articles, section), per_section))
    by_section = {}
    for article in articles.filter(wanted).order_by(*NEWEST):
        for section in sections:
            if article.path.startswith(section.path):
                by_section.setdefault(section.path, []).append(article)
                break
    blocks = []
    for section in sections:
        items = by_section.get(section.path, [])[:per_section]
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


class _CountedPaginator(Paginator):
    """A paginator whose count comes from elsewhere (the fragment cache)."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self):
        return self._count()


def paginate(request, queryset, per_page, count_name=None, count_of=None):
    """A page of cards (``?trang=N``): one count query, one page query, one rendition query.

    Counting a section's or a tag's articles reads all of them (thousands, growing every
    year); with ``count_name`` (what is counted: "section:<pk>") the count is kept in the
    fragment cache until the next publish, so a cold page costs only its page query.
    ``count_of``: the same articles in a form cheaper to count (``in_path_range``)."""
    queryset = with_card_images(queryset)
    if count_name is None:
        return page_of(request, queryset, per_page)
    counted = (count_of if count_of is not None else queryset).order_by()
    count = functools.partial(fragments.cached, request, f"count:{count_name}", counted.count)
    return _CountedPaginator(queryset, per_page, count).get_page(request.GET.get(PAGE_PARAM))


# Related articles are ranked among this many of the newest candidates of each kind (same
# section, a shared tag): enough to fill two rows, and the query's cost stays fixed.
RELATED_WINDOW = 30


def related_articles(articles, article, tags, limit):
    """Tin liên quan: the editor's choices first, then the same section, then shared tags.

    Chosen from ``articles``. Same-section articles come before others; within each
    group, more shared tags first, then newest — among the newest ``RELATED_WINDOW`` of
    the section and of the articles sharing a tag (so the query walks the date index
    and stops, however many articles the site holds). One query, however long the lists
    (card renditions are the caller's).
    """
    # The through models, from the article's own relations (this module does not import the models).
    meta = type(article)._meta
    RelatedArticle = meta.get_field("related_links").related_model
    ArticleTag = meta.get_field("tagged_items").related_model
    tag_ids = [tag.pk for tag in tags]
    section_path = article.path[: -Page.steplen]
    others = articles.exclude(pk=article.pk)
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
    wanted = Q(pk__in=RelatedArticle.objects.filter(page=article.pk).values("article")[:limit])
    wanted |= Q(pk__in=newest_ids(others.filter(path__startswith=section_path), RELATED_WINDOW))
    if tag_ids:
        tagged = others.filter(Exists(ArticleTag.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)))
        wanted |= Q(pk__in=newest_ids(tagged, RELATED_WINDOW))
    candidates = (
        others.filter(wanted)
        .annotate(
            chosen=Subquery(chosen, output_field=IntegerField()),
            same_section=Case(
                When(path__startswith=section_path, then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
            shared_tags=Coalesce(Subquery(shared, output_field=IntegerField()), Value(0)),
        )
        .order_by(F("chosen").asc(nulls_last=True), "-same_section", "-shared_tags", "-display_date", "-pk")
    )
    return list(candidates[:limit])


def label_sources(articles, own_portal_path):
    """Mark each shared article of a "Tin cơ sở" listing with the name of the portal it comes
    from (``article.source_portal``), so a reader sees whose news it is before following the
    link to another host. One query for the sites, whatever the number of articles."""
    sites = [
        (site.root_page.path, site.site_name or site.root_page.title)
        for site in Site.objects.select_related("root_page").exclude(root_page__path=own_portal_path)
    ]
    for article in articles:
        for root_path, name in sites:
            if article.path.startswith(root_path):
                article.source_portal = name
                break
