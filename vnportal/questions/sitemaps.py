"""The published answers in sitemap.xml (through the vnportal_sitemaps hook: questions/wagtail_hooks.py).

Addresses come from the public-address setting (core/public.py), like every other link
that leaves the page, never from the Host of the request that happens to render them."""

from vnportal.core.sitemaps import PublicSitemap

from .models import Question


class AnswerSitemap(PublicSitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Question.objects.filter(status=Question.Status.PUBLISHED).only("pk", "published_at").order_by("pk")

    def lastmod(self, question):
        return question.published_at
