"""The full-page cache for anonymous readers (both profiles).

Who is served from the cache: a GET without the session, messages or language cookie and
without an Authorization header, outside the admin and the APIs. Such a reader sees exactly
what every other such reader sees, because everything personal on a public page (the poll
block's "you have voted", the statistics numbers) is filled in by JavaScript afterwards.

What is kept: only responses a view has declared shareable (Wagtail pages through the
``before_serve_page`` hook in wagtail_hooks.py, other views through ``@shared_cache``), answered
200 to such a request, that set no cookie and used no CSRF token. ``PageCacheMarkMiddleware``
marks them ``Cache-Control: public`` (so the statistics count them by beacon, and nginx's
microcache may keep them for ``X-Accel-Expires`` seconds); ``PageCacheMiddleware`` stores and
serves them. ``wsgi_fast_path`` serves a hit before Django is entered at all.

How a purge works: every entry carries the *generation* it was rendered in; a purge (publish,
unpublish, move, delete, an edited poll or site setting: see purge.py) starts a new
generation, so every older entry is a miss from then on. A news portal publishes a few dozen
times a day; purging every page at once is cheap and never leaves a stale "latest news" list
on some page a finer rule forgot. The generation lives where every process sees it: in the
shared cache (Redis) when there is one, otherwise in a file of the data directory (the
embedded profile's gunicorn workers each have a local-memory cache, but one disk).

No cold herd (stale-while-revalidate): a purge does not delete anything, so the previous
copy of each page is still there, and a page past its ``PAGE_CACHE_SECONDS`` is kept a
little longer too. When a reader finds such a copy, ONE request takes a short lock
(``cache.add``: SET NX in Redis) and renders the page anew; every other reader meanwhile
gets the previous copy, marked ``X-Page-Cache: STALE``, until the lock expires after
``PAGE_CACHE_STALE_SECONDS`` (the renderer died, or is that slow): the next reader then
takes the lock and renders. Without this, every reader after a publish renders the same
page at once, and on a large portal each render takes a second. Whatever the cache still
holds, no copy is served once ``PAGE_CACHE_SECONDS`` + ``PAGE_CACHE_STALE_SECONDS`` have
passed since it was rendered (its hard limit).

Never for what was withdrawn: a purge is *hard* (the default: an unpublish, a move, a
deletion, a page made private, anything purge.py cannot tell apart) or *soft* (a page
published: something new or edited, still public). A hard purge draws a new hard token
as well (generations.py), and a copy is served stale only when it was rendered under the
hard token still current: after an unpublish no stale copy of the page, nor of a list
that showed it, is ever served.

The lock is in the page cache itself, so it is shared exactly as the pages are: Redis
(every app server) in production; each worker's local memory in the embedded profile,
where each worker keeps its own copies anyway, so one render per worker is the least
there can be.
"""

import hashlib
import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from . import generations
from .paths import may_be_shared

logger = logging.getLogger("vnportal.pagecache")

CACHE_ALIAS = "pages"
HIT_HEADER = "X-Page-Cache"
LOOKED_UP = "vnportal.page_cache_looked_up"  # WSGI environ key set by the fast path
# Set by the fast path when it answered from the cache (HIT or STALE): gunicorn's
# ``post_request`` hook (deploy/gunicorn.conf.py) does not count such a request towards
# ``max_requests``, which is there for what rendering leaks, not for stored copies.
SERVED = "vnportal.page_cache_served"
# The generation read when the request was looked up, i.e. before rendering began: a page is
# stored under it, so a page rendered from the database as it was before a purge can never
# be stored as current after the purge (see ``store``).
GENERATION = "vnportal.page_cache_generation"
HARD_GENERATION = "vnportal.page_cache_hard_generation"  # the hard token read with it
LOCK = "vnportal.page_cache_lock"  # the key of the render lock this request holds
HIT, STALE = "HIT", "STALE"
# An entry: (generation, hard token, status, headers, body, stored_at).
ENTRY_LENGTH = 6


def seconds():
    """How long a page may be served from a cache; 0 turns the page cache off."""
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def stale_seconds():
    """How long other readers may get the previous copy of a page while one request renders
    it anew (the render lock's lifetime); 0 turns stale-while-revalidate off."""
    return getattr(settings, "PAGE_CACHE_STALE_SECONDS", 0) if seconds() else 0


def _kept_seconds():
    """How long an entry stays in the cache: its fresh life, then long enough to be the stale
    copy while the next render runs."""
    return seconds() + stale_seconds()


def _bypass_cookie_names():
    names = [settings.SESSION_COOKIE_NAME, "messages", settings.LANGUAGE_COOKIE_NAME]
    return tuple(f"{name}=" for name in names)


