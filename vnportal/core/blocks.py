"""StreamField blocks shared by articles and other rich pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from vnportal.polls.blocks import PollBlock

RICH_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "blockquote", "hr"]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False)
    credit = blocks.CharBlock(label=_("Nguồn ảnh"), required=False)

    class Meta:
        icon = "image"
        label = _("Ảnh có chú thích")
        template = "blocks/captioned_image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Trích dẫn"))
    attribution = blocks.CharBlock(label=_("Người nói / nguồn"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "blocks/quote.html"


class AttachedDocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tệp đính kèm"))
    title = blocks.CharBlock(label=_("Tiêu đề hiển thị"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu đính kèm")
        template = "blocks/attached_document.html"


class TableWithCaptionBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("Tiêu đề bảng"), required=False)
    table = TableBlock(label=_("Bảng"), table_options={"renderer": "text", "startRows": 3, "startCols": 3})

    class Meta:
        icon = "table"
        label = _("Bảng")
        template = "blocks/table.html"


class EmbedWithCaptionBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("Địa chỉ video/nội dung nhúng"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False)

    class Meta:
        icon = "media"
        label = _("Nhúng")
        template = "blocks/embed.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Đoạn văn"), features=RICH_FEATURES, template="blocks/paragraph.html")
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    table = TableWithCaptionBlock()
    document = AttachedDocumentBlock()
    embed = EmbedWithCaptionBlock()
    poll = PollBlock()

    class Meta:
        label = _("Nội dung")
