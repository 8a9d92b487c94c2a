"""Feeds of the whole site and of each section, in three formats with the same items:
RSS 2.0 (``rss/``), Atom 1.0 (``atom/``) and JSON Feed 1.1 (``json/``: Wagtail routes
paths that end in a slash). Each page's
head links them (``<link rel="alternate">``: templates/news/home_page.html, section_page.html)."""

import json

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Site

from vnportal.core import public
from vnportal.core.models import SiteSettings
from vnportal.core.text import strip_control

FEED_SIZE = 30


class ArticleFeed(Feed):
    """Newest articles first; tags as categories. A fixed number of queries."""

    feed_type = Rss201rev2Feed
    language = "vi"

    def get_object(self, request, section=None, home=None):
        self.request = request
        self.site = Site.find_for_request(request)
        self.section = section
        self.home = home or (self.site.root_page if self.site else None)
        return section or self.home

    def _agency(self):
        return SiteSettings.for_request(self.request).agency_name if self.site else ""

    def title(self, obj):
        agency = self._agency()
        return strip_control(f"{obj.title} — {agency}" if self.section else agency)

    # Every link is absolute at the public address of the request's site (VNPORTAL_PUBLIC_URL, or a
    # sub-portal's Site row), never the request's Host or query string: a feed is cached and read
    # by aggregators far from this request.
    def link(self, obj):
        return public.page_url(obj, request=self.request) or public.url("/", request=self.request)

    def description(self, obj):
        if self.section is not None:
            return self.section.intro or _("Newest articles in %(section)s") % {"section": self.section.title}
        return getattr(obj, "intro", "") or _("Newest articles")

    def feed_url(self, obj):
        return public.url(self.request.path, request=self.request)

    def items(self, obj):
        # The home page or section knows its articles (``articles()``): no import of the models here.
        return list(obj.articles().prefetch_related("tags")[:FEED_SIZE])

    # Titles are cleaned on save (VietnamesePageMixin); a page saved before that, or a lead
    # pasted with a stray control character, must still give well-formed XML, not a 500.
    def item_title(self, item):
        return strip_control(item.title)

    def item_description(self, item):
        return strip_control(item.lead)

    def item_link(self, item):
        return public.page_url(item, request=self.request)

    def item_guid(self, item):
        return self.item_link(item)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.display_date

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class AtomArticleFeed(ArticleFeed):
    """The same feed as Atom 1.0 (RFC 4287): the description becomes the subtitle, each lead the summary."""

    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def _rfc3339(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def json_feed(request, section=None, home=None):
    """The same feed as JSON Feed 1.1 (jsonfeed.org): for readers and programs that prefer JSON.

    Built from ``ArticleFeed``'s own answers (title, links, items), so the three formats never disagree."""
    feed = ArticleFeed()
    obj = feed.get_object(request, section=section, home=home)
    items = []
    for article in feed.items(obj):
        url = feed.item_link(article)
        item = {
            "id": url,
            "url": url,
            "title": feed.item_title(article),
            "summary": feed.item_description(article),
            "content_text": feed.item_description(article),
            "date_published": _rfc3339(feed.item_pubdate(article)),
            "date_modified": _rfc3339(feed.item_updateddate(article)),
        }
        if feed.item_author_name(article):
            item["authors"] = [{"name": feed.item_author_name(article)}]
        tags = feed.item_categories(article)
        if tags:
            item["tags"] = tags
        items.append({key: value for key, value in item.items() if value is not None})
    data = {
        "version": JSON_FEED_VERSION,
        "title": feed.title(obj),
        "home_page_url": feed.link(obj),
        "feed_url": feed.feed_url(obj),
        "description": str(feed.description(obj)),
        "language": feed.language,
        "items": items,
    }
    body = json.dumps(data, ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type="application/feed+json; charset=utf-8")