_bypass_cookies = None


def shareable_request(meta):
    """Could this request be answered with a page every anonymous reader shares?

    ``meta`` is a WSGI environ (``request.META``), so the WSGI fast path and the middleware
    decide with the same function. A cookie name seen anywhere in the header is enough to
    bypass: a false alarm costs one uncached page, a miss would leak a personal one.
    """
    global _bypass_cookies
    # HEAD is GET without the body (gunicorn and nginx leave it out): the same shared page, so a
    # link checker or monitor gets the stored copy, and a render of it no personal variant.
    if meta.get("REQUEST_METHOD") not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in meta:
        return False
    cookies = meta.get("HTTP_COOKIE")
    if cookies:
        if _bypass_cookies is None:
            _bypass_cookies = _bypass_cookie_names()
        if any(name in cookies for name in _bypass_cookies):
            return False
    # Never shared, whatever a view says: the admin, the APIs (they set their own headers),
    # files served by Django, the member pages (core/paths.py).
    return may_be_shared(meta.get("PATH_INFO", ""))


def cache_key(meta):
    """One entry per host, path and query string (the same three nginx keys on). The
    language is part of the path (/en/…, core/languages.py), never of Accept-Language:
    one copy per address, whatever the browsers ask for."""
    host = (meta.get("HTTP_HOST") or meta.get("SERVER_NAME", "")).lower()
    raw = f"{host}\n{meta.get('PATH_INFO', '')}\n{meta.get('QUERY_STRING', '')}"
    return "p:" + hashlib.sha1(raw.encode("utf-8", "surrogateescape")).hexdigest()


# --- the store ---------------------------------------------------------------------------

_state = None


def _store():
    """``(cache, generation)``, built once per process."""
    global _state
    if _state is None:
        _state = (caches[CACHE_ALIAS], generations.for_cache("page-cache", CACHE_ALIAS))
    return _state


def reset():
    """Forget the per-process objects (tests change settings)."""
    global _state, _bypass_cookies
    _state = None
    _bypass_cookies = None


def purge_all(hard=True):
    """Start a new generation: every page stored so far is a miss from now on. A soft purge
    (``hard=False``: only something new or edited, still public) lets the previous copies be
    served while one request renders each anew; a hard one never does."""
    _store()[1].bump(hard=hard)


def current_generation():
    """The generation now current. Other caches of public content key their entries on it
    (the open-data API, vnportal/api/views.py), so every purge that reaches the pages
    reaches them at the same moment."""
    return _store()[1].current()


def stored_paths(host, paths):
    """Which of ``paths`` (on ``host``, no query string) the page cache holds in the current
    generation. Every such page went out marked for nginx too (``X-Accel-Expires``), so nginx
    should hold it as well: a PURGE that finds nothing there is worth a warning (purge.py).
    Read before the purge's new generation, of course."""
    if not seconds() or not paths:
        return set()
    cache, generation = _store()
    keys = {cache_key({"HTTP_HOST": host, "PATH_INFO": path, "QUERY_STRING": ""}): path for path in paths}
    current = generation.current()
    found = cache.get_many(list(keys))
    return {keys[key] for key, entry in found.items() if entry is not None and entry[0] == current}


# --- lookup and store --------------------------------------------------------------------


def lookup(meta):
    """The stored ``(status, headers, body, stored_at, state)`` for this request, or None
    (render it). ``state`` is HIT, or STALE: the previous copy while another request renders.

    Remembers the generation it read in ``meta[GENERATION]`` (and the hard token in
    ``meta[HARD_GENERATION]``): a miss renders next, and the page it renders belongs to
    them. A request that took the render lock has its key in ``meta[LOCK]``; whoever
    handles the request releases it (``release``)."""
    if not seconds() or not shareable_request(meta):
        return None
    cache, generation = _store()
    key = cache_key(meta)
    hard = None
    if generation.shared_key:  # one round trip for the tokens and the page
        found = cache.get_many([generation.shared_key, generation.hard_key, key])
        entry, current = found.get(key), found.get(generation.shared_key)
        if current is None:  # none drawn yet (Redis restarted), or Redis down: "0"
            current = generation.current()
        hard = found.get(generation.hard_key) or "0"
    else:
        entry, current = cache.get(key), generation.current()
    meta[GENERATION] = current
    if entry is not None and len(entry) != ENTRY_LENGTH:
        entry = None  # stored by an older version of this module (an upgrade): render
    if entry is not None and entry[0] == current and time.time() - entry[-1] < seconds():
        return (*entry[2:], HIT)
    if hard is None:  # the file's: one more stat(), on a miss only
        hard = generation.hard()
    meta[HARD_GENERATION] = hard
    if entry is None or entry[1] != hard or not stale_seconds():
        return None  # nothing that may be shown meanwhile: render
    if time.time() - entry[-1] >= _kept_seconds():
        # Past its hard limit (PAGE_CACHE_SECONDS + PAGE_CACHE_STALE_SECONDS): never served again,
        # whatever the cache still holds (an expiry Redis has not applied yet, a clock ahead).
        return None
    # The previous copy of a page nothing was withdrawn from: one request renders, the
    # others get this copy while the lock lives. A failed ``add`` (Redis down: None) renders.
    if meta.get("REQUEST_METHOD") != "GET":
        return None  # a HEAD renders for itself (nothing stored): the lock is for a GET's render
    lock = f"{key}:render:{current}"
    if cache.add(lock, 1, timeout=stale_seconds()) is False:
        return (*entry[2:], STALE)
    meta[LOCK] = lock
    return None


