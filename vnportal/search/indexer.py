"""Turn pages and documents into ``IndexEntry`` rows (and remove them again).

Called by the signal handlers in ``signals.py`` and by the ``rebuild_search_index``
command. Only live, public pages are indexed; a page under a view restriction
(password, members only) never appears in public results. Which pages are articles
and sections, and which other models are searchable, the content apps say
(vnportal.core.registry): search imports none of them.
"""

import datetime
import html
import re

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page, Site
from wagtail.search import index

from vnportal.core import languages
from vnportal.core.localtime import make_local
from vnportal.core.registry import ARTICLE_PAGES, SEARCHABLE, SECTION_PAGES
from vnportal.core.sitetree import is_public
from vnportal.core.text import collapse_spaces, nfc

from . import results_cache
from .models import IndexEntry
from .normalise import exact_form, folded_form

# Bodies beyond this are cut before indexing: PostgreSQL positions stop at 16,383
# and a tsvector at 1 MB; no real article or document summary comes near it.
MAX_BODY_CHARS = 200_000
_BLOCK_TAGS = re.compile(r"<(?:/p|br\s*/?|/h\d|/li|/div|/tr)>", re.I)


def plain_text(value):
    """Readable text from HTML or plain strings: tags dropped, entities decoded, spaces collapsed."""
    text = _BLOCK_TAGS.sub(" ", str(value or ""))
    return collapse_spaces(html.unescape(strip_tags(text)))


def _searchable_strings(obj):
    """Every string Wagtail's ``search_fields`` declare searchable, StreamFields included."""
    strings = []
    for search_field in getattr(obj, "search_fields", []):
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        try:
            model_field = search_field.get_field(obj.__class__)
        except Exception:  # a callable, not a model field
            model_field = None
        value = search_field.get_value(obj)
        if value is None:
            continue
        if isinstance(value, (list, tuple)):  # StreamFields come back already flattened
            strings.extend(str(part) for part in value)
        elif model_field is not None and hasattr(model_field, "get_searchable_content"):
            strings.extend(str(part) for part in model_field.get_searchable_content(value))
        else:
            strings.append(str(value))
    return strings


def _section_of(page):
    parent = page.get_parent()
    if parent is not None and isinstance(parent.specific_deferred, tuple(SECTION_PAGES)):
        return parent.title
    return ""


def _as_datetime(value):
    if isinstance(value, datetime.datetime) or value is None:
        return value
    return make_local(datetime.datetime.combine(value, datetime.time()))


def _save(kind, object_id, title, body, **fields):
    title = nfc(title)[:1000]
    body = nfc(body)[:MAX_BODY_CHARS]
    if fields.get("date") is None:
        # Never NULL: NULLs sort differently on SQLite and PostgreSQL and would keep the
        # "newest first" index from serving both.
        fields["date"] = timezone.now()
    defaults = {
        "title": title,
        "body": body,
        "title_exact": exact_form(title),
        "body_exact": exact_form(body),
        "title_folded": folded_form(title),
        "body_folded": folded_form(body),
        **fields,
    }
    IndexEntry.objects.update_or_create(kind=kind, object_id=object_id, defaults=defaults)
    results_cache.forget_all()


def remove(kind, object_id):
    IndexEntry.objects.filter(kind=kind, object_id=object_id).delete()
    results_cache.forget_all()


def default_site_id():
    return Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()


def _page_site_and_path(page):
    """(site id, path on that site) of a live page: the site whose root it is under (Wagtail's own
    rule, the deepest root), and the URL path below that root. (None, url_path) outside every site."""
    parts = page.get_url_parts()
    if parts is None:
        return None, page.url_path
    site_id, _root_url, path = parts
    return site_id, path


def page_kind(page):
    return IndexEntry.Kind.ARTICLE if isinstance(page, tuple(ARTICLE_PAGES)) else IndexEntry.Kind.PAGE


def _language_of(page):
    """The page's language code: each language's search page (/tim-kiem/, /en/search/) shows the
    entries of its own language only (core/languages.py)."""
    codes = {pk: code for code, pk in languages.locale_ids().items()}
    return codes.get(page.locale_id, settings.LANGUAGE_CODE)


def index_page(page):
    """Index (or un-index) one page according to its current state."""
    page = page.specific
    kind = page_kind(page)
    if not page.live or page.depth <= 1 or not is_public(page):
        remove(kind, page.pk)
        return
    parts = [getattr(page, "search_description", "")] + _searchable_strings(page)
    body = " ".join(plain_text(part) for part in parts if part)
    date = getattr(page, "display_date", None) or page.first_published_at or page.last_published_at
    site_id, path = _page_site_and_path(page)
    _save(
        kind,
        page.pk,
        page.title,
        body,
        date=_as_datetime(date),
        tree_path=page.path,
        section_title=_section_of(page),
        site_id=site_id,
        url=path,
        language=_language_of(page),
    )


def index_page_and_descendants(page):
    index_page(page)
    for descendant in Page.objects.descendant_of(page).specific():
        index_page(descendant)


def remove_page(page):
    IndexEntry.objects.filter(kind__in=[IndexEntry.Kind.ARTICLE, IndexEntry.Kind.PAGE], object_id=page.pk).delete()
    results_cache.forget_all()


def index_document(document):
    """Index (or un-index) one ``SEARCHABLE`` item: an official document, or any model that
    provides the same interface: ``is_public``, ``search_title()``, ``search_text()``,
    ``search_section()``, ``get_absolute_url()`` (a path on its portal), and optionally ``search_kind``
    (an ``IndexEntry.Kind``; default "document"), ``search_date()``, ``number_normalised`` and
    ``search_site_id()`` (its portal; without it, the default site)."""
    kind = getattr(document, "search_kind", IndexEntry.Kind.DOCUMENT)
    if not document.is_public:
        remove(kind, document.pk)
        return
    date = document.search_date() if hasattr(document, "search_date") else document.issued_on
    _save(
        kind,
        document.pk,
        document.search_title(),
        document.search_text(),
        number=getattr(document, "number_normalised", ""),
        date=_as_datetime(date),
        tree_path="",
        section_title=document.search_section(),
        site_id=document.search_site_id() if hasattr(document, "search_site_id") else default_site_id(),
        url=document.get_absolute_url(),
    )


def rebuild(stdout=None):
    """Index everything again from scratch (after installing, or if the index was lost)."""
    IndexEntry.objects.all().delete()
    pages = 0
    for page in Page.objects.live().filter(depth__gt=1).specific().iterator():
        index_page(page)
        pages += 1
    documents = 0
    for model in SEARCHABLE:  # registered by the apps that own them (library: Document)
        for document in model.objects.all().iterator():
            index_document(document)
            documents += 1
    results_cache.forget_all()
    if stdout is not None:
        stdout.write(f"Indexed {pages} pages and {documents} documents.")
    return pages, documents
