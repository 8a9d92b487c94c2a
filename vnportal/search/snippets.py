"""Result snippets: the passage around the query's syllables, with them marked.

Matching is done on the folded text, so "quyet dinh" marks "Quyết định"; the
marks are placed on the original (accented) characters through an offset map.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from vnportal.core.text import fold


def _folded_with_offsets(text):
    folded, offsets = [], []
    for index, char in enumerate(text):
        piece = fold(char) if not char.isspace() else " "
        for out in piece or "":
            folded.append(out)
            offsets.append(index)
    return "".join(folded), offsets


def highlight(text, folded_tokens, width=240):
    """HTML: a window of about ``width`` characters of ``text`` with the tokens in <mark>."""
    text = text or ""
    if not text:
        return ""
    spans = []
    if folded_tokens:
        folded, offsets = _folded_with_offsets(text)
        pattern = re.compile(
            r"(?<![^\W_])(?:"
            + "|".join(re.escape(t) for t in sorted(set(folded_tokens), key=len, reverse=True))
            + r")(?![^\W_])"
        )
        for match in pattern.finditer(folded):
            start = offsets[match.start()]
            end = offsets[match.end() - 1] + 1
            spans.append((start, end))
            if len(spans) >= 200:  # enough to choose a window; bounded work on huge texts
                break
    # A phrase is marked as one: hits separated only by spaces are merged.
    merged = []
    for span in spans:
        if merged and not text[merged[-1][1] : span[0]].strip():
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    spans = merged
    # The window with the most hits, starting at a hit (or at the beginning).
    start = 0
    if spans:
        best = max(range(len(spans)), key=lambda i: sum(1 for s, _ in spans if spans[i][0] <= s < spans[i][0] + width))
        start = max(0, spans[best][0] - 40)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
    if len(text) <= width:  # short texts (titles) are shown whole
        start = 0
    end = min(len(text), start + width)
    while end < len(text) and not text[end].isspace():
        end += 1
    parts, cursor = [], start
    for s, e in spans:
        if s < cursor or e > end:
            continue
        parts.append(escape(text[cursor:s]))
        parts.append("<mark>" + escape(text[s:e]) + "</mark>")
        cursor = e
    parts.append(escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)
