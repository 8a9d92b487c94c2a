"""Articles and sections: Wagtail pages, public exactly when a reader may open them.

Public means: live (never a draft, never unpublished or expired — the scheduler unpublishes
an expired page, and one whose ``expire_at`` has passed before it ran is left out too), not
under a view restriction on the page or any ancestor (Wagtail's ``public()``), and on the
request's Wagtail Site (``descendant_of`` its root page), so a sub-portal's API lists its own
pages only.
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from vnportal.news.models import ArticlePage, SectionPage

from . import params
from .base import DATE_PARAMETERS, ID_SCHEMA, Parameter, Resource, iso_datetime
from .errors import bad_parameter

FEEDS = {"rss": "rss/", "atom": "atom/", "json": "json/"}


def public_pages(model, site):
    """Live, unexpired, unrestricted pages of ``model`` under ``site``'s root page."""
    now = timezone.now()
    return (
        model.objects.live()
        .public()
        .descendant_of(site.root_page)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .select_related("locale")
    )


def site_sections(ctx):
    """Every public section of the site, by tree path: one query per request, whatever the page holds."""
    if not hasattr(ctx, "_sections"):
        sections = public_pages(SectionPage, ctx.site).only(
            "id", "title", "path", "depth", "url_path", "slug", "intro", "locale", "last_published_at"
        )
        ctx._sections = {section.path: section for section in sections}
    return ctx._sections


def section_ref(section, ctx):
    if section is None:
        return None
    return {"id": section.pk, "title": section.title, "url": ctx.page_url(section)}


def parent_section(page, ctx):
    """The section a page sits in (None when its parent is the home page or not public)."""
    return site_sections(ctx).get(page.path[: -page.steplen])


def section_param(name, value, ctx):
    """A section id of this site; an id of anything else (a draft, another site's) is refused."""
    pk = params.identifier(name, value)
    for section in site_sections(ctx).values():
        if section.pk == pk:
            return section
    raise bad_parameter(name, N_("No public section of this site has this id (see /api/v1/sections/)."))


class Articles(Resource):
    name = "articles"
    schema = "Article"
    summary = "News articles (bài viết), newest first."
    parameters = DATE_PARAMETERS + [
        Parameter("section", ID_SCHEMA, "Only articles in this section or its sub-sections (a section id)."),
    ]

    def queryset(self, ctx):
        # The body (a StreamField, the bulk of a row) is never read: the item links to the page.
        return public_pages(ArticlePage, ctx.site).defer_streamfields().order_by("-display_date", "-pk")

    def narrow(self, queryset, values, ctx):
        first, last = params.date_range(values)
        queryset = params.filter_datetimes(queryset, "display_date", first, last)
        if "section" in values:
            queryset = queryset.descendant_of(section_param("section", values["section"], ctx))
        return queryset

    def serialize(self, objects, ctx):
        articles = list(objects.prefetch_related("tags"))
        return [
            {
                "id": article.pk,
                "type": "article",
                "title": article.title,
                "kicker": article.kicker,
                "summary": article.lead,
                "url": ctx.page_url(article),
                "section": section_ref(parent_section(article, ctx), ctx),
                "published": iso_datetime(article.display_date),
                "first_published_at": iso_datetime(article.first_published_at),
                "updated": iso_datetime(article.last_published_at),
                "author": article.author,
                "signoff": article.signoff,
                "tags": sorted(tag.name for tag in article.tags.all()),
                "featured": article.featured,
                "language": article.locale.language_code,
            }
            for article in articles
        ]


class Sections(Resource):
    name = "sections"
    schema = "Section"
    summary = "Sections (chuyên mục) in tree order, each with its feeds."
    parameters = [Parameter("parent", ID_SCHEMA, "Only the direct sub-sections of this section (a section id).")]

    def queryset(self, ctx):
        return (
            public_pages(SectionPage, ctx.site)
            .only("id", "title", "path", "depth", "url_path", "slug", "intro", "locale", "last_published_at")
            .order_by("path")
        )

    def narrow(self, queryset, values, ctx):
        if "parent" in values:
            queryset = queryset.child_of(section_param("parent", values["parent"], ctx))
        return queryset

    def serialize(self, objects, ctx):
        items = []
        for section in objects:
            url = ctx.page_url(section)
            items.append(
                {
                    "id": section.pk,
                    "type": "section",
                    "title": section.title,
                    "summary": section.intro,
                    "url": url,
                    "parent": section_ref(parent_section(section, ctx), ctx),
                    "updated": iso_datetime(section.last_published_at),
                    "feeds": {kind: url + suffix for kind, suffix in FEEDS.items()},
                    "language": section.locale.language_code,
                }
            )
        return items
