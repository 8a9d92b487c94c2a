"""RSS 2.0 feeds: the whole site (/rss/) and each section (<section>/rss/)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed
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
