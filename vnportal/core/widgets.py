"""Admin widgets that know Vietnamese."""

import unicodedata
from functools import lru_cache

from wagtail.admin.widgets import SlugInput

from .text import SLUG_JOINERS, SLUG_SEPARATORS, fold

_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


@lru_cache(maxsize=1)
def vietnamese_slug_formatters():
    """Regex replacements that make Wagtail's live slug (JavaScript) fold Vietnamese.

    Wagtail's urlify has no Vietnamese map: it drops "ạ" and turns "Đ" into "Dj".
    These rules run before it in the browser and map every Vietnamese letter the
    way vnportal.core.text.fold does on the server (generated from fold itself, so
    the two cannot drift apart), then strip any combining mark left by NFD input.
    """
    groups = {}
    letters = [unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES]
    letters += ["đ", "\u0256"]
    for letter in letters:
        for variant in {letter, letter.upper()}:
            target = fold(variant).upper() if variant.isupper() else fold(variant)
            if variant != target:
                groups.setdefault(target, set()).add(variant)
    groups.setdefault("D", set()).update({"\u00d0", "\u0189"})
    formatters = [(f"[{''.join(sorted(chars))}]", target) for target, chars in sorted(groups.items())]
    formatters.append(("[\u0300-\u036f]", ""))
    # Then slugify's punctuation rules (vnportal.core.text): joiners go, separators become
    # spaces (urlify turns runs of spaces and hyphens into one hyphen), and nothing is left
    # to lead the slug with a hyphen (urlify trims only the end).
    formatters.append((f"[{SLUG_JOINERS}]", ""))
    formatters.append((SLUG_SEPARATORS, " "))
    formatters.append(("^[\\s-]+", ""))
    return formatters


class VietnameseSlugInput(SlugInput):
    """Wagtail's slug input with the Vietnamese folding rules above."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs=attrs, formatters=formatters or vietnamese_slug_formatters(), locale=locale)


def translate_snippet_chooser_texts():
    """Make the snippet chooser's button texts follow the request's language.

    Wagtail's AdminSnippetChooser formats "Choose %(object)s" once, when the widget is
    made at start-up, before any language is active: every editor then reads "Choose
    document type" in English. The same texts, made lazily, are translated when shown.
    """
    from django.utils.functional import lazy
    from django.utils.translation import gettext
    from wagtail.snippets.widgets import AdminSnippetChooser

    if getattr(AdminSnippetChooser, "_vnportal_lazy_texts", False):
        return
    original_init = AdminSnippetChooser.__init__

    def lazy_text(message, model):
        return lazy(lambda: gettext(message) % {"object": model._meta.verbose_name}, str)()

    def __init__(self, model, **kwargs):
        original_init(self, model, **kwargs)
        self.choose_one_text = lazy_text("Choose %(object)s", model)
        self.choose_another_text = lazy_text("Choose another %(object)s", model)
        self.link_to_chosen_text = lazy_text("Edit this %(object)s", model)

    AdminSnippetChooser.__init__ = __init__
    AdminSnippetChooser._vnportal_lazy_texts = True
