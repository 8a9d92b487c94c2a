"""News pages: the home page, sections (chuyên mục) and articles (bài viết)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.search import index

from vnportal.core.blocks import ArticleBodyBlock
from vnportal.core.pages import BasePage
from vnportal.core.text import collapse_spaces, nfc

# Rendition specs used by listings; prefetched in one query per listing.
CARD_IMAGE = "fill-480x300|format-webp"
HERO_IMAGE = "width-1000|format-webp"


def live_articles():
    """Articles a reader may see, newest first, with what a listing card needs."""
    return (
        ArticlePage.objects.live().public()
        .select_related("hero_image")
        .order_by("-display_date", "-pk")
    )


def with_card_images(queryset):
    return queryset.prefetch_related(
        models.Prefetch("hero_image__renditions", queryset=_rendition_model().objects.filter(
            filter_spec=CARD_IMAGE))
    )


def _rendition_model():
    from wagtail.images import get_image_model

    return get_image_model().get_rendition_model()


class HomePage(BasePage):
    """Trang chủ: featured story, latest news and the newest items of each section."""

    intro = models.TextField(_("introduction"), blank=True)
    latest_count = models.PositiveSmallIntegerField(_("number of latest items"), default=8)
    per_section_count = models.PositiveSmallIntegerField(_("items per section"), default=4)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("latest_count"), FieldPanel("per_section_count")], heading=_("Home")),
    ]

    subpage_types = ["news.SectionPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "news/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = with_card_images(live_articles().descendant_of(self))
        featured = articles.filter(featured=True).first()
        latest = list(articles.exclude(pk=getattr(featured, "pk", None))[: self.latest_count])
        sections = list(SectionPage.objects.child_of(self).live().public().filter(show_in_menus=True))
        context.update(featured=featured, latest=latest, section_blocks=self._section_blocks(sections, articles))
        return context

    def _section_blocks(self, sections, articles):
        """Newest articles of each top section (including sub-sections)."""
        blocks = []
        for section in sections:
            items = list(articles.descendant_of(section)[: self.per_section_count])
            if items:
                blocks.append({"section": section, "articles": items})
        return blocks


class SectionPage(BasePage):
    """Chuyên mục: lists its articles (and those of its sub-sections), newest first."""

    intro = models.TextField(_("introduction"), blank=True)
    page_size = models.PositiveSmallIntegerField(_("articles per page"), default=12)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("page_size")]

    subpage_types = ["news.SectionPage", "news.ArticlePage"]
    parent_page_types = ["news.HomePage", "news.SectionPage"]
    template = "news/section_page.html"

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("section")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(with_card_images(live_articles().descendant_of(self)), self.page_size)
        try:
            page_obj = paginator.page(request.GET.get("trang", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        context.update(
            page_obj=page_obj,
            subsections=SectionPage.objects.child_of(self).live().public(),
        )
        return context


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("article tag")
        verbose_name_plural = _("article tag")


class ArticlePage(BasePage):
    """Bài viết: a news story with its lead, body, sign-off and view count."""

    kicker = models.CharField(_("kicker"), max_length=255, blank=True,
                              help_text=_("Small line above the title; may be left empty."))
    lead = models.TextField(_("lead (sapo)"), help_text=_("The opening paragraph, in bold under the title."))
    hero_image = models.ForeignKey(
        get_image_model_string(), verbose_name=_("hero image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    hero_caption = models.CharField(_("hero image caption"), max_length=500, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"), blank=True)
    signoff = models.CharField(_("sign-off / source"), max_length=100, blank=True,
                               help_text=_("E.g. HY-VPTU"))
    author = models.CharField(_("author / pen name"), max_length=255, blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True, verbose_name=_("tags"))
    featured = models.BooleanField(_("featured"), default=False, db_index=True)
    display_date = models.DateTimeField(
        _("display date"), default=timezone.now, db_index=True,
        help_text=_("Date and time printed on the article and used for ordering."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("kicker"),
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_caption")], heading=_("Hero image")),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("signoff"), FieldPanel("author"), FieldPanel("display_date"),
             FieldPanel("tags"), FieldPanel("featured")],
            heading=_("Article details"),
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
        self.lead = nfc(self.lead).strip()
        super().clean()

    @property
    def section(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Breadcrumbs: ancestors below the site root, one query.
        context["breadcrumbs"] = self.get_ancestors().filter(depth__gt=2).specific()
        context["view_count"] = None  # filled by the statistics app when installed
        return context
