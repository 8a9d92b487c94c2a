"""The StreamField block that places a poll inside an article body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Site
from wagtail.snippets.blocks import SnippetChooserBlock

from .views import poll_context


def _of_request_site(poll, request):
    site = Site.find_for_request(request)
    return site is None or poll.site_id == site.pk


class PollBlock(blocks.StructBlock):
    poll = SnippetChooserBlock("polls.Poll", label=_("Poll"))

    class Meta:
        icon = "list-ul"
        label = _("Poll")
        template = "polls/block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        poll = value.get("poll")
        request = (parent_context or {}).get("request")
        # An unpublished (or deleted) poll leaves no trace in the article.
        # A poll of another portal (a sub-portal's, chosen in the province's article) neither.
        if poll is None or not poll.published or request is None or not _of_request_site(poll, request):
            context["poll"] = None
            return context
        context.update(poll_context(request, poll))
        return context
