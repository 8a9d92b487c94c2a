"""Old portals' article HTML → our StreamField blocks.

nh3 (the maintained Rust "ammonia" sanitiser; bleach is unmaintained) removes
everything unsafe or foreign: scripts, styles, event handlers, classes, inline
styles, unknown tags (their text is kept). BeautifulSoup then cuts what is left
into blocks: rich-text paragraphs (the features our editor offers), images,
tables.
"""

import html as htmllib
import re

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag

ALLOWED_TAGS = {
    "p",
    "br",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "a",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "hr",
    "img",
    "figure",
    "figcaption",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
}
ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
RICH_BLOCK_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "blockquote", "hr"}
HEADING_MAP = {"h1": "h2", "h5": "h4", "h6": "h4"}
INLINE_MAP = {"strong": "b", "em": "i"}
_BLOCK_RE = re.compile(r"<(p|div|h[1-6]|ul|ol|table|blockquote|figure)\b", re.I)


def autop(html):
    """WordPress stores paragraphs as blank-line-separated text; give them <p> tags."""
    if _BLOCK_RE.search(html):
        return html
    parts = [part.strip() for part in re.split(r"\n\s*\n", html) if part.strip()]
    return "".join(f"<p>{part.replace(chr(10), '<br>')}</p>" for part in parts)


def sanitise(html):
    return nh3.clean(
        autop(html or ""),
        tags=ALLOWED_TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        clean_content_tags={"script", "style"},
        strip_comments=True,
    )


def html_to_blocks(html):
    """Return a list of ``("paragraph", html) | ("image", {"src", "caption"}) | ("table", {...})``.

    Image blocks carry the source (path or URL) only; the importer loads them.
    """
    soup = BeautifulSoup(sanitise(html), "html.parser")
    for old, new in {**HEADING_MAP, **INLINE_MAP}.items():
        for tag in soup.find_all(old):
            tag.name = new
    for tag in soup.find_all("u"):
        tag.unwrap()
    for tag in soup.find_all("a"):
        if not tag.get("href"):  # a link whose address was unsafe: keep its words
            tag.unwrap()
    blocks, rich = [], []

    def flush():
        text = "".join(rich).strip()
        if text:
            blocks.append(("paragraph", text))
        rich.clear()

    inline_run = []

    def flush_inline():
        content = "".join(inline_run).strip()
        inline_run.clear()
        if content and BeautifulSoup(content, "html.parser").get_text(strip=True):
            rich.append(f"<p>{content}</p>")

    for node in list(soup.contents):
        if isinstance(node, NavigableString):
            inline_run.append(htmllib.escape(str(node), quote=False))
            continue
        if not isinstance(node, Tag):
            continue
        if node.name in RICH_BLOCK_TAGS:
            flush_inline()
            images = [_image(img) for img in node.find_all("img")]
            for img in node.find_all("img"):
                img.decompose()
            if node.name == "hr" or node.get_text(strip=True):
                rich.append(str(node))
            if images:
                flush()
                blocks.extend(("image", image) for image in images)
        elif node.name == "img":
            flush_inline()
            flush()
            blocks.append(("image", _image(node)))
        elif node.name == "figure":
            flush_inline()
            flush()
            caption = node.find("figcaption")
            caption_text = caption.get_text(" ", strip=True) if caption else ""
            for img in node.find_all("img"):
                blocks.append(("image", _image(img, caption_text)))
            table = node.find("table")
            if table is not None:
                blocks.append(("table", _table(table, caption_text)))
        elif node.name == "table":
            flush_inline()
            flush()
            blocks.append(("table", _table(node)))
        elif node.name in {"li", "figcaption", "caption", "tr", "td", "th", "thead", "tbody", "tfoot"}:
            flush_inline()
            if node.get_text(strip=True):
                rich.append(f"<p>{node.decode_contents()}</p>")
        else:  # inline tag at top level (b, i, a, br)
            inline_run.append(str(node))
    flush_inline()
    flush()
    return blocks


def _image(img, caption=""):
    return {"src": (img.get("src") or "").strip(), "caption": caption or (img.get("alt") or "").strip()}


def _table(table, caption=""):
    caption_tag = table.find("caption")
    rows = []
    for tr in table.find_all("tr"):
        rows.append([cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])])
    width = max((len(row) for row in rows), default=0)
    rows = [row + [""] * (width - len(row)) for row in rows if any(row)]
    first = table.find("tr")
    header = bool(first and first.find("th"))
    return {
        "caption": caption or (caption_tag.get_text(" ", strip=True) if caption_tag else ""),
        "rows": rows,
        "header": header,
    }


def plain_text(html):
    return BeautifulSoup(sanitise(html), "html.parser").get_text(" ", strip=True)
