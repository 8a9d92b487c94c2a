"""Vietnamese text as the search index and the query parser see it.

Two forms of every text are indexed, both reduced to space-separated syllables so
that SQLite's FTS5 tokenizer and PostgreSQL's parser split them identically
(neither ever sees "57-NQ/TW" as one path-like token):

* ``exact``: NFC, lower case, tone marks in one canonical place ("hoà" and "hòa",
  "thuý" and "thúy" become the same string) — used to rank an accented match first;
* ``folded``: ``vnportal.core.text.fold`` — no marks at all, đ → d — used to find.
"""

import re
import unicodedata

from vnportal.core.text import fold, nfc

# Words and numbers; "_" is punctuation to both databases, so it is to us too.
_TOKEN = re.compile(r"[^\W_]+")
# A token longer than this is noise (a pasted hash, a base64 blob); PostgreSQL
# would refuse to index it, so neither database gets it.
MAX_TOKEN_LENGTH = 60
# A query is cut to this many syllables: enough for any real phrase, and it keeps
# the generated MATCH / tsquery expression small whatever a visitor pastes.
MAX_QUERY_TOKENS = 12
MAX_QUERY_LENGTH = 300

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
# Syllables whose tone is written in two places by different conventions: the
# open "oa", "oe", "uy" (not after q, where "u" belongs to the consonant).
_MOVABLE = re.compile(r"(?:(?<!q)uy|oa|oe)$")


def _canonical_syllable(word):
    """Put the tone of an open oa/oe/uy syllable on its last vowel ("hòa" → "hoà")."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [(i, ch) for i, ch in enumerate(decomposed) if ch in _TONES]
    if len(tones) != 1:
        return word
    position, tone = tones[0]
    bare = decomposed[:position] + decomposed[position + 1 :]
    base_letters = "".join(ch for ch in bare if not unicodedata.combining(ch))
    if not _MOVABLE.search(base_letters):
        return word
    # The last base letter, plus any non-tone marks it carries, gets the tone.
    cut = len(bare)
    while cut > 0 and unicodedata.combining(bare[cut - 1]):
        cut -= 1
    return (
        unicodedata.normalize("NFC", bare[:cut] + bare[cut] + tone + bare[cut + 1 :])
        if cut < len(bare)
        else unicodedata.normalize("NFC", bare + tone)
    )


def tokens(text):
    """Syllables (words, numbers) of already-normalised text, minus oversized ones."""
    return [tok for tok in _TOKEN.findall(text) if len(tok) <= MAX_TOKEN_LENGTH]


def exact_form(text):
    """NFC, lower case, canonical tone placement, as space-separated syllables."""
    lowered = nfc(text or "").lower()
    return " ".join(_canonical_syllable(tok) for tok in tokens(lowered))


def folded_form(text):
    """Accent-folded syllables: "Đảng bộ, 57-NQ/TW" → "dang bo 57 nq tw"."""
    return " ".join(tokens(fold(text or "")))


def query_tokens(query):
    """(exact tokens, folded tokens) of a visitor's query, bounded in length and count."""
    query = (query or "")[:MAX_QUERY_LENGTH]
    exact = exact_form(query).split()[:MAX_QUERY_TOKENS]
    folded = [fold(tok) for tok in exact]
    return exact, folded


_NUMBER_SEPARATORS = str.maketrans({"\\": "/", "–": "-", "—": "-", "‐": "-", "‑": "-", "_": "-"})
_NUMBER_DROP = re.compile(r"[^0-9a-z/\-.]")


def normalise_number(number):
    """Document number (số/ký hiệu) in one comparable form: " 42/2022/NĐ–CP" → "42/2022/nd-cp".

    Folded, spaces dropped, dash and slash look-alikes unified; letters, digits and
    the separators - / . are kept so "57-NQ/TW" and "57/NQ-TW" stay different numbers.
    """
    folded = fold(number or "").translate(_NUMBER_SEPARATORS)
    return _NUMBER_DROP.sub("", folded)
