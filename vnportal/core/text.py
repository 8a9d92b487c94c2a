"""Vietnamese text: normalisation, accent folding, slugs and date formats.

Every part of the portal that compares, indexes or displays Vietnamese text goes
through these functions, so that "Tỉnh uỷ" and "Tỉnh ủy", composed and decomposed
input, and the look-alike capital Đ all behave the same everywhere.
"""

import datetime
import re
import unicodedata

from anyascii import anyascii
from django.utils import translation

from .localtime import localtime

# Characters that look like Đ/đ but are not: Icelandic eth and African D with
# tail are common in text pasted from PDFs and old TCVN3/VNI conversions.
_LOOKALIKES = str.maketrans({"\u00d0": "Đ", "\u0189": "Đ", "\u0256": "đ"})
_D_TO_ASCII = str.maketrans({"Đ": "D", "đ": "d"})

_CLEAN_SPACES = re.compile(r"\s+")
# C0 and C1 control characters, DEL, the non-characters U+FFFE/U+FFFF and lone surrogates
# (what "surrogateescape" leaves of undecodable bytes): none can be written in XML 1.0, so
# one of them in a title breaks the RSS and sitemap, and none is ever meant in a title.
# Tab, newline and carriage return are kept here; collapse_spaces turns them into spaces.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def nfc(text):
    """Return ``text`` in Unicode NFC with look-alike letters mapped to Đ/đ.

    This is the form the portal stores: a title typed on macOS (NFD) and one typed
    on Windows (NFC) become the same string.
    """
    if not text:
        return "" if text is None else text
    return unicodedata.normalize("NFC", text.translate(_LOOKALIKES))


def fold(text):
    """Accent-fold for comparison and search: "Đảng bộ Tỉnh uỷ" → "dang bo tinh uy".

    NFC, then NFD, drop combining marks, đ/Đ → d/D, lower-case. Idempotent.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", nfc(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped.translate(_D_TO_ASCII)).lower()


# Dropped inside words ("Đảng's" → "dangs"): an apostrophe joins, it does not separate.
SLUG_JOINERS = "'\u2018\u2019\u02bc_"
# Punctuation that separates words and numbers ("57-NQ/TW" → "57-nq-tw", "05/01/2020" →
# "05-01-2020"): ASCII punctuation except "-" and the joiners, Latin-1 punctuation and
# Unicode's general punctuation (dashes, quotes, ellipsis). One class for the server and
# the admin's live slug (vnportal.core.widgets), written so Python's re and JavaScript's
# RegExp read it alike.
SLUG_SEPARATORS = "[!-&(-,./:-@\\[-\\^`{-~\u00a1-\u00bf\u00d7\u00f7\u2010-\u205e]"
_SLUG_JOINERS = re.compile(f"[{SLUG_JOINERS}]")
_SLUG_DROP = re.compile(r"[^a-z0-9\s-]")
_SLUG_JOIN = re.compile(r"[-\s]+")


def slugify(text, max_length=255):
    """ASCII slug from Vietnamese text: "Đại hội Đảng bộ lần thứ XVII" → "dai-hoi-dang-bo-lan-thu-xvii".

    Folded first (so đ becomes d, not nothing), then anyascii for any other script.
    Punctuation between words or numbers becomes a hyphen, so document numbers keep
    their parts apart ("Quyết định 42/2022/NĐ-CP" → "quyet-dinh-42-2022-nd-cp");
    apostrophes are dropped. The admin's live slug (JavaScript) applies the same rules
    (vnportal.core.widgets.vietnamese_slug_formatters), so both give one result.
    """
    ascii_text = _SLUG_JOINERS.sub("", anyascii(fold(text)).lower())
    slug = _SLUG_JOIN.sub("-", _SLUG_DROP.sub(" ", ascii_text)).strip("-")
    return slug[:max_length].rstrip("-")


def strip_control(text):
    """``text`` without control characters (tab, newline and carriage return stay).

    Used on everything stored as a title or imported from another system: a pasted
    U+0008 or an undecodable byte must not reach the database, the feeds or the index.
    """
    if not text:
        return "" if text is None else text
    return _CONTROL.sub("", text)


def collapse_spaces(text):
    """Single spaces, trimmed, no control characters: for titles and headings typed with stray whitespace."""
    return _CLEAN_SPACES.sub(" ", nfc(strip_control(text or ""))).strip()


WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def _local(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:  # naive values are taken as already local
            return value
        return localtime(value)
    return value


def format_weekday(value):
    """ "Thứ Sáu" for a Friday (in local time)."""
    return WEEKDAYS[_local(value).weekday()]


def _english():
    # i18n: English pages (under /en/, core/languages.py) write dates the English way.
    return (translation.get_language() or "").startswith("en")


ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def format_english_date(value, with_time=False):
    """ "Friday, 13 November 2020" (and " 15:30" with ``with_time``), in local time."""
    local = _local(value)
    line = f"{ENGLISH_WEEKDAYS[local.weekday()]}, {local.day} {ENGLISH_MONTHS[local.month - 1]} {local.year}"
    if with_time and isinstance(local, datetime.datetime):
        line += f" {local:%H:%M}"
    return line


def format_article_datetime(value):
    """Article date line: "Thứ Sáu, 13/11/2020 15:30" in local time (settings.TIME_ZONE);
    "Friday, 13 November 2020 15:30" on English pages."""
    if value is None:
        return ""
    if _english():
        return format_english_date(value, with_time=True)
    local = _local(value)
    if not isinstance(local, datetime.datetime):
        return f"{WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y}"
    return f"{WEEKDAYS[local.weekday()]}, {local:%d/%m/%Y %H:%M}"


def format_short_date(value):
    """Compact date for listings: "13/11/2020" ("13 November 2020" on English pages)."""
    if value is None:
        return ""
    if _english():
        local = _local(value)
        return f"{local.day} {ENGLISH_MONTHS[local.month - 1]} {local.year}"
    return f"{_local(value):%d/%m/%Y}"


def format_document_date(value):
    """Official-document date: "ngày 05 tháng 01 năm 2020" ("Friday, 5 January 2020" on English pages)."""
    if value is None:
        return ""
    if _english():
        return format_english_date(value)
    local = _local(value)
    return f"ngày {local.day:02d} tháng {local.month:02d} năm {local.year}"


_TRAILING_PUNCTUATION = " \t\n,;:–—-(\"'“‘"


def cut_at_word(value, limit=180):
    """``value`` cut to at most ``limit`` characters at a word boundary, with "…" when something was cut.

    Listings show leads this way: never half a syllable ("Đảng b…"), never a dangling comma before the
    ellipsis.
    """
    value = collapse_spaces(nfc(value or ""))
    if len(value) <= limit:
        return value
    cut = value[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > 0 else value[:limit]
    return cut.rstrip(_TRAILING_PUNCTUATION) + "…"
