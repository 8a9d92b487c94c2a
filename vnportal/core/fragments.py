"""Fragment caches: the parts of a page that many pages share, kept between renders.

With the page cache off or missed (after a publish, a query string, the long tail of old
articles a crawler walks) every page is rendered from scratch, and most of that work is
the same on every page: the menu, the footer, the sidebar's blocks, the home page's
blocks, an article's body. Those are kept here, in the default cache, under the page
cache's *generation* (pagecache.py, generations.py): every purge — a publish, unpublish,
move, a changed setting, menu or poll — draws a new one, so a fragment is never served
after what it shows has changed, and nothing needs deleting. In production each app process
also keeps its own copy of what it read (nearcache.py): a kept page asks Redis for its
generation, not for each of its parts.

Two rules keep them as safe as the page cache itself:

* Only for requests whose page every reader would share (``pagecache.shareable_request``:
  an anonymous GET without session cookies, not the admin): a fragment never holds
  anything personal, and a preview or a logged-in editor's view (drafts, private pages)
  never reaches the cache or is served from it.
* The generation is read before the request reads the database
  (``FragmentGenerationMiddleware``, early in MIDDLEWARE), and the fragment is stored
  under that one: a render that raced a publish (it read the database before the commit,
  the purge came after) is stored under the old generation, which nobody reads again.
"""

import hashlib

from django.conf import settings
from django.utils import translation

from . import generations, nearcache, pagecache, structure

_REQUEST_ATTRIBUTE = "_vnportal_fragment_generation"
_MISSING = object()


def _generation():
    return generations.for_cache("page-cache", pagecache.CACHE_ALIAS)


def remember_generation(request):
    """Read the generation for this request now (before any database read), if its page may
    be shared; otherwise fragments are not used for it."""
    if seconds() and request.method in ("GET", "HEAD") and pagecache.shareable_request(request.META):
        # The page cache's middleware read it already when the page cache is on: the same token.
        current = request.META.get(pagecache.GENERATION)
        if current is None:
            current = _generation().current()
        # "0": no generation drawn yet, or the shared cache did not answer (Redis down): then
        # a fragment could outlive a purge nobody could record, so none is used.
        if current != "0":
            setattr(request, _REQUEST_ATTRIBUTE, current)


def seconds():
    """How long a fragment is kept (entries are never stale once the generation has moved on:
    the timeout only frees memory); 0 turns fragment caching off."""
    return getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)


def generation_for(request):
    """The generation read when the request began, or None: no fragment caching for it."""
    if request is None or getattr(request, "is_preview", False) or not seconds():
        return None
    return getattr(request, _REQUEST_ATTRIBUTE, None)


def shared_render(request):
    """Does this request render the variant every reader shares (a poll's neutral form that
    JavaScript swaps for the reader's own)? Yes when its page goes to the page cache
    (``pagecache.is_shared``), and also when the page cache is off but the view declared its
    page shareable and this request uses fragments: a kept fragment must be the shared variant,
    and rendering the personal one (a vote check, a CSRF cookie) would cost every cold render
    work that the reader's browser redoes anyway."""
    if request is None:
        return False
    if pagecache.is_shared(request):
        return True
    return getattr(request, "_vnportal_shared", False) and generation_for(request) is not None


def cached(request, name, build, timeout=None):
    """``build()``'s value (a string, a number: anything picklable) for this request, from the
    cache when another request of the same generation made it. ``name`` must say everything
    the value depends on besides the generation (the page, the section, the page number …).
    ``timeout`` (seconds, at most the configured one) bounds how old a value that changes
    without a purge may be (a poll's counts)."""
    return cached_for(request, name, lambda: (build(), timeout))


def cached_for(request, name, build):
    """Like ``cached()``, for a value whose lifetime only its build knows: ``build()`` returns
    ``(value, seconds)``, how long the value stays right without a purge (until the next poll
    opens or closes, say; None: as long as any fragment). The value alone is returned."""
    current = generation_for(request)
    if current is None:
        return build()[0]
    key = _key(request, current, name)
    value = nearcache.get(key, _MISSING)
    if value is _MISSING:
        value, timeout = build()
        timeout = seconds() if timeout is None else min(max(int(timeout), 1), seconds())
        nearcache.set(key, value, timeout)
    return value


def peek(request, name):
    """The kept value of ``name`` for this request, or None (a miss, or no caching for it):
    lets a view skip the queries of a part whose rendered form is kept."""
    current = generation_for(request)
    if current is None:
        return None
    return nearcache.get(_key(request, current, name))


def peek_many(request, names):
    """``{label: kept value}`` for those of ``names`` (``{label: name}``) kept for this request,
    in one cache round trip: a view asks which parts it need not prepare."""
    current = generation_for(request)
    if current is None or not names:
        return {}
    keys = {_key(request, current, name): label for label, name in names.items()}
    return {keys[key]: value for key, value in nearcache.get_many(list(keys)).items()}


def _key(request, current, name):
    """Per host and language besides what the caller names: a sub-portal's copy of a shared
    part (a tag's rows) links with its own host's addresses, an English page's chrome speaks
    English."""
    host = request.META.get("HTTP_HOST", "").lower()
    raw = f"{host}|{translation.get_language()}|{name}"
    return f"vnportal:fragment:{current}:{hashlib.sha1(raw.encode('utf-8', 'surrogateescape')).hexdigest()}"


class FragmentGenerationMiddleware:
    """Reads the generation before the view runs; right after PageCacheMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        remember_generation(request)
        if generation_for(request) is None:
            return self.get_response(request)
        # A page every reader shares changes nothing: the structure token is read once for it.
        with structure.read_once():
            return self.get_response(request)
