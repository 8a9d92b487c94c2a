"""News pages: the home page, sections (chuyên mục) and articles (bài viết)."""

import time

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index

from vnportal.core import fragments, languages, pdf, public, renditions, sitetree
from vnportal.core.pages import BasePage
from vnportal.core.text import collapse_spaces, nfc, strip_control

from . import queries
from .blocks import ArticleBodyBlock
from .feeds import ArticleFeed, AtomArticleFeed, json_feed
from .workflow import SectionApprovalTask  # noqa: F401  (a model: must be imported with the app's models)


def live_articles():
    """Articles a reader may see, newest first, with what a listing card needs."""
    # Without the body: no listing shows it, and decoding it costs more than the rest of a card.
    return (
        ArticlePage.objects.live().public().select_related("hero_image").defer("body").order_by("-display_date", "-pk")
    )


def tree_children(request, page, **filters):
    """Live, public child sections of ``page`` from the cached site tree (a query without it)."""
    tree = sitetree.tree_for_request(request)
    if tree is not None and tree.contains(page):
        return tree.children(page, **filters)
    queryset = SectionPage.objects.child_of(page).live().public()
    return list(queryset.filter(show_in_menus=True) if filters.get("in_menu") else queryset)


def breadcrumbs(request, page):
    """The sections above ``page`` (below the home page), from the cached site tree when it has them."""
    tree = sitetree.tree_for_request(request)
    crumbs = tree.ancestors(page, min_depth=3) if tree is not None else None
    if crumbs is None:
        crumbs = list(page.get_ancestors().filter(depth__gt=2).specific())
    return crumbs


