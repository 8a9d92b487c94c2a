"""The article body: the shared blocks of core, and the poll of the polls app."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from vnportal.core.blocks import (
    RICH_FEATURES,
    AttachedDocumentBlock,
    CaptionedImageBlock,
    EmbedWithCaptionBlock,
    QuoteBlock,
    TableWithCaptionBlock,
)
from vnportal.polls.blocks import PollBlock


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=RICH_FEATURES, template="blocks/paragraph.html")
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    table = TableWithCaptionBlock()
    document = AttachedDocumentBlock()
    embed = EmbedWithCaptionBlock()
    poll = PollBlock()

    class Meta:
        label = _("Content")
