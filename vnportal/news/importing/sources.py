"""Readers: each yields ``(where, record_or_error)``.

``where`` is what an operator needs to find the item in the file (a line number
for JSON Lines, the post id for WXR). A record is a plain dict with the keys of
docs/import.md, already checked; a bad item yields an ``InvalidItem`` instead,
so the importer reports it and goes on with the rest.
"""

import datetime
import json

from defusedxml import ElementTree
from django.utils.translation import gettext as _

from vnportal.core.localtime import local_zone
from vnportal.core.text import collapse_spaces, nfc, strip_control

TEXT_KEYS = ("title", "lead", "body_html", "signoff", "author", "section", "slug")


class InvalidItem(Exception):
    pass


# A JSON Lines line longer than this is refused unread (docs/import.md; ``--max-line-mb``):
# an article with its HTML is a few hundred kilobytes, and a runaway line (a whole database
# dump on one line, a binary file) must not be read into memory whole.
DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024
# The file is read in pieces of this size; memory stays at about one piece plus one line.
CHUNK_BYTES = 64 * 1024
_BOM = b"\xef\xbb\xbf"


class LineTooLong(Exception):
    pass


def iter_lines(handle, max_bytes=DEFAULT_MAX_LINE_BYTES, chunk_bytes=CHUNK_BYTES):
    """Yield ``(line number, bytes | LineTooLong)`` for every line of a binary file.

    Reads bounded chunks: a line over ``max_bytes`` is skipped to its end without being kept
    (only its length is counted), so a 100 MB line costs one chunk of memory, not 100 MB.
    """
    number, parts, size, too_long = 1, [], 0, False
    while True:
        chunk = handle.read(chunk_bytes)
        if not chunk:
            break
        start = 0
        while True:
            end = chunk.find(b"\n", start)
            piece = chunk[start:] if end < 0 else chunk[start:end]
            size += len(piece)
            if not too_long:
                if size > max_bytes:
                    too_long, parts = True, []
                else:
                    parts.append(piece)
            if end < 0:
                break
            yield number, (LineTooLong(size) if too_long else b"".join(parts))
            number, parts, size, too_long = number + 1, [], 0, False
            start = end + 1
    if size:
        yield number, (LineTooLong(size) if too_long else b"".join(parts))


def count_lines(path, max_bytes=DEFAULT_MAX_LINE_BYTES):
    """Lines that are not blank (what ``read_jsonl`` yields), for the progress bar; read in chunks too."""
    with open(path, "rb") as handle:
        return sum(1 for _, line in iter_lines(handle, max_bytes) if isinstance(line, LineTooLong) or line.strip())


def parse_datetime(value):
    if not isinstance(value, str) or not value.strip():
        raise InvalidItem(_("“published_at” must be an ISO 8601 date and time, e.g. 2020-11-13T15:30:00+07:00"))
    try:
        moment = datetime.datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise InvalidItem(_("“published_at” is not an ISO 8601 date and time: %(value)s") % {"value": value}) from exc
    if moment.tzinfo is None:  # an old portal's local time
        moment = moment.replace(tzinfo=local_zone())
    return moment


def check_record(raw):
    """Validate one JSON Lines object; return the normalised record."""
    if not isinstance(raw, dict):
        raise InvalidItem(_("each line must be a JSON object"))
    record = {}
    for key in TEXT_KEYS:
        value = raw.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise InvalidItem(_("“%(key)s” must be text") % {"key": key})
        # No control characters from the old system (they would break feeds and the index).
        record[key] = nfc(strip_control(value)).strip()
    record["title"] = collapse_spaces(record["title"])
    if not record["title"]:
        raise InvalidItem(_("“title” is missing or empty"))
    if not record["section"].strip("/ "):
        raise InvalidItem(_("“section” is missing or empty"))
    record["published_at"] = parse_datetime(raw.get("published_at"))
    views = raw.get("views", 0)
    if views in (None, ""):
        views = 0
    if isinstance(views, str) and views.strip().isdigit():
        views = int(views)
    if isinstance(views, bool) or not isinstance(views, int) or views < 0:
        raise InvalidItem(_("“views” must be a whole number ≥ 0"))
    record["views"] = views
    for key in ("tags", "images"):
        value = raw.get(key) or []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise InvalidItem(_("“%(key)s” must be a list of text") % {"key": key})
        record[key] = [nfc(strip_control(item)).strip() for item in value if strip_control(item).strip()]
    source_id = raw.get("id")
    record["source_id"] = "" if source_id in (None, "") else str(source_id)
    return record


def read_jsonl(path, max_line_bytes=DEFAULT_MAX_LINE_BYTES):
    """Yield ``(line number, record | InvalidItem)``: every bad line is reported under its own
    number (undecodable bytes included) and the reading goes on with the next one."""
    with open(path, "rb") as handle:
        for number, line in iter_lines(handle, max_line_bytes):
            if isinstance(line, LineTooLong):
                yield (
                    number,
                    InvalidItem(
                        _("line too long (%(size)s bytes, at most %(limit)s): refused without being read")
                        % {"size": line.args[0], "limit": max_line_bytes}
                    ),
                )
                continue
            if number == 1 and line.startswith(_BOM):
                line = line[len(_BOM) :]
            if not line.strip():
                continue
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield (
                    number,
                    InvalidItem(
                        _("not UTF-8 text (%(error)s at byte %(position)d)")
                        % {"error": exc.reason, "position": exc.start}
                    ),
                )
                continue
            try:
                raw = json.loads(text)
            except json.JSONDecodeError as exc:
                yield number, InvalidItem(_("not valid JSON (%(error)s)") % {"error": exc.msg})
                continue
            except RecursionError:
                yield number, InvalidItem(_("not valid JSON (nested too deeply)"))
                continue
            try:
                yield number, check_record(raw)
            except InvalidItem as exc:
                yield number, exc


