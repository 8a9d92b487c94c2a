"""The main menu's StreamField blocks: an item is a page, one of the portal's parts, or a URL.

The parts are what the apps offer through the ``vnportal_main_menu_items`` hook (parts.py):
Văn bản, Bình chọn, Sơ đồ cổng … An item may hold one level of sub-items.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from . import parts


def _part_choices():
    # Called when the admin form is built, so the titles are in the editor's language.
    return [(key, title) for key, title in parts.part_titles().items()]


class MenuLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        label=_("Label"),
        required=False,
        max_length=80,
        help_text=_("Shown in the menu; left empty, the page's or part's own title is used."),
    )
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    part = blocks.ChoiceBlock(label=_("Part of the portal"), choices=_part_choices, required=False)
    url = blocks.URLBlock(label=_("Address (URL)"), required=False)

    def clean(self, value):
        value = super().clean(value)
        chosen = [name for name in ("page", "part", "url") if value.get(name)]
        if len(chosen) != 1:
            raise StructBlockValidationError(
                non_block_errors=ErrorList([ValidationError(_("Choose exactly one: a page, a part or an address."))])
            )
        if value.get("url") and not (value.get("label") or "").strip():
            raise StructBlockValidationError(
                block_errors={"label": ValidationError(_("A link to an address needs a label."))}
            )
        return value

    class Meta:
        icon = "link"
        label = _("Menu item")
        form_classname = "struct-block menu-link-block"


class MenuItemBlock(MenuLinkBlock):
    children = blocks.ListBlock(MenuLinkBlock(), label=_("Sub-items"), required=False, default=[])

    class Meta:
        icon = "list-ul"
        label = _("Menu item")


class MenuBlock(blocks.StreamBlock):
    item = MenuItemBlock()

    class Meta:
        required = False