class HomePage(RoutablePageMixin, BasePage):
    """Trang chủ: featured story, latest news, a most-read slot and the newest items of each section."""

    intro = models.TextField(_("introduction"), blank=True)
    latest_count = models.PositiveSmallIntegerField(_("number of latest items"), default=8)
    per_section_count = models.PositiveSmallIntegerField(_("items per section"), default=4)
    # How long the drawn "Đọc nhiều nhất" list is kept (the counts behind it are kept as long).
    most_read_seconds = 300

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("latest_count"), FieldPanel("per_section_count")], heading=_("Home")),
    ]

    # Giới thiệu (/gioi-thieu/) is the agency service's page type, named here: a service knows no content app.
    subpage_types = ["news.SectionPage"]  # others register through core.registry.HOME_SUBPAGES
    # One home page per portal: the province's and each sub-portal's (docs/sub-portals.md),
    # each the root page of its own Wagtail Site.
    parent_page_types = ["wagtailcore.Page"]
    template = "news/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home page")

    def articles(self):
        """The live articles under this page, newest first (the listings and the RSS feed)."""
        return live_articles().descendant_of(self)

    def get_context(self, request, *args, **kwargs):
        # A fixed number of queries however many sections and articles there are
        # (tests/news/test_listings.py counts them).
        context = super().get_context(request, *args, **kwargs)
        if not languages.is_default_locale(self):
            # i18n: an English home (/en/) has no news; it introduces the parts that exist in English.
            context["parts"] = [
                p for p in self.get_children().live().public().specific() if p.locale_id == self.locale_id
            ]
            return context
        articles = self.articles()
        # Which story is featured changes only with a publish (a new generation): kept, no query.
        featured_id = fragments.cached(
            request,
            f"home-featured-id:{self.pk}",
            lambda: articles.filter(featured=True).values_list("pk", flat=True).first(),
        )
        # The listings as rendered for readers since the last publish (core/fragments.py): then
        # none of their queries. The day is read once here and used by the template's fragment
        # too, so a render across midnight never stores empty listings under the new day. The
        # most-read list changes with the counts, not with a publish: kept per five minutes, as
        # the counts themselves are (stats MOST_READ_TTL).
        listings_day = timezone.localtime().strftime("%Y-%m-%d")
        most_read_slot = int(time.time() // self.most_read_seconds)
        kept = fragments.peek_many(
            request,
            {
                "listings": f"home-listings:{self.pk}:{listings_day}",
                "featured": f"home-featured:{self.pk}:{featured_id or 'none'}",
                "most_read": f"home-most-read:{self.pk}:{most_read_slot}",
            },
        )
        listings_html, featured_html = kept.get("listings"), kept.get("featured")
        featured = None
        if featured_id is not None:
            if featured_html is None or listings_html is None:
                featured = articles.filter(pk=featured_id).first()
            articles = articles.exclude(pk=featured_id)
        section_blocks, latest = [], []
        if listings_html is None:
            # Sections only: a gallery or the Giới thiệu page in the menu holds no articles to list.
            sections = [s for s in tree_children(request, self, in_menu=True) if isinstance(s, SectionPage)]
            section_blocks = queries.section_blocks(sections, articles, self.per_section_count)
            # The page never repeats a story: "latest" brings the newest ones that neither the featured
            # slot nor a section's block already shows.
            shown = [article.pk for block in section_blocks for article in block["articles"]]
            latest = list(articles.exclude(pk__in=shown)[: self.latest_count])
        cards = [featured] if featured and featured_html is None else []
        cards += latest + [article for block in section_blocks for article in block["articles"]]
        queries.prefetch_cards(cards)
        context.update(
            featured=featured,
            featured_html=featured_html,
            latest=latest,
            listings_day=listings_day,
            listings_html=listings_html,
            most_read=[] if "most_read" in kept else queries.most_read(request, self),
            most_read_html=kept.get("most_read"),
            most_read_slot=most_read_slot,
            section_blocks=section_blocks,
        )
        return context

    def get_template(self, request, *args, **kwargs):
        if not languages.is_default_locale(self):
            return "news/home_page_translation.html"
        return super().get_template(request, *args, **kwargs)

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("rss/", name="rss")
    def rss(self, request):
        return ArticleFeed()(request, section=None, home=self)

    @path("atom/", name="atom")
    def atom(self, request):
        return AtomArticleFeed()(request, section=None, home=self)

    @path("json/", name="json_feed")
    def json_feed(self, request):
        return json_feed(request, section=None, home=self)


class SectionPage(RoutablePageMixin, BasePage):
    """Chuyên mục: lists its articles (and those of its sub-sections), newest first."""

    intro = models.TextField(_("introduction"), blank=True)
    page_size = models.PositiveSmallIntegerField(_("articles per page"), default=12)
    # "Tin cơ sở": the province's section that also lists what the sub-portals share. The
    # articles stay where they are (one row each); the listing links to them on their own host.
    lists_shared = models.BooleanField(
        _("Tin cơ sở: also list the articles sub-portals share"),
        default=False,
        help_text=_("Articles marked “share to the provincial portal” on a sub-portal appear here."),
    )

    # A new section is in the menu unless the editor says otherwise, and the switch is on
    # the first tab, next to the title (Wagtail keeps it on "Promote", where nobody looks).
    show_in_menus_default = True
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("page_size"),
        FieldPanel("show_in_menus"),
        FieldPanel("lists_shared"),
    ]
    # Wagtail's promote tab without its "For site menus" group (the switch moved above).
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=_("For search engines"),
        )
    ]
    # Sections are the site's structure: only someone who may edit the parent section
    # (an editor there, a leader, an administrator) creates one; reporters write articles.
    creators_need_edit_permission = True

    subpage_types = ["news.SectionPage", "news.ArticlePage"]
    parent_page_types = ["news.HomePage", "news.SectionPage"]
    template = "news/section_page.html"

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("section")

    def articles(self):
        """The live articles under this section and its sub-sections, newest first (listing, RSS);
        for "Tin cơ sở", also those the sub-portals share (not those of this section's own portal)."""
        if not self.lists_shared:
            return queries.under(live_articles(), self)
        own_portal = self.path[: Page.steplen * 2]
        return live_articles().filter(
            Q(path__startswith=self.path) | (Q(share_to_province=True) & ~Q(path__startswith=own_portal))
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page_obj = queries.paginate(
            request,
            self.articles(),
            self.page_size,
            count_name=f"section:{self.pk}",
            # Shared "Tin cơ sở" articles lie outside the section's path: a path-range count would miss them.
            count_of=None if self.lists_shared else queries.in_path_range(live_articles(), self),
        )
        if self.lists_shared:
            queries.label_sources(page_obj, self.path[: Page.steplen * 2])
        context.update(
            page_obj=page_obj,
            subsections=tree_children(request, self),
            breadcrumbs=breadcrumbs(request, self),
        )
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("rss/", name="rss")
    def rss(self, request):
        return ArticleFeed()(request, section=self, home=None)

    @path("atom/", name="atom")
    def atom(self, request):
        return AtomArticleFeed()(request, section=self, home=None)

    @path("json/", name="json_feed")
    def json_feed(self, request):
        return json_feed(request, section=self, home=None)


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tag")
        # --- cold path (issue 14) ---
        # "Does this article carry this tag?" in one index seek: the tag page and related
        # articles walk articles newest first and ask it of each (news/queries.py).
        indexes = [models.Index(fields=["content_object", "tag"], name="news_articletag_object_tag")]


class ArticlePage(RoutablePageMixin, BasePage):
    """Bài viết: a news story with its lead, body, sign-off and view count."""

    kicker = models.CharField(
        _("kicker"), max_length=255, blank=True, help_text=_("Small line above the title; may be left empty.")
    )
    lead = models.TextField(_("lead (sapo)"), help_text=_("The opening paragraph, in bold under the title."))
    hero_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(_("hero image caption"), max_length=500, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    signoff = models.CharField(_("sign-off / source"), max_length=100, blank=True, help_text=_("E.g. HY-VPTU"))
    author = models.CharField(_("author / pen name"), max_length=255, blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    featured = models.BooleanField(_("featured"), default=False, db_index=True)
    # A sub-portal's article shown in the province's "Tin cơ sở" too (SectionPage.lists_shared).
    share_to_province = models.BooleanField(
        _("share to the provincial portal (Tin cơ sở)"),
        default=False,
        db_index=True,
        help_text=_("For a sub-portal's article: list it in the provincial portal's “Tin cơ sở”, linking here."),
    )
    display_date = models.DateTimeField(
        _("display date"),
        default=timezone.now,
        db_index=True,
        help_text=_("Date and time printed on the article and used for ordering."),
    )
    # Carried over from an old portal by ``vnportal import``; the statistics app
    # adds its own counted views to this figure.
    imported_views = models.PositiveBigIntegerField(
        _("views carried over"),
        default=0,
        help_text=_("View count imported from the previous portal."),
    )
    # Identifies the article in the file it was imported from, so a second
    # import of the same file updates instead of duplicating.
    import_key = models.CharField(_("import key"), max_length=255, blank=True, db_index=True, editable=False)

    content_panels = BasePage.content_panels + [
        FieldPanel("kicker"),
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_caption")], heading=_("Hero image")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("signoff"),
                FieldPanel("author"),
                FieldPanel("display_date"),
                FieldPanel("tags"),
                FieldPanel("featured"),
                FieldPanel("share_to_province"),
            ],
            heading=_("Article details"),
        ),
        InlinePanel(
            "related_links",
            label=_("Related articles"),
            max_num=6,
            help_text=_("Chosen here first; the rest are filled from the same section and shared tags."),
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("kicker"),
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("display_date"),
    ]

    subpage_types = []
    parent_page_types = ["news.SectionPage"]
    template = "news/article_page.html"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("article")

    def clean(self):
        for field in ("kicker", "hero_caption", "signoff", "author"):
            setattr(self, field, collapse_spaces(getattr(self, field)))
        self.lead = strip_control(nfc(self.lead)).strip()
        # A scheduled article is dated when it goes live, not when its draft was begun.
        if self.go_live_at:
            self.display_date = self.go_live_at
        super().clean()

    related_count = 6  # two full rows of the three-column card grid
    route_select_related = ("hero_image",)  # shown on every view of the article

    @property
    def section(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        # A fixed number of queries however many tags, images and related articles
        # (tests/news/test_query_counts.py): the page itself (with its hero image),
        # the body's images, the tags, the related list and every rendition at once.
        # Parts kept in the fragment cache since the last publish (body, head meta, tags, related
        # list) are not prepared again: an article whose parts are all kept costs no query but itself.
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumbs(request, self)
        # The print view shows the article alone: no related list to compute, nothing kept.
        printing = getattr(request, "vnportal_print_view", False)
        version = self.version_key()
        body_key = self.body_cache_key()
        names = {"related": f"related:{self.pk}", "meta": f"article-meta:{version}", "tags": f"article-tags:{version}"}
        if body_key is not None:
            names["body"] = f"article-body:{body_key}"
        kept = {} if printing else fragments.peek_many(request, names)
        context["kept"] = kept
        tags = [] if {"related", "meta", "tags"} <= kept.keys() else list(self.tags.all())
        context["article_tags"] = tags
        related = [] if printing or "related" in kept else self.related_articles(tags)
        context["related"] = related
        images = [] if {"body", "meta"} <= kept.keys() else renditions.page_images(self)
        queries.prefetch_cards(related, *images)
        context["view_count"] = None  # filled by the statistics app when installed
        context["body_cache_key"] = body_key
        context["version_key"] = version
        return context

    def related_articles(self, tags):
        return queries.related_articles(live_articles(), self, tags, self.related_count)

    def version_key(self):
        """This published version of this article: what its kept parts are filed under."""
        published = self.last_published_at.timestamp() if self.last_published_at else ""
        return f"{self.pk}:{published}"

    def body_cache_key(self):
        """What the rendered hero image and body are kept under in the fragment cache (this
        version of this article), or None when the body holds a poll: its widget may be this
        reader's own ("you have voted"), never to be shown to the next one."""
        if any(block.get("type") == "poll" for block in self.body.raw_data):
            return None
        return self.version_key()

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("in/", name="print")
    def print_view(self, request):
        """Bản in: the article alone on a plain page."""
        request.vnportal_print_view = True
        return self.render(request, template="news/article_print.html", context_overrides={"print_view": True})

    @path("luu-bai/", name="pdf")
    def pdf_view(self, request):
        """Lưu bài: the article as a PDF. Routed through the page, so a draft or a private
        article is refused exactly as the page itself is (Wagtail's live and view-restriction checks)."""
        request.vnportal_print_view = True  # the article alone: no related list
        context = self.get_context(request)
        context.update(pdf_title=self.title, source_url=public.page_url(self, request=request))
        return pdf.response(request, "news/article_pdf.html", context, f"{self.slug}.pdf")


class RelatedArticle(Orderable):
    """An article the editor links by hand under another ("Tin liên quan")."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links", verbose_name=_("article"))
    article = models.ForeignKey(
        ArticlePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("related article")
    )

    panels = [PageChooserPanel("article", "news.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")


@register_setting(icon="history")
class LegacyPortalSettings(BaseSiteSetting):
    """Where the imported articles came from.

    The old portal's all-time visit counter is the statistics' starting offset
    (``stats.StatsSettings.starting_offset``, one source of truth), set by
    ``vnportal import --visits-offset N`` or ``vnportal manage set_visits_offset N``.
    """

    source_name = models.CharField(
        _("previous portal"), max_length=255, blank=True, help_text=_("E.g. the old portal's address, for the record.")
    )

    panels = [FieldPanel("source_name")]

    class Meta:
        verbose_name = _("previous portal")
        verbose_name_plural = _("previous portal")