# --- WordPress WXR ---------------------------------------------------------------------


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _ns(tag):
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _find(element, name, family=None):
    """First child called ``name`` whose namespace contains ``family`` (WXR versions differ)."""
    for child in element:
        if _local(child.tag) == name and (family is None or family in _ns(child.tag)):
            return child
    return None


def _text(element, name, family=None):
    found = _find(element, name, family)
    return (found.text or "").strip() if found is not None else ""


def _wxr_elements(path, wanted):
    """Yield every element of the channel named in ``wanted`` (local names), cleared once used.

    Streamed with iterparse: memory holds one item at a time, not the whole export. The
    channel is checked to be there first (``NoChannel``), as a whole-file parse did."""
    depth, channel_seen = 0, False
    for event, element in ElementTree.iterparse(str(path), events=("start", "end")):
        if event == "start":
            depth += 1
            if depth == 2 and element.tag == "channel":
                channel_seen = True
            continue
        depth -= 1
        if depth == 1 and element.tag == "channel":
            element.clear()
        elif depth == 2 and channel_seen and _local(element.tag) in wanted:
            yield element
            element.clear()  # its text is read; the rest of the file does not keep it
    if not channel_seen:
        raise NoChannel


class NoChannel(Exception):
    pass


def wxr_items(path):
    """Yield ``(post_id, record_or_error)`` for every published post of a WXR file.

    Two streamed passes: the first collects the categories and the attachments' URLs (a
    featured image may be listed after its post), the second yields the posts."""
    categories, attachments = {}, {}
    try:
        for element in _wxr_elements(path, {"category", "item"}):
            if element.tag == "item":
                if _text(element, "post_type", "wordpress.org/export") == "attachment":
                    attachments[_text(element, "post_id", "wordpress.org/export")] = _text(
                        element, "attachment_url", "wordpress.org/export"
                    )
            elif "wordpress.org/export" in _ns(element.tag):
                categories[_text(element, "category_nicename")] = (
                    _text(element, "cat_name"),
                    _text(element, "category_parent"),
                )
    except NoChannel:
        yield "", InvalidItem(_("the WXR file has no channel"))
        return
    except Exception as exc:  # ParseError, DTD/entity attacks refused by defusedxml
        yield "", InvalidItem(_("the WXR file cannot be read: %(error)s") % {"error": exc})
        return
    try:
        for item in _wxr_elements(path, {"item"}):
            if item.tag != "item":
                continue
            if _text(item, "post_type", "wordpress.org/export") != "post":
                continue
            if _text(item, "status", "wordpress.org/export") != "publish":
                continue
            post_id = _text(item, "post_id", "wordpress.org/export")
            try:
                record = _wxr_record(item, post_id, categories, attachments)
            except InvalidItem as exc:
                record = exc
            yield post_id, record
    except Exception as exc:  # the file changed between the passes
        yield "", InvalidItem(_("the WXR file cannot be read: %(error)s") % {"error": exc})


def _category_path(nicename, categories):
    parts, seen = [], set()
    while nicename and nicename in categories and nicename not in seen:
        seen.add(nicename)
        name, parent = categories[nicename]
        parts.append(name or nicename)
        nicename = parent
    return "/".join(reversed(parts))


def _wxr_record(item, post_id, categories, attachments):
    meta = {}
    for postmeta in item:
        if _local(postmeta.tag) == "postmeta":
            meta[_text(postmeta, "meta_key")] = _text(postmeta, "meta_value")
    section, tags = "", []
    for category in item.findall("category"):
        name = (category.text or "").strip()
        if category.get("domain") == "category" and not section:
            section = _category_path(category.get("nicename", ""), categories) or name
        elif category.get("domain") == "post_tag" and name:
            tags.append(name)
    views = next((meta[key] for key in ("views", "post_views_count", "_views") if meta.get(key)), 0)
    date = _text(item, "post_date_gmt", "wordpress.org/export")
    if date and not date.startswith("0000"):
        date = date.replace(" ", "T") + "+00:00"
    else:
        date = _text(item, "post_date", "wordpress.org/export").replace(" ", "T")
    images = [attachments[meta["_thumbnail_id"]]] if attachments.get(meta.get("_thumbnail_id", "")) else []
    raw = {
        "id": f"wxr:{post_id}",
        "title": (item.findtext("title") or ""),
        "lead": _text(item, "encoded", "excerpt"),
        "body_html": _text(item, "encoded", "purl.org/rss/1.0/modules/content"),
        "author": _text(item, "creator", "purl.org/dc"),
        "section": section or _("News"),
        "tags": tags,
        "published_at": date,
        "views": views,
        "images": images,
        "slug": _text(item, "post_name", "wordpress.org/export"),
    }
    return check_record(raw)
