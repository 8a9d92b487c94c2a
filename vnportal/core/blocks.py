"""StreamField blocks shared by articles and other rich pages.

The content apps compose their own bodies from these (news.blocks.ArticleBodyBlock
adds the poll block): core knows no app's blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "blockquote", "hr"]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)
    credit = blocks.CharBlock(label=_("Photo credit"), required=False)

    class Meta:
        icon = "image"
        label = _("Captioned image")
        template = "blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Speaker / source"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"


class AttachedDocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Attached file"))
    title = blocks.CharBlock(label=_("Display title"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Attached document")
        template = "blocks/attached_document.html"


class TableWithCaptionBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("Table caption"), required=False)
    table = TableBlock(label=_("Table"), table_options={"renderer": "text", "startRows": 3, "startCols": 3})

    class Meta:
        icon = "table"
        label = _("Table")
        template = "blocks/table.html"


class EmbedWithCaptionBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("Video or embed URL"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "blocks/embed.html"
