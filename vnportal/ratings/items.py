"""What may be rated, and the signed token that names it on a (possibly cached) page.

An item is any live, public Wagtail page but a site's home page (key ``p:<id>``), or an
object of a model registered in ``core.registry.RATEABLE`` (key ``m:<app>.<model>:<pk>``;
the library registers Document, later Hỏi đáp answers). Ratings import no content app:
they learn the models from the registry.

The widget carries a token signed by the server (like the statistics beacon's): the
server never believes an item id a client sends, only one it signed itself, for at most
``RATINGS_TOKEN_MAX_AGE`` seconds (longer than any cached copy lives).
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core import signing

from vnportal.core import registry
from vnportal.core.memo import TTLMemo
from vnportal.core.sitetree import is_public

TOKEN_SALT = "vnportal.ratings.item"
_items = TTLMemo(maxsize=10_000, ttl=30)  # key → Item or None: a cached page's readers share one token


@dataclass(frozen=True)
class Item:
    key: str
    title: str
    url: str
    page_path: str = ""  # for pages: the tree path (sections group by it)


def page_key(page_id):
    return f"p:{page_id}"


def object_key(obj):
    return f"m:{obj._meta.label_lower}:{obj.pk}"


def is_rateable_page(page):
    """Every page but a site's home page (the root is depth 1, a site's home page depth 2)."""
    return page is not None and getattr(page, "pk", None) is not None and page.depth > 2


def rateable_object(context):
    """The registered object a detail view shows, found under its model name in the context."""
    for model in registry.RATEABLE:
        obj = context.get(model._meta.model_name)
        if isinstance(obj, model) and obj.pk is not None:
            return obj
    return None


def max_age():
    return getattr(settings, "RATINGS_TOKEN_MAX_AGE", 7 * 24 * 3600)


def sign(key):
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(key)


def read_token(token):
    """The item key a token names, or None when forged, garbled or older than ``max_age()``."""
    if not isinstance(token, str) or not token or len(token) > 300:
        return None
    try:
        return signing.TimestampSigner(salt=TOKEN_SALT).unsign(token, max_age=max_age())
    except (signing.BadSignature, ValueError):
        return None


def _page_item(page_id):
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id, live=True).first()
    if page is None or not is_rateable_page(page) or not is_public(page):
        return None
    return Item(page_key(page.pk), page.title, page.url or "", page.path)


def _object_item(label, pk):
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    if model not in list(registry.RATEABLE):
        return None
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None or not getattr(obj, "is_public", True):
        return None
    title = obj.search_title() if hasattr(obj, "search_title") else str(obj)
    return Item(object_key(obj), title, obj.get_absolute_url())


def _resolve(key):
    kind, _sep, rest = key.partition(":")
    if kind == "p" and rest.isdigit() and len(rest) < 19:
        return _page_item(int(rest))
    if kind == "m":
        label, _sep, pk = rest.rpartition(":")
        if pk.isdigit() and len(pk) < 19:
            return _object_item(label, int(pk))
    return None


def resolve(key, fresh=False):
    """The live, public item of a key, or None (remembered a few seconds per process)."""
    if fresh:
        return _resolve(key)
    return _items.get_or_set(key, lambda: _resolve(key))


def forget():
    """For tests: drop the per-process memo."""
    _items.clear()
