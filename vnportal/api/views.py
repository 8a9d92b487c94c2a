"""The API's views: one list and one item view per resource, the index and the OpenAPI
description, all through ``endpoint``, which does what every answer shares:

* **CORS**: ``Access-Control-Allow-Origin: *`` — it is open data, read by any web page;
  ``OPTIONS`` answers a browser's preflight; any other method is a 405.
* **Rate limit** per client address (core/ratelimit.py: Redis, or the database; never
  process memory), counted before anything else: past it, 429 with ``Retry-After``.
* **Cache**: the built JSON is kept API_CACHE_SECONDS under a key that carries the page
  cache's generation (core/pagecache.py), so the purge that follows a publish, an
  unpublish, a moved page, a changed document, answer or schedule week makes every stored
  answer stale at once; browsers and proxies get ``Cache-Control: public, max-age``,
  an ``ETag`` and a ``Last-Modified`` and may revalidate (304).
* **Errors** as JSON, in Vietnamese and English (errors.py), never a 500 for bad input.

The site is the request host's Wagtail Site (``Site.find_for_request``): the key includes
it, and the resources only list what belongs to it.
"""

import hashlib
import math
import time
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext_noop as N_
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Site

from vnportal.core import pagecache, ratelimit
from vnportal.core.visitors import hashed_ip

from . import openapi, params
from .base import Context
from .errors import ApiError, error_response, json_response
from .resources import RESOURCES

READ_METHODS = ("GET", "HEAD")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After",
}


def _cors(response):
    for name, value in CORS_HEADERS.items():
        response[name] = value
    return response


def _preflight():
    response = json_response({}, status=200)
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
    response["Access-Control-Max-Age"] = "86400"
    response["Allow"] = "GET, HEAD, OPTIONS"
    return response


def _check_rate(request):
    limit, window = settings.API_RATE_LIMIT, settings.API_RATE_WINDOW
    if limit <= 0 or window <= 0:
        return
    if not ratelimit.hit("api:" + hashed_ip(request, "api"), limit, window):
        error = ApiError(
            429,
            "rate_limited",
            N_("Too many requests from your address. Please wait %(seconds)s seconds and try again."),
            seconds=_retry_after(window),
        )
        raise error


def _retry_after(window):
    """Seconds until the current fixed window (ratelimit.py) ends."""
    return max(1, math.ceil(window - time.time() % window))


def _canonical_query(request):
    return urlencode(sorted((name, value) for name, values in request.GET.lists() for value in values))


def _cached(request, site, build):
    """``(body, etag, built_at)``: from the cache when the same answer was built in this generation."""
    seconds = settings.API_CACHE_SECONDS
    generation = pagecache.current_generation() if seconds > 0 else None  # read before building: see pagecache.store
    key = None
    if seconds > 0:
        raw = f"{generation}\n{site.pk}\n{request.path}\n{_canonical_query(request)}"
        key = "api:v1:" + hashlib.sha1(raw.encode("utf-8", "surrogateescape")).hexdigest()
        entry = cache.get(key)
        if entry is not None:
            return entry
    body = json_response(build()).content
    entry = (body, '"' + hashlib.sha1(body).hexdigest()[:32] + '"', time.time())
    if key is not None:
        cache.set(key, entry, timeout=seconds)
    return entry


def endpoint(build):
    """A read-only JSON endpoint: ``build(request, ctx, **kwargs)`` returns the data."""

    @csrf_exempt  # nothing here changes state; a POST gets the JSON 405 below, not a CSRF page
    @wraps(build)
    def view(request, **kwargs):
        if request.method == "OPTIONS":
            return _cors(_preflight())
        try:
            if request.method not in READ_METHODS:
                raise ApiError(405, "method_not_allowed", N_("This API is read-only: use GET."))
            _check_rate(request)
            site = Site.find_for_request(request)
            if site is None:
                raise ApiError(404, "no_site", N_("No site is served at this address."))
            ctx = Context(request=request, site=site)
            body, etag, built_at = _cached(request, site, lambda: build(request, ctx, **kwargs))
        except ApiError as error:
            response = error_response(error)
            if error.status == 429:
                response["Retry-After"] = str(error.values["seconds"])
            elif error.status == 405:
                response["Allow"] = "GET, HEAD, OPTIONS"
            return _cors(response)
        response = json_response({})
        response.content = body
        response["ETag"] = etag
        response["Last-Modified"] = http_date(built_at)
        patch_cache_control(response, public=True, max_age=settings.API_MAX_AGE)
        conditional = get_conditional_response(request, etag=etag, last_modified=int(built_at), response=response)
        return _cors(conditional)

    return view


def _page_link(request, ctx, values, offset):
    query = dict(values, offset=str(offset))
    if query["offset"] == "0":
        del query["offset"]
    return ctx.absolute(request.path + ("?" + urlencode(sorted(query.items())) if query else ""))


def list_view(resource):
    def build(request, ctx):
        values = params.single_values(request.GET, resource.accepted())
        limit, offset = params.paging(values)
        queryset = resource.narrow(resource.queryset(ctx), values, ctx)
        count = queryset.count()
        results = resource.serialize(queryset[offset : offset + limit], ctx) if offset < count else []
        values = {name: value for name, value in values.items() if value}
        return {
            "count": count,
            "limit": limit,
            "offset": offset,
            "next": _page_link(request, ctx, values, offset + limit) if offset + limit < count else None,
            "previous": _page_link(request, ctx, values, max(0, offset - limit)) if offset > 0 else None,
            "results": results,
        }

    build.__name__ = f"{resource.name}_list"
    return endpoint(build)


def detail_view(resource):
    def build(request, ctx, pk):
        params.single_values(request.GET, set())  # an item takes no parameter
        items = resource.serialize(resource.queryset(ctx).filter(pk=pk), ctx) if pk <= params.MAX_ID else []
        if not items:
            raise ApiError(404, "not_found", N_("There is no public item with this id on this site."))
        return items[0]

    build.__name__ = f"{resource.name}_detail"
    return endpoint(build)


@endpoint
def index(request, ctx):
    params.single_values(request.GET, set())
    return {
        "name": "vnportal open data API",
        "version": openapi.VERSION,
        "openapi": ctx.absolute(reverse("api:openapi")),
        "licence": openapi.LICENCE,
        "endpoints": {resource.name: ctx.absolute(reverse(f"api:{resource.name}")) for resource in RESOURCES},
    }


@endpoint
def openapi_json(request, ctx):
    params.single_values(request.GET, set())
    return openapi.document(ctx.absolute(reverse("api:index")).rstrip("/"))


@endpoint
def not_found(request, ctx, rest=""):
    raise ApiError(404, "not_found", N_("There is no such address in the API. See /api/v1/ for the list."))
