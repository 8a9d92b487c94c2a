"""What every collection of the API shares: the request's context, the shape of a resource,
and how values are written (ISO 8601 in Asia/Ho_Chi_Minh, absolute public URLs)."""

from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import Site

from vnportal.core import public

from . import params


@dataclass
class Context:
    """One request as a resource sees it: the Wagtail Site of its host, and where that site lives."""

    request: object
    site: Site

    @property
    def base_url(self):
        """The public root of the site (VNPORTAL_PUBLIC_URL for the default site, a
        sub-portal's own root URL otherwise), never the request's Host header."""
        if self.site.is_default_site:
            return public.base_url()
        return self.site.root_url

    def absolute(self, path):
        return self.base_url + path

    def page_url(self, page):
        return public.page_url(page, request=self.request)


def iso_datetime(value):
    """``2026-12-07T09:30:00+07:00``: local time, with its offset, to the second."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def iso_date(value):
    return value.isoformat() if value is not None else None


def named(obj, name_field="name"):
    """A related item as ``{"id", "name"}`` (or None)."""
    if obj is None:
        return None
    return {"id": obj.pk, "name": getattr(obj, name_field)}


@dataclass
class Parameter:
    """A query parameter a resource accepts: its name, JSON Schema and description (OpenAPI)."""

    name: str
    schema: dict
    description: str


ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": params.MAX_ID}
DATE_SCHEMA = {"type": "string", "format": "date"}

COMMON_PARAMETERS = [
    Parameter(
        "limit",
        {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
        "Items per page (API_PAGE_SIZE by default, at most API_MAX_PAGE_SIZE).",
    ),
    Parameter(
        "offset", {"type": "integer", "minimum": 0, "maximum": params.MAX_OFFSET, "default": 0}, "Items to skip."
    ),
]
DATE_PARAMETERS = [
    Parameter("from", DATE_SCHEMA, "First day (YYYY-MM-DD, inclusive, local time)."),
    Parameter("to", DATE_SCHEMA, "Last day (YYYY-MM-DD, inclusive, local time)."),
]


class Resource:
    """One collection (``/api/v1/<name>/``). Subclasses say what is public and how an item looks.

    ``queryset(ctx)``: every public item of the site, in a stable order (ending with the
    primary key, so pages never overlap or skip). ``narrow(queryset, values, ctx)``: the
    resource's own filters, from the parsed query string. ``serialize(objects, ctx)``: the
    items of one page, in a fixed number of queries however many there are.
    """

    name = ""  # the URL segment
    schema = ""  # the OpenAPI component of one item
    summary = ""
    parameters = []  # beyond limit and offset

    def accepted(self):
        return {p.name for p in COMMON_PARAMETERS + self.parameters}

    def queryset(self, ctx):
        raise NotImplementedError

    def narrow(self, queryset, values, ctx):
        return queryset

    def serialize(self, objects, ctx):
        raise NotImplementedError

    def get(self, ctx, pk):
        """One public item of the site, or None."""
        return self.queryset(ctx).filter(pk=pk).first()