def release(meta, response=None):
    """Let the next reader render, should this request not have stored the page.

    When the render found the page gone, moved or closed (a 3xx or 4xx answer, in a way no
    hard purge announced: a slug changed in a publish …), the previous copy goes too, so it
    is not served stale again. After a 5xx it stays: better the previous copy than an error."""
    lock = meta.pop(LOCK, None)
    if lock is None:
        return
    cache = _store()[0]
    if response is not None and 300 <= response.status_code < 500:
        cache.delete_many([lock, cache_key(meta)])
    else:
        cache.delete(lock)


def remember_generation(meta):
    """Read the generation before rendering, when no lookup did (the fast path missed in
    another way, or a caller renders without looking up)."""
    if GENERATION not in meta:
        meta[GENERATION] = _store()[1].current()
    if HARD_GENERATION not in meta:
        meta[HARD_GENERATION] = _store()[1].hard()
    return meta[GENERATION]


def store(meta, response):
    """Keep ``response`` when it may be shared; returns whether it was kept.

    The entry carries the generation read before rendering (``meta[GENERATION]``), not the
    one current now: if a purge came in between, the render may hold what the purge was
    meant to remove (an unpublished article in a "latest news" list), and it is never served.
    It is not even written then, and nginx is told not to keep it (``X-Accel-Expires: 0``)."""
    if not seconds() or not shareable_request(meta) or not shared_cacheable(response):
        return False
    if response.streaming or response.cookies or response.status_code != 200:
        return False
    if meta.get("REQUEST_METHOD") != "GET":
        return False  # a HEAD's render: served from copies, never stored (it carries no beacon)
    cache, generation = _store()
    rendered_in = meta.get(GENERATION)
    current = generation.current()
    if rendered_in is not None and rendered_in != current:
        response["X-Accel-Expires"] = "0"
        return False
    headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
    hard = meta.get(HARD_GENERATION) if rendered_in is not None else generation.hard()
    entry = (rendered_in or current, hard, response.status_code, headers, response.content, time.time())
    cache.set(cache_key(meta), entry, timeout=_kept_seconds())
    return True


def _refuses_sharing(cache_control):
    return "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control


def shared_cacheable(response):
    """The one answer to "is this response shareable": will a shared cache (this page cache,
    nginx's microcache, a CDN) keep it and serve it again? ``Cache-Control`` says public
    (or gives an ``s-maxage``) and nothing in it forbids sharing. The statistics count such a
    response by beacon, since a copy served later never reaches Django."""
    value = response.get("Cache-Control", "").lower()
    if not value or _refuses_sharing(value):
        return False
    return "public" in value or "s-maxage" in value


def _shared_vary(response):
    """The session middleware says ``Vary: Cookie`` whenever the user was looked up. For a
    shared page that is not so: the bypass rule above (and nginx's, deploy/nginx) already
    splits readers by cookie, and a Vary on every reader's distinct cookies would give each
    one a private copy in nginx. Likewise ``Accept-Language`` from the locale middleware:
    the language is in the path."""
    vary = response.get("Vary")
    if vary:
        # The language comes from the path only (core/languages.py): Accept-Language never varies a page.
        dropped = {"cookie", "accept-language"}
        kept = [v.strip() for v in vary.split(",") if v.strip() and v.strip().lower() not in dropped]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]


# --- declaring a view shareable ----------------------------------------------------------


def mark_shareable(request):
    """Called before a public view renders: the page may be shared, so render the
    anonymous, cookie-free variant of every block (see ``is_shared``)."""
    request._vnportal_shared = True


def is_shared(request):
    """Is this response going to be shared between readers? Blocks with a personal part
    (polls) then render their neutral form and let JavaScript fill in the rest."""
    return bool(seconds()) and getattr(request, "_vnportal_shared", False) and shareable_request(request.META)


def shared_cache(view):
    """Decorator for a Django view whose anonymous GET response every reader may share."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        mark_shareable(request)
        return view(request, *args, **kwargs)

    return wrapper


def shared_render(view):
    """Decorator for a Django view whose anonymous GET every reader is shown alike, but which must
    reach Django each time (it counts its own views: a document's page): its blocks render
    their shared, cookie-free form (as on a kept page, and so they may come from the fragment
    cache), and no shared cache keeps the response (``Cache-Control: private``)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        mark_shareable(request)
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True)
        return response

    return wrapper


# --- middleware and the WSGI fast path ---------------------------------------------------


class PageCacheMarkMiddleware:
    """Marks a shareable response ``public`` before the statistics middleware looks at it
    (it then counts the page by beacon, so a copy served later still counts). Goes right
    after StatsMiddleware in MIDDLEWARE, i.e. it sees the response first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_shared(request) or response.status_code != 200 or response.streaming:
            return response
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "is_preview", False):
            return response  # something personal went into it
        if _refuses_sharing(response.get("Cache-Control", "").lower()):
            return response
        patch_cache_control(response, public=True, max_age=0)
        # nginx keeps the page this long (the header never reaches the browser, which
        # revalidates every time: an editor who logs in must not see an old copy).
        response["X-Accel-Expires"] = str(seconds())
        return response


class PageCacheMiddleware:
    """Serves and stores shared pages; first in MIDDLEWARE, so the stored copy is the
    complete response (security headers, statistics beacon)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Under gunicorn the WSGI fast path has looked already (and missed): do not ask twice.
        found = None if request.META.get(LOOKED_UP) else lookup(request.META)
        if found is not None:
            return _response_from(found)
        response = None
        shareable = seconds() and shareable_request(request.META)
        if shareable:
            started = (time.perf_counter(), time.thread_time())
        try:
            if shareable:
                remember_generation(request.META)  # before rendering: see ``store``
            response = self.get_response(request)
            if shared_cacheable(response) and shareable_request(request.META):
                _shared_vary(response)
                if store(request.META, response):
                    response[HIT_HEADER] = "MISS"
            return response
        finally:
            if shareable and logger.isEnabledFor(logging.DEBUG):
                _log_render(request.META, response, started)
            release(request.META, response)


def _log_render(meta, response, started):
    """One DEBUG line per page rendered for the cache (bench/herd_bench.py counts them per
    publish): why it rendered (``lock``: it took the render lock over a stale copy;
    ``refresh``: nginx's refresh after a publish; ``miss``: no copy that could be shown),
    and how long it took, in wall-clock and in this thread's CPU time."""
    wall, cpu = time.perf_counter() - started[0], time.thread_time() - started[1]
    reason = "refresh" if meta.get("HTTP_X_VNPORTAL_REFRESH") else "lock" if LOCK in meta else "miss"
    status = response.status_code if response is not None else "-"
    logger.debug(
        "page rendered (%s): %s %s in %.0f ms, %.0f ms CPU",
        reason,
        meta.get("PATH_INFO"),
        status,
        wall * 1000,
        cpu * 1000,
    )


def _served_headers(state, stored_at):
    headers = [("Age", str(max(0, int(time.time() - stored_at)))), (HIT_HEADER, state)]
    if state == STALE:
        # nginx must not keep the previous copy as a fresh one (it keeps serving its own
        # copy, if any, while this request was answered: see deploy/nginx/vnportal.conf).
        headers.append(("X-Accel-Expires", "0"))
    return headers


def _response_from(found):
    status, headers, body, stored_at, state = found
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    for name, value in _served_headers(state, stored_at):
        response[name] = value
    return response


def wsgi_fast_path(application):
    """Wrap the Django WSGI application: a stored page goes out without entering Django
    (no request object, no middleware, no signals), about ten times less work per hit."""

    def fast_application(environ, start_response):
        found = None
        if environ.get("REQUEST_METHOD") == "GET":
            found = lookup(environ)
            environ[LOOKED_UP] = True
        if found is None:
            return application(environ, start_response)
        status, headers, body, stored_at, state = found
        environ[SERVED] = state
        replaced = {"content-length", "x-accel-expires"} if state == STALE else {"content-length"}
        headers = [(name, value) for name, value in headers if name.lower() not in replaced]
        headers += [("Content-Length", str(len(body))), *_served_headers(state, stored_at)]
        start_response(f"{status} OK", headers)
        return [body]

    return fast_application
